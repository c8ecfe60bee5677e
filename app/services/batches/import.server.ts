import { parse as parseCsv } from "csv-parse/sync";
import { and, eq, inArray, sql } from "drizzle-orm";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { open, rename, rm, stat } from "node:fs/promises";
import { once } from "node:events";
import { performance } from "node:perf_hooks";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import { pgCode, type Db } from "../../../db/client";
import * as schema from "../../../db/schema/index";
import { batches, incidents, noticeCategoryStats, noticeStats, organizations, referenceCounters, type Batch } from "../../../db/schema/index";
import { recordAuditEvent } from "../audit/record.server";
import type { Actor } from "../actor";
import type { AppContext, RequestMeta } from "../context.server";
import { generateReferenceNumber } from "../notices/activation-code.server";
import { keyedHash } from "~/utils/crypto.server";
import { describeError, log } from "~/utils/log.server";
import { writeMailingFile } from "./mailing.server";
import { rowsOf } from "./sql.server";
import {
  beginBulkLoad,
  beginDirectLoad,
  endBulkRows,
  execOn,
  finishDirectLoad,
  NOTICE_COPY_COLUMNS,
  rebuildIndexes,
  type DirectLoad,
  type Exec,
} from "./bulk-load.server";
import { ReportCollector, type BatchReport } from "./report";
import { SealPool, workerCount } from "./seal-pool.server";
import { CHECK_STAGE_COLUMNS, createStage, dropStage, listStages, openStageWriter, STAGE_COLUMNS, stageTableName, type StageWriter } from "./stage.server";
import { readHeader, type HeaderMap } from "./validate";
import { countLines, firstRecordEnd, lastRecordEnd, type ChunkResult } from "./import-chunk";

/** Who runs an import: a signed-in admin (web) or the operator at the command line. */

export type ImportPhase = "queued" | "reading" | "moving" | "exporting";
export type ImportProgress = { phase: ImportPhase; rowsRead: number; rowsSealed: number; rowsRejected: number };

export type ImportOptions = {
  organizationId: string;
  filePath: string;
  fileName: string;
  /** YYYY-MM-DD; defaults to the incident's notice date. */
  mailingDate?: string;
  skipInvalid?: boolean;
  dryRun?: boolean;
  /** Write the print vendor's mailing file here (only when the import commits). */
  mailingOut?: string;
  source: "cli" | "web";
  /** Known already (the web upload hashes while it streams to disk). */
  sha256?: string;
  /** Called at most once a second and at each phase; the import waits for a returned promise. */
  onProgress?: (p: ImportProgress) => void | Promise<void>;
  /** Tests: read the file this many bytes at a time (chunk boundaries). */
  readChunkBytes?: number;
  /** Tests: fail after this many rows were staged (simulates a crash mid-COPY). */
  failAfterRows?: number;
  /**
   * How rows reach `notices` on PostgreSQL: COPY straight into it inside the import's transaction
   * ("direct", for large batches into a table not much larger), or COPY into a staging table and one
   * INSERT … SELECT ("staging"). Default "auto" (by the file's size). Tests force one or the other.
   */
  load?: "auto" | "direct" | "staging";
};

export type ImportOutcome = "imported" | "rejected" | "duplicate" | "dry_run" | "failed" | "in_progress";
export type ImportResult = {
  outcome: ImportOutcome;
  batchId: string | null;
  /** The earlier batch holding the same file, for `duplicate`. */
  duplicateOf?: string;
  rowsRead: number;
  imported: number;
  rejected: number;
  report: BatchReport | null;
  error?: string;
};

