// One import's running state, shared by its stages: the counts, the report, what is open (the
// seal workers, the COPY writer, the mailing file, a direct load's transaction) and how each is
// closed. Reading (read.server.ts) fills it; the run (run.server.ts) decides and moves.
import { eq } from "drizzle-orm";
import type { WriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import type postgres from "postgres";
import { batches, type Batch } from "../../../../db/schema/index";
import { recordAuditEvent } from "../../audit/record.server";
import type { Actor } from "../../actor";
import type { AppContext, RequestMeta } from "../../context.server";
import type { DirectLoad, Exec } from "./bulk-load.server";
import { writeMailingFile } from "../mailing.server";
import { ReportCollector, type BatchReport } from "../report";
import type { SealPool } from "./seal-pool.server";
import { dropStage, type StageWriter } from "./stage.server";
import { ACTIVE, IMPORT_LOCK_NS } from "./liveness.server";
import type { ImportOptions, ImportOutcome, ImportPhase, ImportResult, Stats } from "./types";

const PROGRESS_EVERY_MS = 1000;

/** The organization and incident facts an import needs. */
export type ImportOrg = { id: string; incidentId: string; noticeDate: string; enrollBy: string };

/** Thrown by the `failAfterRows` test hook: a crash in the middle of the COPY. */
export class ImportAborted extends Error {}

export class ImportRun {
  phase: ImportPhase = "reading";
  rowsRead = 0;
  rowsValid = 0;
  rowsSealed = 0;
  readonly report = new ReportCollector();
  readonly stats: Stats = { states: new Map(), categories: new Map() };
  pool: SealPool | null = null;
  writer: StageWriter | null = null;
  mailingTmp: string | null = null;
  mailingStream: WriteStream | null = null;
  /** The open transaction of a direct load (on `lockConn`), until it commits or rolls back. */
  direct: { exec: Exec; load: DirectLoad } | null = null;
  private lastProgress = 0;

  constructor(
    readonly ctx: AppContext,
    readonly actor: Actor,
    readonly meta: RequestMeta | null,
    /** Null for a dry run. */
    readonly batch: Batch | null,
    readonly options: ImportOptions,
    readonly org: ImportOrg,
    readonly stage: string,
    /** On PostgreSQL: the connection that holds the import's advisory lock (and a direct load). */
    readonly lockConn: postgres.ReservedSql | undefined,
  ) {}

  /** A dry run seals nothing: it stages each valid row's line and external-id hash for the duplicate check. */
  get checkOnly(): boolean {
    return Boolean(this.options.dryRun);
  }

  result(outcome: ImportOutcome, imported: number, report: BatchReport | null = this.report.build(this.rowsRead, this.rowsValid)): ImportResult {
    return { outcome, batchId: this.batch?.id ?? null, rowsRead: this.rowsRead, imported, rejected: report?.rowsRejected ?? this.report.rejected, report };
  }

  /** At most once a second (or now, with `force`): the caller's callback and the batch row's heartbeat. */
  async progress(force = false): Promise<void> {
    const now = Date.now();
    if (!force && now - this.lastProgress < PROGRESS_EVERY_MS) return;
    this.lastProgress = now;
    const p = { phase: this.phase, rowsRead: this.rowsRead, rowsSealed: this.rowsSealed, rowsRejected: this.report.rejected };
    await this.options.onProgress?.(p);
    if (this.batch) {
      await this.ctx.db
        .update(batches)
        .set({ phase: this.phase, rowsRead: this.rowsRead, rowsImported: this.rowsSealed, rowsRejected: this.report.rejected, heartbeatAt: this.ctx.now() })
        .where(eq(batches.id, this.batch.id));
    }
  }

  async rollbackDirect(): Promise<void> {
    if (!this.direct) return;
    const { exec } = this.direct;
    this.direct = null;
    await exec("rollback");
  }

  /** After the commit: the mailing file written while reading goes into place, or is written again from the database. */
  async publishMailing(rewrite: boolean): Promise<void> {
    if (!this.mailingStream) return;
    const ms = this.mailingStream;
    await new Promise<void>((resolve, reject) => ms.end((e?: Error | null) => (e ? reject(e) : resolve())));
    this.mailingStream = null;
    if (rewrite) {
      this.phase = "exporting";
      await this.progress(true);
      await rm(this.mailingTmp!, { force: true });
      await writeMailingFile(this.ctx, this.batch!.id, this.options.mailingOut!);
    } else {
      await rename(this.mailingTmp!, this.options.mailingOut!);
    }
    this.mailingTmp = null;
  }

  /** The batch ends without notices: its status, its report and the audit row, in one transaction. */
  async finishBatch(status: "rejected" | "failed", rep: BatchReport | null, error: string | null): Promise<void> {
    const { ctx, batch, actor, meta, report } = this;
    if (!batch) return;
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(batches)
        .set({
          status,
          phase: null,
          report: rep,
          error,
          rowsRead: this.rowsRead,
          rowsImported: 0,
          rowsRejected: rep?.rowsRejected ?? report.rejected,
          finishedAt: ctx.now(),
          heartbeatAt: ctx.now(),
        })
        .where(eq(batches.id, batch.id));
      await recordAuditEvent(tx, {
        at: ctx.now(),
        ...actor,
        action: "batch.import",
        subjectType: "batch",
        subjectId: batch.id,
        ip: meta?.ip ?? null,
        requestId: meta?.requestId ?? null,
        outcome: status === "failed" ? "error" : "failure",
        details: { status, rows_read: this.rowsRead, rows_rejected: rep?.rowsRejected ?? report.rejected },
      });
    });
  }

  /** Whatever happened: close what is open, drop the staging table, let go of the lock. */
  async close(): Promise<void> {
    await this.writer?.abort().catch(() => {});
    this.writer = null;
    await this.rollbackDirect().catch(() => {});
    await this.pool?.close();
    this.pool = null;
    if (this.mailingStream) this.mailingStream.destroy();
    if (this.mailingTmp) await rm(this.mailingTmp, { force: true }).catch(() => {});
    await dropStage(this.ctx.database, this.stage).catch(() => {});
    const conn = this.lockConn;
    if (conn) {
      await conn`select pg_advisory_unlock(${IMPORT_LOCK_NS}, hashtext(${this.stage}))`.catch(() => {});
      await conn`reset lock_timeout`.catch(() => {});
      conn.release();
    }
    ACTIVE.delete(this.stage);
  }
}
