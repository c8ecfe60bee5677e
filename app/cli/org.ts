import { createOrganization, OrganizationError } from "~/services/batches/organizations.server";
import { CLI_ACTOR, CliUsageError, parseOptions, type CliCommand } from "./types";

/** `npm run cli -- org …` commands. */
export const orgCommands: CliCommand[] = [
  {
    name: "org create",
    usage: "--slug <slug> --name <name>   (into the current incident)",
    async run(ctx, args) {
      const o = parseOptions(args, { slug: { type: "string" }, name: { type: "string" } });
      if (!o.slug || !o.name) throw new CliUsageError("--slug and --name are required");
      try {
        const org = await createOrganization(ctx, CLI_ACTOR, null, { slug: o.slug, name: o.name });
        console.log(`organization ${org.slug} created (${org.id})`);
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
