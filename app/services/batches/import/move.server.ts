// The last stage of an import: the rows go into `notices` in one transaction, with the batch's
// report counters, its new status and the audit rows.
import { eq, sql } from "drizzle-orm";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { performance } from "node:perf_hooks";
import type postgres from "postgres";
import type { Db } from "../../../../db/client";
import * as schema from "../../../../db/schema/index";
import { batches, noticeCategoryStats, noticeStats, type Batch } from "../../../../db/schema/index";
import { recordAuditEvent } from "../../audit/record.server";
import type { Actor } from "../../actor";
import type { AppContext, RequestMeta } from "../../context.server";
import { log } from "~/utils/log.server";
import { beginBulkLoad, endBulkRows, finishDirectLoad, rebuildIndexes, type DirectLoad, type Exec } from "./bulk-load.server";
import type { ReportCollector } from "../report";
import { rowsOf } from "../sql.server";
import { REBUILD_MIN_ROWS, rebuildPays } from "./load-path.server";
import type { Stats } from "./types";

const NOTICE_COLUMNS =
  "reference_number, code_hash, code_enc, external_id_hash, external_id_enc, categories, state, language, is_minor, is_deceased, name_enc, address_enc, dob_enc, email_enc, phone_enc, search_hash";

/**
 * Move the staged rows into `notices` in one transaction, with the batch's counters, its new
 * status and the audit row. On PostgreSQL a large batch into a table not much larger than it
 * drops the secondary indexes of `notices` and builds them again after the insert (a sorted
 * build instead of millions of random index insertions); the transaction makes that invisible to
 * readers (who wait on the table lock meanwhile) and undoes it on failure.
 */
export async function moveStage(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta | null,
  batch: Batch,
  stage: string,
  report: ReportCollector,
  rowsRead: number,
  rowsValid: number,
  stats: Stats | null,
  exportedMailing: boolean,
): Promise<number> {
  const s = sql.raw(stage);
  const lap = stopwatch();
  return ctx.db.transaction(async (tx) => {
    const exec: Exec = (text) => rowsOf(tx, sql.raw(text));
    await exec("select set_config('ec.bulk_import', 'on', true)");
    if (ctx.database.kind === "postgres") await exec("set local lock_timeout = 0"); // see runImportOnce
    // Row triggers (three foreign-key lookups and our counter trigger per row) off for the insert;
    // the indexes dropped and built after it when that pays.
    const load = ctx.database.kind === "postgres" && rowsValid >= REBUILD_MIN_ROWS ? await beginBulkLoad(exec, batch, await rebuildPays(tx, rowsValid)) : null;
    const rebuild = load?.rebuild ?? [];
    const inserted = await rowsOf<{ n: number }>(
      tx,
      sql`with ins as (
            insert into notices (incident_id, organization_id, batch_id, ${sql.raw(NOTICE_COLUMNS)})
            select ${batch.incidentId}::uuid, ${batch.organizationId}::uuid, ${batch.id}::uuid, ${sql.raw(NOTICE_COLUMNS)} from ${s}
            returning 1)
          select count(*)::int as n from ins`,
    );
    const imported = inserted[0]?.n ?? 0;
    if (load) await endBulkRows(exec, load);
    lap("insert_ms");
    await rebuildIndexes(exec, rebuild);
    lap("index_ms");
    await completeBatch(ctx, tx, actor, meta, batch, stats ?? (await statsOfStage(tx, stage)), report, rowsRead, imported, exportedMailing, rebuild.length > 0);
    lap("counters_ms");
    log.info("batch import moved", {
      batchId: batch.id,
      rows: imported,
      rebuiltIndexes: rebuild.length,
      triggersSkipped: load?.triggersSkipped ?? false,
      ...lap.timings,
    });
    return imported;
  });
}

/**
 * The end of a direct load, in its transaction: triggers on, indexes built again (a unique index
 * may refuse: 23505, and the caller rolls back), counters, status, audit rows, commit.
 */
