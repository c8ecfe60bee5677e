import { readFile } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { incidents, PRODUCTS, type Product } from "../../db/schema/index";
import type { AppContext } from "~/services/context.server";
import { getPoolStatus } from "~/services/enrollment/pool.server";
import { importMonitoringCodes } from "~/services/enrollment/pool-import.server";
import { getCurrentIncident } from "~/services/incidents/current.server";
import { CLI_ACTOR, CliUsageError, parseOptions, type CliCommand } from "./types";

async function incidentFor(ctx: AppContext, slug: string | undefined) {
  if (slug) {
    const [row] = await ctx.db.select().from(incidents).where(eq(incidents.slug, slug));
    if (!row) throw new CliUsageError(`No incident with slug "${slug}".`);
    return row;
  }
  const current = await getCurrentIncident(ctx);
  if (!current) throw new CliUsageError("No incident yet: create one first (or seed the demo).");
  return current;
}

function isProduct(x: unknown): x is Product {
  return typeof x === "string" && (PRODUCTS as readonly string[]).includes(x);
}

async function printStatus(ctx: AppContext, incidentId: string) {
  const status = await getPoolStatus(ctx, incidentId);
  if (!status) return;
  console.log(`Pool of ${status.incident.name} (${status.incident.slug}):`);
  for (const p of status.products) {
    const pct = p.loaded > 0 ? `${Math.round(p.share * 100)}%` : "-";
    console.log(
      `  ${p.product.padEnd(6)} loaded ${String(p.loaded).padStart(9)}  handed out ${String(p.claimed).padStart(9)}  left ${String(p.remaining).padStart(9)} (${pct})  waiting ${p.waiting}${p.low ? "  LOW" : ""}`,
    );
  }
  for (const a of status.alerts) console.log(`  alert: ${a.kind} (${a.product}) since ${a.raisedAt.toISOString()}`);
}

/** `npm run cli -- pool …`: load the monitoring partner's codes, see what is left. */
export const poolCommands: CliCommand[] = [
  {
    name: "pool import",
    usage: "--product adult|minor --file <txt> [--incident <slug>] [--skip-invalid]   (one vendor code per line)",
    async run(ctx, args) {
      const o = parseOptions(args, {
        product: { type: "string" },
        file: { type: "string" },
        incident: { type: "string" },
        "skip-invalid": { type: "boolean" },
      });
      if (!isProduct(o.product)) throw new CliUsageError("--product must be adult or minor.");
      if (!o.file) throw new CliUsageError("--file is required.");
      let text: string;
      try {
        text = await readFile(o.file, "utf8");
      } catch {
        throw new CliUsageError(`Cannot read ${o.file}.`);
      }
      const incident = await incidentFor(ctx, o.incident);
      console.error(`Loading ${o.product} codes from ${path.basename(o.file)} into ${incident.slug}…`);
      const result = await importMonitoringCodes(ctx, CLI_ACTOR, null, {
        incidentId: incident.id,
        product: o.product,
        text,
        fileName: path.basename(o.file),
        skipInvalid: Boolean(o["skip-invalid"]),
      });
      for (const bad of result.invalid.slice(0, 50)) console.log(`line ${bad.line}: ${bad.reason}`);
      if (result.invalid.length > 50) console.log(`… and ${result.invalid.length - 50} more rejected lines`);
      if (result.refused) {
        console.log(`Nothing loaded: ${result.invalid.length} rejected line(s). Fix them, or use --skip-invalid.`);
        return 1;
      }
      console.log(`Import ${result.importId}: loaded ${result.loaded}, already in the pool ${result.duplicates}, rejected ${result.invalid.length}.`);
      if (result.enrolledFromWaiting > 0) console.log(`Enrolled ${result.enrolledFromWaiting} waiting people (their email is queued).`);
      await printStatus(ctx, incident.id);
      return 0;
    },
  },
  {
    name: "pool status",
    usage: "[--incident <slug>]   (codes loaded, handed out, left, people waiting, open alerts)",
    async run(ctx, args) {
      const o = parseOptions(args, { incident: { type: "string" } });
      const incident = await incidentFor(ctx, o.incident);
      await printStatus(ctx, incident.id);
      return 0;
    },
  },
];
