import { existsSync } from "node:fs";
import path from "node:path";
import { importBatch, type ImportProgress } from "~/services/batches/import.server";
import { BatchStateError, markBatchMailed } from "~/services/batches/mailing.server";
import { findOrganizationBySlug } from "~/services/batches/organizations.server";
import { describeProblem } from "~/services/batches/report";
import { chooseIncident, describeIncidentChoice } from "~/services/incidents/manage.server";
import { CLI_ACTOR, CliUsageError, parseOptions, type CliCommand } from "./types";
import { isIsoDate } from "~/utils/dates";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function progressLine(p: ImportProgress, startedAt: number): string {
  const s = (Date.now() - startedAt) / 1000;
  const rate = s > 0 ? Math.round(p.rowsRead / s) : 0;
  return `${p.phase}: ${p.rowsRead.toLocaleString("en-US")} rows read, ${p.rowsSealed.toLocaleString("en-US")} sealed, ${p.rowsRejected.toLocaleString("en-US")} rejected (${rate.toLocaleString("en-US")} rows/s)`;
}

/** `npm run cli -- batch …` commands. */
export const batchCommands: CliCommand[] = [
  {
    name: "batch import",
    usage: "--org <slug> --file <csv> [--incident <slug>] [--mailing-out <csv>] [--mailing-date YYYY-MM-DD] [--skip-invalid] [--dry-run]",
    async run(ctx, args) {
      const o = parseOptions(args, {
        org: { type: "string" },
        file: { type: "string" },
        incident: { type: "string" },
        "mailing-out": { type: "string" },
        "mailing-date": { type: "string" },
        "skip-invalid": { type: "boolean" },
        "dry-run": { type: "boolean" },
      });
      if (!o.org || !o.file) throw new CliUsageError("--org and --file are required");
      if (!existsSync(o.file)) throw new CliUsageError(`no such file: ${o.file}`);
      if (o["mailing-date"] && !isIsoDate(o["mailing-date"])) throw new CliUsageError("--mailing-date takes YYYY-MM-DD");
      if (o["mailing-out"] && o["dry-run"]) throw new CliUsageError("--mailing-out makes no sense with --dry-run");
      // The organization of the incident named (as `org create --incident`), else of this
      // deployment's incident (INCIDENT_SLUG, else the newest: the one the public pages show).
      let incidentId: string | undefined;
      if (o.incident) {
        const choice = await chooseIncident(ctx, o.incident);
        if (choice.kind !== "ok") throw new CliUsageError(describeIncidentChoice(choice));
        incidentId = choice.incident.id;
      }
      const org = await findOrganizationBySlug(ctx, o.org, incidentId);
      if (!org)
        throw new CliUsageError(
          `no organization ${o.org} in ${o.incident ? `the incident ${o.incident}` : "the current incident"} (npm run cli -- org create …)`,
        );
      const startedAt = Date.now();
      const tty = process.stderr.isTTY;
      const result = await importBatch(ctx, CLI_ACTOR, null, {
        organizationId: org.id,
        filePath: o.file,
        fileName: path.basename(o.file),
        mailingDate: o["mailing-date"],
        skipInvalid: o["skip-invalid"],
        dryRun: o["dry-run"],
        mailingOut: o["mailing-out"],
        source: "cli",
        onProgress: (p) => {
          const line = progressLine(p, startedAt);
          if (tty) process.stderr.write(`\r${line}\x1b[K`);
          else console.error(line);
        },
      });
      if (tty) process.stderr.write("\n");
      const secs = ((Date.now() - startedAt) / 1000).toFixed(1);
      console.log(`batch: ${result.batchId ?? "(none)"}`);
      console.log(`outcome: ${result.outcome}`);
      console.log(`rows read: ${result.rowsRead}, imported: ${result.imported}, rejected: ${result.rejected} (${secs} s)`);
      if (result.outcome === "duplicate") console.log(`this file was imported already (batch ${result.duplicateOf}); nothing added`);
      if (result.outcome === "in_progress") console.log("this file is being imported right now by another process");
      if (result.error) console.log(`error: ${result.error}`);
      const rep = result.report;
      if (rep && (rep.rowsRejected > 0 || rep.fileProblems.length)) {
        console.log("rejected rows (line, column, reason):");
        for (const p of [...rep.fileProblems, ...rep.rows]) console.log(`  ${p.line}, ${p.column || "-"}, ${p.reason}: ${describeProblem(p)}`);
        if (rep.truncated) {
          console.log("  … (first rows of each reason only); counts by reason:");
          for (const [reason, n] of Object.entries(rep.counts)) console.log(`  ${reason}: ${n}`);
        }
      }
      if (result.outcome === "imported" && o["mailing-out"]) console.log(`mailing file: ${o["mailing-out"]}`);
      if (result.outcome === "rejected" && !o["skip-invalid"]) console.log("nothing was imported (use --skip-invalid to import the valid rows)");
      return result.outcome === "imported" || result.outcome === "dry_run" || result.outcome === "duplicate" ? 0 : 1;
    },
  },
  {
    name: "batch mark-mailed",
    usage: "--batch <id> [--date YYYY-MM-DD]",
    async run(ctx, args) {
      const o = parseOptions(args, { batch: { type: "string" }, date: { type: "string" } });
      if (!o.batch || !UUID.test(o.batch)) throw new CliUsageError("--batch <id> is required");
      if (o.date && !isIsoDate(o.date)) throw new CliUsageError("--date takes YYYY-MM-DD");
      try {
        const r = await markBatchMailed(ctx, CLI_ACTOR, null, { batchId: o.batch, mailedOn: o.date });
        console.log(`batch ${r.batchId} mailed on ${r.mailedOn}: its codes work now and can no longer be exported`);
        return 0;
      } catch (error) {
        if (error instanceof BatchStateError) {
          console.error(error.message);
          return 1;
        }
        throw error;
      }
    },
  },
];