export async function moveDirect(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta | null,
  batch: Batch,
  conn: postgres.ReservedSql,
  direct: { exec: Exec; load: DirectLoad },
  report: ReportCollector,
  rowsRead: number,
  imported: number,
  stats: Stats,
  exportedMailing: boolean,
): Promise<number> {
  const lap = stopwatch();
  await finishDirectLoad(direct.exec, direct.load);
  lap("index_ms");
  // drizzle over the reserved connection, for the same statements as the staging path. It reads
  // (and sets, idempotently) the type parsers on `options`, which a reserved connection shares
  // with its pool but does not expose.
  const client = conn as unknown as postgres.Sql;
  if (!(client as { options?: unknown }).options) Object.assign(client, { options: ctx.database.postgres!.options });
  const tx = drizzlePostgres(client, { schema }) as unknown as Db;
  await completeBatch(ctx, tx, actor, meta, batch, stats, report, rowsRead, imported, exportedMailing, direct.load.rebuild.length > 0);
  await direct.exec("commit");
  lap("counters_ms");
  log.info("batch import moved", {
    batchId: batch.id,
    rows: imported,
    rebuiltIndexes: direct.load.rebuild.length,
    triggersSkipped: direct.load.triggersSkipped,
    direct: true,
    ...lap.timings,
  });
  return imported;
}

function stopwatch() {
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  const lap = (name: string) => (timings[name] = Math.round(performance.now() - t0 - Object.values(timings).reduce((a, b) => a + b, 0)));
  return Object.assign(lap, { timings });
}

/** Counts per state and category of the staged rows (when some were removed after sealing). */
async function statsOfStage(tx: Db, stage: string): Promise<Stats> {
  const s = sql.raw(stage);
  const stateRows = await rowsOf<{ state: string; n: number; minors: number; deceased: number }>(
    tx,
    sql`select state, count(*)::int as n, (count(*) filter (where is_minor))::int as minors, (count(*) filter (where is_deceased))::int as deceased from ${s} group by state`,
  );
  const catRows = await rowsOf<{ c: string; n: number }>(tx, sql`select c, count(*)::int as n from ${s}, unnest(categories) c group by c`);
  return {
    states: new Map(stateRows.map((r) => [r.state, [r.n, r.minors, r.deceased] as [number, number, number]])),
    categories: new Map(catRows.map((r) => [r.c, r.n])),
  };
}

/** The batch's report counters, its new status and the audit rows, in the transaction that loaded it. */
async function completeBatch(
  ctx: AppContext,
  tx: Db,
  actor: Actor,
  meta: RequestMeta | null,
  batch: Batch,
  stats: Stats,
  report: ReportCollector,
  rowsRead: number,
  imported: number,
  exportedMailing: boolean,
  rebuiltIndexes: boolean,
): Promise<void> {
  const stateRows = [...stats.states].map(([state, [n, minors, deceased]]) => ({
    batchId: batch.id,
    organizationId: batch.organizationId,
    incidentId: batch.incidentId,
    state,
    notified: n,
    minors,
    deceased,
  }));
  if (stateRows.length) await tx.insert(noticeStats).values(stateRows);
  const catRows = [...stats.categories].map(([category, n]) => ({ batchId: batch.id, incidentId: batch.incidentId, category, notified: n }));
  if (catRows.length) await tx.insert(noticeCategoryStats).values(catRows);
  const rep = report.build(rowsRead, imported);
  await tx
    .update(batches)
    .set({
      status: "awaiting_mailing",
      phase: null,
      rowsRead,
      rowsTotal: rowsRead,
      rowsImported: imported,
      rowsRejected: rep.rowsRejected,
      report: rep,
      error: null,
      finishedAt: ctx.now(),
      heartbeatAt: ctx.now(),
    })
    .where(eq(batches.id, batch.id));
  const base = { at: ctx.now(), ...actor, subjectType: "batch", subjectId: batch.id, ip: meta?.ip ?? null, requestId: meta?.requestId ?? null };
  await recordAuditEvent(tx, {
    ...base,
    action: "batch.import",
    outcome: "success",
    details: { rows_read: rowsRead, rows_imported: imported, rows_rejected: rep.rowsRejected, rebuilt_indexes: rebuiltIndexes },
  });
  if (exportedMailing) {
    await recordAuditEvent(tx, { ...base, action: "batch.mailing.export", outcome: "success", details: { rows: imported, channel: "import" } });
  }
}
