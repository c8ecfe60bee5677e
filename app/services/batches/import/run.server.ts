// The second half of an import (after begin.server.ts): read and seal, decide, move.
import { eq, sql } from "drizzle-orm";
import { performance } from "node:perf_hooks";
import { pgCode } from "../../../../db/client";
import { incidents, organizations, type Batch } from "../../../../db/schema/index";
import { recordAuditEvent } from "../../audit/record.server";
import type { Actor } from "../../actor";
import type { AppContext, RequestMeta } from "../../context.server";
import { describeError, log } from "~/utils/log.server";
import { createStage, stageTableName } from "./stage.server";
import { diagnose, toPgIntArray } from "./diagnose.server";
import { ACTIVE, IMPORT_LOCK_NS } from "./liveness.server";
import { loadsDirectly } from "./load-path.server";
import { moveDirect, moveStage } from "./move.server";
import { openOutputs, readAndSeal, sniff } from "./read.server";
import { ImportAborted, ImportRun } from "./state.server";
import type { ImportOptions, ImportResult } from "./types";

const REFUSED_BY_INDEX = Symbol("refused by a unique index");

/** Second half of an import (see importBatch). `batch` is null for a dry run. */
export async function runImport(ctx: AppContext, actor: Actor, meta: RequestMeta | null, batch: Batch | null, options: ImportOptions): Promise<ImportResult> {
  if (await loadsDirectly(ctx, batch, options)) {
    const first = await runImportOnce(ctx, actor, meta, batch, options, true);
    if (first !== REFUSED_BY_INDEX) return first;
    // A unique index refused the rows (an external id twice or already notified, a reference number
    // taken): everything was rolled back. The staging path finds which rows, reports or fixes them.
    log.info("batch import loads again through staging", { batchId: batch?.id ?? null });
  }
  const staged = await runImportOnce(ctx, actor, meta, batch, options, false);
  if (staged === REFUSED_BY_INDEX) throw new Error("the staging path resolves what unique indexes refuse");
  return staged;
}

async function runImportOnce(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta | null,
  batch: Batch | null,
  options: ImportOptions,
  directLoad: boolean,
): Promise<ImportResult | typeof REFUSED_BY_INDEX> {
  const stage = stageTableName(batch?.id ?? `dry${crypto.randomUUID()}`);
  // Before any await: a sweep in this process must not find the batch dead (beginImport marked it too).
  ACTIVE.add(stage);
  const [org] = await ctx.db
    .select({ id: organizations.id, incidentId: organizations.incidentId, noticeDate: incidents.noticeDate, enrollBy: incidents.enrollBy })
    .from(organizations)
    .innerJoin(incidents, eq(incidents.id, organizations.incidentId))
    .where(eq(organizations.id, options.organizationId));
  if (!org) {
    ACTIVE.delete(stage);
    throw new Error("unknown organization");
  }
  const readStart = performance.now();
  const elu0 = performance.eventLoopUtilization();
  let lockConn;
  try {
    lockConn = ctx.database.kind === "postgres" ? await ctx.database.postgres!.reserve() : undefined;
  } catch (error) {
    ACTIVE.delete(stage);
    throw error;
  }
  const run = new ImportRun(ctx, actor, meta, batch, options, org, stage, lockConn);
  const { report } = run;

  try {
    if (lockConn) {
      // An import waits for the locks it needs however long that takes (the web server's pool
      // gives up after DB_LOCK_TIMEOUT_MS: right for a visitor, wrong for an hour-long import).
      await lockConn`set lock_timeout = 0`;
      await lockConn`select pg_advisory_lock(${IMPORT_LOCK_NS}, hashtext(${stage}))`;
    }
    if (!directLoad) await createStage(ctx.database, stage, run.checkOnly);
    await run.progress(true);

    const kind = await sniff(options.filePath);
    if (kind !== "ok") {
      report.file({
        line: 1,
        column: "",
        reason: kind === "empty" ? "empty_file" : "not_csv",
        detail: kind === "utf16" ? "UTF-16: save it as UTF-8" : undefined,
      });
    }
    if (!report.hasFileProblems) {
      await openOutputs(run, directLoad);
      await readAndSeal(run);
    }
    if (run.rowsRead === 0 && !report.hasFileProblems) report.file({ line: 2, column: "", reason: "empty_file" });

    const stopForRejects = report.hasFileProblems || (report.rejected > 0 && !options.skipInvalid);
    // Duplicates are found in SQL, on the staged rows: optimistically for real imports (when a
    // unique index refuses the move), always for a dry run.
    if (options.dryRun && !report.hasFileProblems) await diagnose(ctx, stage, org.id, report, false);
    if (options.dryRun) {
      const rep = report.build(run.rowsRead, run.rowsValid);
      await ctx.db.transaction(async (tx) => {
        await recordAuditEvent(tx, {
          at: ctx.now(),
          ...actor,
          action: "batch.upload",
          subjectType: "organization",
          subjectId: org.id,
          ip: meta?.ip ?? null,
          requestId: meta?.requestId ?? null,
          outcome: "success",
          details: { dry_run: true, rows_read: run.rowsRead, rows_rejected: rep.rowsRejected },
        });
      });
      return run.result("dry_run", 0, rep);
    }
    if (stopForRejects) {
      const rep = report.build(run.rowsRead, run.rowsValid);
      await run.rollbackDirect();
      await run.finishBatch("rejected", rep, null);
      return run.result("rejected", 0, rep);
    }

    log.info("batch import staged", {
      batchId: batch?.id ?? null,
      rows: run.rowsSealed,
      readMs: Math.round(performance.now() - readStart),
      mainThreadBusy: Number(performance.eventLoopUtilization(elu0).utilization.toFixed(2)),
    });
    run.phase = "moving";
    await run.progress(true);
    return run.direct ? await moveDirectly(run) : await moveThroughStage(run);
  } catch (error) {
    const message = error instanceof ImportAborted ? "import interrupted" : error instanceof Error ? error.name : "error";
    log.error("batch import failed", { batchId: batch?.id ?? null, ...describeError(error) });
    await run.writer?.abort().catch(() => {});
    run.writer = null;
    await run.rollbackDirect().catch(() => {});
    const rep = report.build(run.rowsRead, run.rowsValid);
    if (batch) await run.finishBatch("failed", rep, message).catch(() => {});
    return { ...run.result("failed", 0, rep), error: message };
  } finally {
    await run.close();
  }
}