/** Bytes of the file read at a time; each read's whole records go to a worker as one job. */
const READ_CHUNK_BYTES = 32 * 1024;
/** A record that has not ended after this many bytes means an unbalanced quote. */
const MAX_UNENDED_BYTES = 8 * 1024 * 1024;
/** Reference-number counters reserved per round trip. */
const COUNTER_BLOCK = 65_536;
const PROGRESS_EVERY_MS = 1000;
/** PostgreSQL: drop and rebuild the secondary indexes of `notices` when the batch is at least this big… (rebuildPays) */
const REBUILD_MIN_ROWS = 100_000;
/** …and the table holds at most this many times the batch (else inserting into the indexes is cheaper). */
const REBUILD_MAX_EXISTING_RATIO = 2;
/** A guess of a batch file's bytes per row, to choose the load path before reading (synthetic HealthEC rows: ~140). */
const BYTES_PER_ROW_GUESS = 150;
/** Advisory-lock namespace: an importing process holds (NS, hashtext(stage)) for its whole run. */
const IMPORT_LOCK_NS = 0x45c4;

/** Imports running in this process (PGlite has one process; on PostgreSQL the advisory lock tells). */
const ACTIVE = new Set<string>();

export async function sha256File(filePath: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Is the process that owns this staging table (batch or dry run) still running? */
async function isImportAlive(ctx: AppContext, stage: string): Promise<boolean> {
  if (ACTIVE.has(stage)) return true;
  if (ctx.database.kind !== "postgres") return false;
  const [row] = await ctx.database.rows<{ free: boolean }>(sql`select pg_try_advisory_lock(${IMPORT_LOCK_NS}, hashtext(${stage})) as free`);
  if (row?.free) await ctx.database.rows(sql`select pg_advisory_unlock(${IMPORT_LOCK_NS}, hashtext(${stage}))`);
  return !row?.free;
}

/**
 * A batch left `importing` by a process that died is marked failed, and staging tables nobody
 * owns are dropped. Called before every import and by the batch pages.
 */
export async function sweepStaleImports(ctx: AppContext): Promise<number> {
  const importing = await ctx.db.select({ id: batches.id }).from(batches).where(eq(batches.status, "importing"));
  let failed = 0;
  for (const b of importing) {
    if (await isImportAlive(ctx, stageTableName(b.id))) continue;
    const done = await ctx.db
      .update(batches)
      .set({ status: "failed", phase: null, error: "the importing process stopped before the end", finishedAt: ctx.now() })
      .where(and(eq(batches.id, b.id), eq(batches.status, "importing")))
      .returning({ id: batches.id });
    failed += done.length;
    if (done.length) log.warn("batch import found dead", { batchId: b.id });
  }
  for (const stage of await listStages(ctx.database)) {
    if (!(await isImportAlive(ctx, stage))) await dropStage(ctx.database, stage);
  }
  return failed;
}

/** Reserve `n` consecutive reference counters; returns the first. */
async function reserveCounters(ctx: AppContext, n: number): Promise<number> {
  const [row] = await ctx.db
    .insert(referenceCounters)
    .values({ name: "notices", next: n })
    .onConflictDoUpdate({ target: referenceCounters.name, set: { next: sql`${referenceCounters.next} + ${n}` } })
    .returning({ next: referenceCounters.next });
  return Number(row!.next) - n;
}

/**
 * Import a batch file for one organization (DESIGN.md "Batch file"): stream-parse and validate,
 * seal rows in worker threads, COPY them into a staging table, then move them into `notices` in
 * one transaction (with the counters, the batch status and the audit row). A crash at any point
 * leaves no notice of the batch visible; the batch is then found dead and marked failed, and the
 * same file can be imported again.
 */
export async function importBatch(ctx: AppContext, actor: Actor, meta: RequestMeta | null, options: ImportOptions): Promise<ImportResult> {
  const begun = await beginImport(ctx, actor, meta, options);
  if ("result" in begun) return begun.result;
  return runImport(ctx, actor, meta, begun.batch, options);
}

/**
 * First half of an import: checks the organization and the file's SHA-256 and creates the batch
 * row (`importing`) with the upload's audit row. The web action calls this, then runs
 * `runImport` in the background and redirects to the progress page.
 */
export async function beginImport(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta | null,
  options: ImportOptions,
): Promise<{ batch: Batch | null } | { result: ImportResult }> {
  const [org] = await ctx.db
    .select({ id: organizations.id, incidentId: organizations.incidentId, noticeDate: incidents.noticeDate })
    .from(organizations)
    .innerJoin(incidents, eq(incidents.id, organizations.incidentId))
    .where(eq(organizations.id, options.organizationId));
  if (!org) throw new Error("unknown organization");
  if (options.dryRun) return { batch: null };
  const sha = options.sha256 ?? (await sha256File(options.filePath));
  await sweepStaleImports(ctx);
  const empty = { rowsRead: 0, imported: 0, rejected: 0, report: null };
  try {
    return await ctx.db.transaction(async (tx) => {
      const [same] = await tx
        .select({ id: batches.id, status: batches.status })
        .from(batches)
        .where(and(eq(batches.organizationId, org.id), eq(batches.fileSha256, sha), inArray(batches.status, ["importing", "awaiting_mailing", "mailed"])));
      const audit = (outcome: "success" | "failure", subjectId: string | null, details: Record<string, string | number | boolean | null>) =>
        recordAuditEvent(tx, {
          at: ctx.now(),
          ...actor,
          action: "batch.upload",
          subjectType: "batch",
          subjectId,
          ip: meta?.ip ?? null,
          requestId: meta?.requestId ?? null,
          outcome,
          details: { file_sha256: sha, source: options.source, ...details },
        });
      if (same) {
        await audit("failure", same.id, { reason: same.status === "importing" ? "in_progress" : "duplicate_file" });
        return {
          result: {
            outcome: same.status === "importing" ? ("in_progress" as const) : ("duplicate" as const),
            batchId: same.id,
            duplicateOf: same.id,
            ...empty,
          },
        };
      }
      const [batch] = await tx
        .insert(batches)
        .values({
          incidentId: org.incidentId,
          organizationId: org.id,
          fileName: options.fileName.slice(0, 200),
          fileSha256: sha,
          status: "importing",
          phase: "queued",
          mailingDate: options.mailingDate ?? org.noticeDate,
          heartbeatAt: ctx.now(),
          source: options.source,
          createdBy: actor.actorId,
          createdAt: ctx.now(),
        })
        .returning();
      await audit("success", batch!.id, { skip_invalid: Boolean(options.skipInvalid) });
      return { batch: batch! };
    });
  } catch (error) {
    if (pgCode(error) === "23505") return { result: { outcome: "in_progress", batchId: null, ...empty } };
    throw error;
  }
}

type Stats = { states: Map<string, [number, number, number]>; categories: Map<string, number> };

function addStats(stats: Stats, r: ChunkResult) {
  for (const [st, v] of Object.entries(r.states)) {
    const s = stats.states.get(st) ?? [0, 0, 0];
    s[0] += v[0];
    s[1] += v[1];
    s[2] += v[2];
    stats.states.set(st, s);
  }
  for (const [c, n] of Object.entries(r.categories)) stats.categories.set(c, (stats.categories.get(c) ?? 0) + n);
}

/** The first bytes say whether this is text at all (NUL bytes, UTF-16). */
async function sniff(filePath: string): Promise<"ok" | "binary" | "utf16" | "empty"> {
  const fh = await open(filePath, "r");
  try {
    const buf = Buffer.alloc(65536);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    if (bytesRead === 0) return "empty";
    if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return "utf16";
    if (buf.subarray(0, bytesRead).includes(0)) return "binary";
    return "ok";
  } finally {
    await fh.close();
  }
}

class ImportAborted extends Error {}

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

const REFUSED_BY_INDEX = Symbol("refused by a unique index");

/**
 * COPY straight into `notices` (skipping the staging table and the INSERT … SELECT, ~40 s of the
 * 4.45 M-row import): PostgreSQL only, real imports only, when the file is large, `notices` holds
 * at most a few times as many rows (the rule for rebuilding the indexes in `moveStage`), and no
 * batch is mailed yet — the load keeps `notices` locked for the whole import, and once letters are
 * out people are checking their codes.
 */
export async function loadsDirectly(ctx: AppContext, batch: Batch | null, options: Pick<ImportOptions, "dryRun" | "load" | "filePath">): Promise<boolean> {
  const load = options.load ?? ctx.config.importLoad;
  if (ctx.database.kind !== "postgres" || !batch || options.dryRun || load === "staging") return false;
  if (load === "direct") return true;
  const rows = Math.floor((await stat(options.filePath)).size / BYTES_PER_ROW_GUESS);
  if (rows < REBUILD_MIN_ROWS) return false;
  const [mailed] = await ctx.db.select({ id: batches.id }).from(batches).where(eq(batches.status, "mailed")).limit(1);
  return !mailed && (await rebuildPays(ctx.db, rows));
}

/**
 * Whether a batch of `rows` is worth dropping and rebuilding the indexes of `notices` for: large
 * enough, into a table holding at most REBUILD_MAX_EXISTING_RATIO times as many rows (else
 * inserting into the indexes is cheaper). Counts no further than that.
 */
async function rebuildPays(db: Pick<Db, "execute">, rows: number): Promise<boolean> {
  if (rows < REBUILD_MIN_ROWS) return false;
  const limit = rows * REBUILD_MAX_EXISTING_RATIO + 1;
  const [c] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from (select 1 from notices limit ${limit}) x`);
  return (c?.n ?? 0) < limit;
}

async function runImportOnce(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta | null,
  batch: Batch | null,
  options: ImportOptions,
  directLoad: boolean,
): Promise<ImportResult | typeof REFUSED_BY_INDEX> {
  const [org] = await ctx.db
    .select({ id: organizations.id, incidentId: organizations.incidentId, noticeDate: incidents.noticeDate, enrollBy: incidents.enrollBy })
    .from(organizations)
    .innerJoin(incidents, eq(incidents.id, organizations.incidentId))
    .where(eq(organizations.id, options.organizationId));
  if (!org) throw new Error("unknown organization");
  const stage = stageTableName(batch?.id ?? `dry${crypto.randomUUID()}`);
  /** A dry run seals nothing: it stages each valid row's line and external-id hash for the duplicate check. */
  const checkOnly = Boolean(options.dryRun);
  const mailingDate = batch?.mailingDate ?? options.mailingDate ?? org.noticeDate;
  const today = ctx.now().toISOString().slice(0, 10);
  const report = new ReportCollector();
  const stats: Stats = { states: new Map(), categories: new Map() };
  let rowsRead = 0;
  let rowsValid = 0;
  let rowsSealed = 0;
  let phase: ImportPhase = "reading";
  let lastProgress = 0;

  const readStart = performance.now();
  const elu0 = performance.eventLoopUtilization();
  ACTIVE.add(stage);
  const lockConn = ctx.database.kind === "postgres" ? await ctx.database.postgres!.reserve() : undefined;
  let pool: SealPool | null = null;
  let writer: StageWriter | null = null;
  let mailingTmp: string | null = null;
  let mailingStream: WriteStream | null = null;
  /** The open transaction of a direct load (on `lockConn`), until it commits or rolls back. */
  let direct: { exec: Exec; load: DirectLoad } | null = null;
  const rollbackDirect = async () => {
    if (!direct) return;
    const { exec } = direct;
    direct = null;
    await exec("rollback");
  };

  const progress = async (force = false) => {
    const now = Date.now();
    if (!force && now - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = now;
    const p = { phase, rowsRead, rowsSealed, rowsRejected: report.rejected };
    await options.onProgress?.(p);
    if (batch) {
      await ctx.db
        .update(batches)
        .set({ phase, rowsRead, rowsImported: rowsSealed, rowsRejected: report.rejected, heartbeatAt: ctx.now() })
        .where(eq(batches.id, batch.id));
    }
  };

  /** After the commit: the mailing file written while reading goes into place, or is written again from the database. */
  const publishMailing = async (rewrite: boolean) => {
    if (!mailingStream) return;
    const ms = mailingStream;
    await new Promise<void>((resolve, reject) => ms.end((e?: Error | null) => (e ? reject(e) : resolve())));
    mailingStream = null;
    if (rewrite) {
      phase = "exporting";
      await progress(true);
      await rm(mailingTmp!, { force: true });
      await writeMailingFile(ctx, batch!.id, options.mailingOut!);
    } else {
      await rename(mailingTmp!, options.mailingOut!);
    }
    mailingTmp = null;
  };

  const finishBatch = async (status: "rejected" | "failed", rep: BatchReport | null, error: string | null) => {
    if (!batch) return;
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(batches)
        .set({
          status,
          phase: null,
          report: rep,
          error,
          rowsRead,
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
        details: { status, rows_read: rowsRead, rows_rejected: rep?.rowsRejected ?? report.rejected },
      });
    });
  };

  try {
    if (lockConn) {
      // An import waits for the locks it needs however long that takes (the web server's pool
      // gives up after DB_LOCK_TIMEOUT_MS: right for a visitor, wrong for an hour-long import).
      await lockConn`set lock_timeout = 0`;
      await lockConn`select pg_advisory_lock(${IMPORT_LOCK_NS}, hashtext(${stage}))`;
    }
    if (!directLoad) await createStage(ctx.database, stage, checkOnly);
    await progress(true);

    const kind = await sniff(options.filePath);
    if (kind !== "ok") {
      report.file({
        line: 1,
        column: "",
        reason: kind === "empty" ? "empty_file" : "not_csv",
        detail: kind === "utf16" ? "UTF-16: save it as UTF-8" : undefined,
      });
    }

    const pepper = ctx.config.codePepper;
    const activeKey = ctx.config.dataKeys[0]!;
    if (!report.hasFileProblems) {
      pool = new SealPool(
        { pepper, keyId: activeKey.id, key: activeKey.key, referenceKey: keyedHash(pepper, "reference-permutation"), nativeSeal: ctx.config.nativeSeal },
        workerCount(ctx.config.importWorkers),
      );
      if (directLoad) {
        const exec = execOn(lockConn!);
        direct = { exec, load: await beginDirectLoad(exec, batch!) };
        writer = await openStageWriter(ctx.database, "notices", lockConn, NOTICE_COPY_COLUMNS);
      } else {
        writer = await openStageWriter(ctx.database, stage, lockConn, checkOnly ? CHECK_STAGE_COLUMNS : STAGE_COLUMNS);
      }
      if (options.mailingOut && !options.dryRun) {
        mailingTmp = `${options.mailingOut}.partial-${process.pid}`;
        mailingStream = createWriteStream(mailingTmp, { mode: 0o600 });
        mailingStream.write(
          "reference_number,external_id,letter_variant,language,full_name,address_line1,address_line2,city,state,zip,activation_code,enroll_by\r\n",
        );
      }
    }

    // The file is cut at record ends into chunks that the workers parse, validate and seal in
    // parallel. Results are taken in file order: the report lists lines in order and COPY has
    // one writer. At most a few chunks are in flight, so memory stays flat whatever the size.
    let counterBase = 0;
    let counterLeft = 0;
    let staged = 0;
    let stopped = false;
    let header: HeaderMap | undefined;
    const maxInflight = (pool?.size ?? 1) * 2 + 1;
    const queue: Promise<ChunkResult>[] = [];
    const sealing = () => Boolean(options.skipInvalid || options.dryRun || report.rejected === 0);

    const take = async (res: ChunkResult) => {
      if (stopped) return;
      rowsRead += res.rowsRead;
      rowsValid += res.rowsValid;
      for (const problems of res.rejected) report.reject(problems);
      if (res.malformedAt !== null) {
        report.file({ line: res.malformedAt, column: "", reason: "malformed_csv" });
        stopped = true;
        return;
      }
      // All-or-nothing: once a row is rejected nothing will be imported; the rest is read for the report only.
      if (res.count && sealing()) {
        addStats(stats, res);
        await writer!.write(res.copy);
        if (mailingStream && res.mailing.byteLength && !mailingStream.write(res.mailing)) await once(mailingStream, "drain");
        rowsSealed += res.count;
        staged += res.count;
        if (options.failAfterRows !== undefined && staged >= options.failAfterRows) throw new ImportAborted("simulated crash");
      }
      await progress();
    };

    const dispatch = async (bytes: Buffer, firstLine: number, records: number) => {
      if (counterLeft < records) {
        counterLeft = Math.max(COUNTER_BLOCK, records);
        counterBase = await reserveCounters(ctx, counterLeft);
      }
      const counterStart = counterBase;
      counterBase += records;
      counterLeft -= records;
      const job = pool!.run({
        bytes,
        firstLine,
        header: header!,
        today,
        seal: sealing(),
        checkOnly,
        counterStart,
        organizationId: org.id,
        mailingDate,
        enrollBy: org.enrollBy,
        keepCode: true,
        mailing: Boolean(mailingStream),
        withLine: !direct,
      });
      job.catch(() => {}); // awaited in order below; this only keeps a failure from being "unhandled" meanwhile
      queue.push(job);
      while (queue.length >= maxInflight && !stopped) await take(await queue.shift()!);
    };

    /** The header: the first record, read here (the workers need its column map). */
    const readHeaderAt = (bytes: Buffer): boolean => {
      let record: string[] | undefined;
      try {
        record = (parseCsv(bytes.toString("utf8"), { relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][])[0];
      } catch {
        report.file({ line: 1, column: "", reason: "malformed_csv" });
        return false;
      }
      if (!record) return true; // a blank line before the header
      const h = readHeader(record);
      if (!h.map) {
        for (const p of h.problems) report.file(p);
        return false;
      }
      header = h.map;
      report.ignoredColumns = h.map.ignored;
      return true;
    };

    if (!report.hasFileProblems) {
      let carry: Buffer = Buffer.alloc(0);
      let line = 1;
      let atStart = true;
      let crOnly: boolean | undefined;
      for await (const data of createReadStream(options.filePath, { highWaterMark: options.readChunkBytes ?? READ_CHUNK_BYTES }) as AsyncIterable<Buffer>) {
        let buf: Buffer = carry.length ? Buffer.concat([carry, data]) : data;
        // Old Mac "CSV" ends lines with CR alone: read such a file as if they were LF.
        if (crOnly === undefined) {
          const cr = buf.indexOf(0x0d);
          if (buf.indexOf(0x0a) !== -1) crOnly = false;
          else if (cr !== -1 && cr + 1 < buf.length) crOnly = true;
        }
        if (crOnly) for (let i = buf.indexOf(0x0d); i !== -1; i = buf.indexOf(0x0d, i + 1)) buf[i] = 0x0a;
        if (atStart) {
          if (buf.length < 3) {
            carry = buf;
            continue;
          }
          if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
          atStart = false;
        }
        while (!header && !stopped) {
          const end = firstRecordEnd(buf);
          if (end < 0) break;
          if (!readHeaderAt(buf.subarray(0, end))) stopped = true;
          line += countLines(buf.subarray(0, end));
          buf = buf.subarray(end);
        }
        if (stopped) break;
        const end = header ? lastRecordEnd(buf) : -1;
        if (end > 0) {
          const piece = buf.subarray(0, end);
          const lines = countLines(piece);
          await dispatch(piece, line, lines);
          line += lines;
          buf = buf.subarray(end);
        }
        carry = buf;
        if (carry.length > MAX_UNENDED_BYTES) {
          report.file({ line, column: "", reason: "malformed_csv" });
          stopped = true;
        }
        if (stopped) break;
      }
      // The last record may lack its line end.
      if (!stopped && carry.length) {
        if (!header) readHeaderAt(carry);
        else await dispatch(carry, line, countLines(carry) + 1);
      }
      if (!header && !report.hasFileProblems) report.file({ line: 1, column: "", reason: "empty_file" });
      while (queue.length) {
        const next = queue.shift()!;
        if (stopped) await next.catch(() => {});
        else await take(await next);
      }
      await writer?.finish();
      writer = null;
      // The workers' heaps are not needed for the move.
      await pool?.close();
      pool = null;
    }
    if (rowsRead === 0 && !report.hasFileProblems) report.file({ line: 2, column: "", reason: "empty_file" });

    const stopForRejects = report.hasFileProblems || (report.rejected > 0 && !options.skipInvalid);
    // Duplicates are found in SQL, on the staged rows: optimistically for real imports (when a
    // unique index refuses the move), always for a dry run.
    if (options.dryRun && !report.hasFileProblems) await diagnose(ctx, stage, org.id, report, false);
    if (options.dryRun || stopForRejects) {
      const rep = report.build(rowsRead, rowsValid);
      if (options.dryRun) {
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
            details: { dry_run: true, rows_read: rowsRead, rows_rejected: rep.rowsRejected },
          });
        });
        return { outcome: "dry_run", batchId: null, rowsRead, imported: 0, rejected: rep.rowsRejected, report: rep };
      }
      await rollbackDirect();
      await finishBatch("rejected", rep, null);
      return { outcome: "rejected", batchId: batch!.id, rowsRead, imported: 0, rejected: rep.rowsRejected, report: rep };
    }

    log.info("batch import staged", {
      batchId: batch?.id ?? null,
      rows: rowsSealed,
      readMs: Math.round(performance.now() - readStart),
      mainThreadBusy: Number(performance.eventLoopUtilization(elu0).utilization.toFixed(2)),
    });
    // The move: one transaction, retried after fixing what a unique index refused.
    phase = "moving";
    await progress(true);
    if (direct) {
      let imported: number;
      try {
        imported = await moveDirect(ctx, actor, meta, batch!, lockConn!, direct, report, rowsRead, rowsSealed, stats, Boolean(mailingStream));
        direct = null; // committed
      } catch (error) {
        if (pgCode(error) !== "23505") throw error;
        await rollbackDirect();
        return REFUSED_BY_INDEX;
      }
      await publishMailing(false);
      return { outcome: "imported", batchId: batch!.id, rowsRead, imported, rejected: report.rejected, report: report.build(rowsRead, rowsValid) };
    }
    let statsFromStage = false;
    let remapped = false;
    for (let attempt = 0; ; attempt++) {
      try {
        const imported = await moveStage(ctx, actor, meta, batch!, stage, report, rowsRead, rowsValid, statsFromStage ? null : stats, Boolean(mailingStream));
        // Some reference numbers changed after the letters were written: write the file from the database.
        await publishMailing(remapped);
        return { outcome: "imported", batchId: batch!.id, rowsRead, imported, rejected: report.rejected, report: report.build(rowsRead, rowsValid) };
      } catch (error) {
        if (pgCode(error) !== "23505" || attempt >= 4) throw error;
        const found = await diagnose(ctx, stage, org.id, report, true);
        if (found.remapped) remapped = true;
        if (found.rejectedLines.length) {
          if (!options.skipInvalid) {
            const rep = report.build(rowsRead, rowsValid - found.rejectedLines.length);
            await finishBatch("rejected", rep, null);
            return { outcome: "rejected", batchId: batch!.id, rowsRead, imported: 0, rejected: rep.rowsRejected, report: rep };
          }
          await ctx.database.rows(sql`delete from ${sql.raw(stage)} where line = any(${toPgIntArray(found.rejectedLines)}::int[])`);
          rowsValid -= found.rejectedLines.length;
          statsFromStage = true;
          if (mailingStream) remapped = true; // the file already lists the rejected people: rewrite it from the database
        } else if (!found.remapped) {
          throw error;
        }
      }
    }
  } catch (error) {
    const message = error instanceof ImportAborted ? "import interrupted" : error instanceof Error ? error.name : "error";
    log.error("batch import failed", { batchId: batch?.id ?? null, ...describeError(error) });
    await writer?.abort().catch(() => {});
    writer = null;
    await rollbackDirect().catch(() => {});
    if (batch) await finishBatch("failed", report.build(rowsRead, rowsValid), message).catch(() => {});
    return {
      outcome: "failed",
      batchId: batch?.id ?? null,
      rowsRead,
      imported: 0,
      rejected: report.rejected,
      report: report.build(rowsRead, rowsValid),
      error: message,
    };
  } finally {
    await writer?.abort().catch(() => {});
    await rollbackDirect().catch(() => {});
    await pool?.close();
    if (mailingStream) mailingStream.destroy();
    if (mailingTmp) await rm(mailingTmp, { force: true }).catch(() => {});
    await dropStage(ctx.database, stage).catch(() => {});
    if (lockConn) {
      await lockConn`select pg_advisory_unlock(${IMPORT_LOCK_NS}, hashtext(${stage}))`.catch(() => {});
      await lockConn`reset lock_timeout`.catch(() => {});
      lockConn.release();
    }
    ACTIVE.delete(stage);
  }
}

function toPgIntArray(xs: number[]): string {
  return `{${xs.join(",")}}`;
}

/**
 * Find, on the staged rows, what the unique indexes of `notices` would refuse: external ids twice
 * in the file (report all but the first, naming it) or already notified for this organization,
 * and reference numbers already taken (those get a fresh random number).
 */
async function diagnose(
  ctx: AppContext,
  stage: string,
  organizationId: string,
  report: ReportCollector,
  fixReferences: boolean,
): Promise<{ rejectedLines: number[]; remapped: boolean }> {
  const s = sql.raw(stage);
  const dups = await ctx.database.rows<{ line: number; first: number }>(sql`
    select line, first from (select line, min(line) over (partition by external_id_hash) as first from ${s}) x
    where line <> first order by line`);
  const rejected = new Set<number>();
  for (const d of dups) {
    rejected.add(d.line);
    report.rejectLine({ line: d.line, column: "external_id", reason: "duplicate_in_file", detail: `first on line ${d.first}` });
  }
  const earlier = await ctx.database.rows<{ line: number }>(sql`
    select s.line from ${s} s where exists (
      select 1 from notices n where n.organization_id = ${organizationId} and n.external_id_hash = s.external_id_hash)
    order by s.line`);
  for (const d of earlier) {
    if (rejected.has(d.line)) continue;
    rejected.add(d.line);
    report.rejectLine({ line: d.line, column: "external_id", reason: "already_notified" });
  }
  let remapped = false;
  if (fixReferences) {
    for (let round = 0; round < 5; round++) {
      const taken = await ctx.database.rows<{ line: number }>(sql`
        select s.line from ${s} s where exists (select 1 from notices n where n.reference_number = s.reference_number)
        union
        select line from (select line, row_number() over (partition by reference_number order by line) as rn from ${s}) x where rn > 1`);
      if (!taken.length) break;
      remapped = true;
      for (const t of taken) {
        await ctx.database.rows(sql`update ${s} set reference_number = ${generateReferenceNumber()} where line = ${t.line}`);
      }
    }
  }
  return { rejectedLines: [...rejected].sort((a, b) => a - b), remapped };
}

const NOTICE_COLUMNS =
  "reference_number, code_hash, code_enc, external_id_hash, external_id_enc, categories, state, language, is_minor, is_deceased, name_enc, address_enc, dob_enc, email_enc, phone_enc, search_hash";

/**
 * Move the staged rows into `notices` in one transaction, with the batch's counters, its new
 * status and the audit row. On PostgreSQL a large batch into a table not much larger than it
 * drops the secondary indexes of `notices` and builds them again after the insert (a sorted
 * build instead of millions of random index insertions); the transaction makes that invisible to
 * readers (who wait on the table lock meanwhile) and undoes it on failure.
 */
async function moveStage(
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
async function moveDirect(
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
