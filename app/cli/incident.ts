import { readFile } from "node:fs/promises";
import type { IncidentWriteResult } from "~/services/incidents/manage.server";
import { CLI_ACTOR, CliUsageError, parseOptions, type CliCommand } from "./types";

// Loaded when one of these commands runs: every CLI start compiles what it imports (tsx).
const manage = () => import("~/services/incidents/manage.server");

/** Read and parse the JSON file; an unreadable file or bad JSON is bad usage (exit 2). */
async function readJsonFile(file: string | undefined): Promise<unknown> {
  if (!file) throw new CliUsageError("--file is required");
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch {
    throw new CliUsageError(`cannot read ${file}`);
  }
  try {
    return JSON.parse(raw.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new CliUsageError(`${file} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

function report(result: IncidentWriteResult, slug: string): number {
  if (result.kind === "not_found") {
    console.error(`there is no incident with the slug ${slug}`);
    return 1;
  }
  if (result.kind === "invalid") {
    for (const line of result.problems) console.error(line);
    console.error("Nothing was written.");
    return 1;
  }
  for (const w of result.warnings) console.warn(w);
  if (result.kind === "created") console.log(`incident ${result.incident.slug} created (${result.incident.id})`);
  else console.log(`incident ${result.incident.slug} updated: ${result.changed.length ? result.changed.join(", ") : "nothing changed"}`);
  return 0;
}

/** `npm run cli -- incident …`: describe the breach (DESIGN.md "Setting up an incident"). */
export const incidentCommands: CliCommand[] = [
  {
    name: "incident create",
    usage: "--file <incident.json>   (validates the whole definition; prints `field: reason` per problem)",
    async run(ctx, args) {
      const o = parseOptions(args, { file: { type: "string" } });
      const json = await readJsonFile(o.file);
      const slug = (json as { slug?: unknown })?.slug;
      const { createIncident } = await manage();
      return report(await createIncident(ctx, CLI_ACTOR, null, json), typeof slug === "string" ? slug : "");
    },
  },
  {
    name: "incident update",
    usage: "--slug <slug> --file <json>   (any subset of the keys)",
    async run(ctx, args) {
      const o = parseOptions(args, { slug: { type: "string" }, file: { type: "string" } });
      if (!o.slug) throw new CliUsageError("--slug is required");
      const json = await readJsonFile(o.file);
      const { updateIncident } = await manage();
      return report(await updateIncident(ctx, CLI_ACTOR, null, o.slug, json), o.slug);
    },
  },
  {
    name: "incident show",
    usage: "[--slug <slug>]   (prints the definition as JSON, the same keys as the file)",
    async run(ctx, args) {
      const o = parseOptions(args, { slug: { type: "string" } });
      const { chooseIncident, describeIncidentChoice, showIncident } = await manage();
      const choice = await chooseIncident(ctx, o.slug);
      if (choice.kind === "ambiguous") throw new CliUsageError(describeIncidentChoice(choice, "--slug"));
      if (choice.kind !== "ok") {
        console.error(describeIncidentChoice(choice, "--slug"));
        return 1;
      }
      console.log(JSON.stringify(await showIncident(ctx, CLI_ACTOR, null, choice.incident), null, 2));
      return 0;
    },
  },
];