/** A direct load commits, or a unique index refuses it and everything is rolled back. */
async function moveDirectly(run: ImportRun): Promise<ImportResult | typeof REFUSED_BY_INDEX> {
  const { ctx, actor, meta, report } = run;
  let imported: number;
  try {
    imported = await moveDirect(
      ctx,
      actor,
      meta,
      run.batch!,
      run.lockConn!,
      run.direct!,
      report,
      run.rowsRead,
      run.rowsSealed,
      run.stats,
      Boolean(run.mailingStream),
    );
    run.direct = null; // committed
  } catch (error) {
    if (pgCode(error) !== "23505") throw error;
    await run.rollbackDirect();
    return REFUSED_BY_INDEX;
  }
  await run.publishMailing(false);
  return run.result("imported", imported);
}

/** The move from the staging table: one transaction, retried after fixing what a unique index refused. */
async function moveThroughStage(run: ImportRun): Promise<ImportResult> {
  const { ctx, actor, meta, report, options, stage } = run;
  const batch = run.batch!;
  let statsFromStage = false;
  let remapped = false;
  for (let attempt = 0; ; attempt++) {
    try {
      const imported = await moveStage(
        ctx,
        actor,
        meta,
        batch,
        stage,
        report,
        run.rowsRead,
        run.rowsValid,
        statsFromStage ? null : run.stats,
        Boolean(run.mailingStream),
      );
      // Some reference numbers changed after the letters were written: write the file from the database.
      await run.publishMailing(remapped);
      return run.result("imported", imported);
    } catch (error) {
      if (pgCode(error) !== "23505" || attempt >= 4) throw error;
      const found = await diagnose(ctx, stage, run.org.id, report, true);
      if (found.remapped) remapped = true;
      if (found.rejectedLines.length) {
        if (!options.skipInvalid) {
          const rep = report.build(run.rowsRead, run.rowsValid - found.rejectedLines.length);
          await run.finishBatch("rejected", rep, null);
          return run.result("rejected", 0, rep);
        }
        await ctx.database.rows(sql`delete from ${sql.raw(stage)} where line = any(${toPgIntArray(found.rejectedLines)}::int[])`);
        run.rowsValid -= found.rejectedLines.length;
        statsFromStage = true;
        if (run.mailingStream) remapped = true; // the file already lists the rejected people: rewrite it from the database
      } else if (!found.remapped) {
        throw error;
      }
    }
  }
}
