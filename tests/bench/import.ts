import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { migrateDatabase, openDatabase } from "../../db/client";
import { createAppContext } from "../../app/services/context.server";
import { importBatch } from "../../app/services/batches/import.server";
import { loadConfig, testConfig } from "../../app/utils/env.server";
import { createIncident, createOrganization } from "../factories";
import { SYNTHETIC_HEADER, writeSyntheticBatch } from "./synthetic";

/** HealthEC: letters to 4,452,782 people. */
export const HEALTHEC_ROWS = 4_452_782;

/**
 * `npm run bench -- import [--rows N] [--keep] [--dry-run]`: a synthetic batch file, our whole import (parse,
 * validate, seal in workers, COPY, move into notices) timed end to end on PostgreSQL, against
 * `psql \copy` of the same file into a bare table. BENCH_DATABASE_URL names the server (default
 * local); a fresh database `ec_bench_import` is created for the run (never the `test` database).
 */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args,
    options: { rows: { type: "string" }, keep: { type: "boolean" }, "dry-run": { type: "boolean" }, load: { type: "string" }, "read-kb": { type: "string" } },
  });
  const load = values.load ?? "auto";
  if (load !== "auto" && load !== "direct" && load !== "staging") throw new Error("--load takes auto, direct or staging");
  const dryRun = Boolean(values["dry-run"]);
  const rows = values.rows ? Number(values.rows) : HEALTHEC_ROWS;
  if (!Number.isInteger(rows) || rows < 1) throw new Error("--rows takes a positive integer");
  const server = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const dbName = "ec_bench_import";

  mkdirSync("/tmp/ec-bench", { recursive: true });
  const file = `/tmp/ec-bench/healthec-${rows}.csv`;
  if (!existsSync(file)) {
    console.info(`writing ${rows.toLocaleString("en-US")} synthetic rows to ${file}…`);
    await writeSyntheticBatch(file, rows);
  }
  const bytes = statSync(file).size;

  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(server);
  url.pathname = `/${dbName}`;

  // Baseline: psql \copy of the same file into a bare table with the file's columns.
  const cols = SYNTHETIC_HEADER.split(",")
    .map((c) => `${c} text`)
    .join(", ");
  const psql = (sqlText: string) => {
    const r = spawnSync("psql", ["-v", "ON_ERROR_STOP=1", "-qAt", url.toString(), "-c", sqlText], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  };
  psql(`create table bench_bare (${cols})`);
  console.info("baseline: psql \\copy into a bare table…");
  const b0 = performance.now();
  psql(`\\copy bench_bare from '${file}' with (format csv, header true)`);
  const baselineS = (performance.now() - b0) / 1000;
  psql("drop table bench_bare");

  const database = await openDatabase({ url: url.toString() });
  await migrateDatabase(database);
  // Fixed test secrets; the import's own settings (IMPORT_WORKERS, EC_NATIVE_SEAL) from the environment, validated.
  const { importWorkers, nativeSeal } = loadConfig();
  const ctx = createAppContext(database, testConfig({ importWorkers, nativeSeal }));
  const incident = await createIncident(ctx);
  const org = await createOrganization(ctx, incident);

  const rssBefore = process.memoryUsage.rss();
  let peakRss = rssBefore;
  let atPeak = process.memoryUsage();
  const sampler = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > peakRss) {
      peakRss = rss;
      if (process.env.BENCH_MEMORY_DETAIL) atPeak = process.memoryUsage();
    }
  }, 100);
  console.info(`${dryRun ? "dry run" : "import"}: ${rows.toLocaleString("en-US")} rows (${(bytes / 1e6).toFixed(0)} MB)…`);
  const t0 = performance.now();
  let lastLog = 0;
  const result = await importBatch(ctx, { actorType: "cli", actorId: "bench", actorRole: "admin" }, null, {
    organizationId: org.id,
    filePath: file,
    fileName: "healthec.csv",
    source: "cli",
    mailingOut: dryRun ? undefined : `/tmp/ec-bench/mailing-${rows}.csv`,
    dryRun,
    load,
    readChunkBytes: values["read-kb"] ? Number(values["read-kb"]) * 1024 : undefined,
    onProgress: (p) => {
      const now = performance.now();
      if (now - lastLog < 5000 && p.phase === "reading") return;
      lastLog = now;
      console.info(`  ${((now - t0) / 1000).toFixed(1)} s ${p.phase}: ${p.rowsRead} read, ${p.rowsSealed} sealed`);
    },
  });
  const importS = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  await database.close();
  if (!values.keep) await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();
  if (dryRun ? result.outcome !== "dry_run" || result.rowsRead !== rows || result.rejected !== 0 : result.outcome !== "imported" || result.imported !== rows)
    throw new Error(`import ended ${result.outcome} (${result.imported} rows): ${result.error ?? ""}`);

  const rowsPerS = Math.round(rows / importS);
  const baselineRowsPerS = Math.round(rows / baselineS);
  const ratio = Number((rowsPerS / baselineRowsPerS).toFixed(3));
  const peakRssMb = Math.round(peakRss / 1e6);
  console.info(
    `\n${dryRun ? "dry run" : "import"}: ${importS.toFixed(1)} s, ${rowsPerS.toLocaleString("en-US")} rows/s; psql \\copy: ${baselineS.toFixed(1)} s, ` +
      `${baselineRowsPerS.toLocaleString("en-US")} rows/s; ratio ${ratio}; peak RSS ${peakRssMb} MB (workers included)`,
  );
  if (process.env.BENCH_MEMORY_DETAIL) {
    const mb = (n: number) => Math.round(n / 1e6);
    console.info(
      `RSS before the import ${mb(rssBefore)} MB; at the peak: main heap ${mb(atPeak.heapUsed)}/${mb(atPeak.heapTotal)} MB, ` +
        `external ${mb(atPeak.external)} MB (array buffers ${mb(atPeak.arrayBuffers)} MB)`,
    );
  }
  const loadavg = (await import("node:os")).loadavg().map((x) => Number(x.toFixed(2)));
  console.info(`load average (1, 5, 15 min) at the end: ${loadavg.join(", ")}`);
  return {
    rows,
    dry_run: dryRun,
    seconds: Number(importS.toFixed(2)),
    rows_per_s: rowsPerS,
    baseline_rows_per_s: baselineRowsPerS,
    ratio,
    peak_rss_mb: peakRssMb,
    loadavg_1m: loadavg[0],
  };
}
