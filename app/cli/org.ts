import { createOrganization, OrganizationError } from "~/services/batches/organizations.server";
import { chooseIncident, describeIncidentChoice } from "~/services/incidents/manage.server";
import { CLI_ACTOR, CliUsageError, parseOptions, type CliCommand } from "./types";

/** `npm run cli -- org …` commands. */
export const orgCommands: CliCommand[] = [
  {
    name: "org create",
    usage: "--slug <slug> --name <name> [--incident <slug>]   (into the only incident, or the one named)",
    async run(ctx, args) {
      const o = parseOptions(args, { slug: { type: "string" }, name: { type: "string" }, incident: { type: "string" } });
      if (!o.slug || !o.name) throw new CliUsageError("--slug and --name are required");
      const choice = await chooseIncident(ctx, o.incident);
      if (choice.kind === "ambiguous") throw new CliUsageError(describeIncidentChoice(choice));
      if (choice.kind !== "ok") {
        console.error(describeIncidentChoice(choice));
        return 1;
      }
      try {
        const org = await createOrganization(ctx, CLI_ACTOR, null, { slug: o.slug, name: o.name, incidentId: choice.incident.id });
        console.log(`organization ${org.slug} created in ${choice.incident.slug} (${org.id})`);
        return 0;
      } catch (error) {
        if (error instanceof OrganizationError) {
          console.error(error.message);
          return 1;
        }
        throw error;
      }
    },
  },
];
