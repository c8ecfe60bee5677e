// The reading stage of an import: the file is cut at record ends into chunks that worker threads
// parse, validate and seal in parallel; their rows are COPYed (in file order) into the staging
// table, or straight into `notices` for a direct load.
import { parse as parseCsv } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { createReadStream, createWriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { once } from "node:events";
import { referenceCounters } from "../../../../db/schema/index";
import type { AppContext } from "../../context.server";
import { keyedHash } from "~/utils/crypto.server";
import { beginDirectLoad, execOn, NOTICE_COPY_COLUMNS } from "./bulk-load.server";
import { countLines, firstRecordEnd, lastRecordEnd, type ChunkResult } from "./chunk";
import { SealPool, workerCount } from "./seal-pool.server";
import { CHECK_STAGE_COLUMNS, openStageWriter, STAGE_COLUMNS } from "./stage.server";
import { readHeader, type HeaderMap } from "../validate";
import { ImportAborted, type ImportRun } from "./state.server";
import { addStats } from "./types";

/** Bytes of the file read at a time; each read's whole records go to a worker as one job. */
const READ_CHUNK_BYTES = 32 * 1024;
/** A record that has not ended after this many bytes means an unbalanced quote. */
const MAX_UNENDED_BYTES = 8 * 1024 * 1024;
/** Reference-number counters reserved per round trip. */
const COUNTER_BLOCK = 65_536;

const MAILING_HEADER =
  "reference_number,external_id,letter_variant,language,full_name,address_line1,address_line2,city,state,zip,activation_code,enroll_by\r\n";

/** The first bytes say whether this is text at all (NUL bytes, UTF-16). */
export async function sniff(filePath: string): Promise<"ok" | "binary" | "utf16" | "empty"> {
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

/** Reserve `n` consecutive reference counters; returns the first. */
async function reserveCounters(ctx: AppContext, n: number): Promise<number> {
  const [row] = await ctx.db
    .insert(referenceCounters)
    .values({ name: "notices", next: n })
    .onConflictDoUpdate({ target: referenceCounters.name, set: { next: sql`${referenceCounters.next} + ${n}` } })
    .returning({ next: referenceCounters.next });
  return Number(row!.next) - n;
}

/** The seal workers, the COPY writer (and a direct load's transaction) and the mailing file. */
export async function openOutputs(run: ImportRun, directLoad: boolean): Promise<void> {
  const { ctx, options } = run;
  const pepper = ctx.config.codePepper;
  const activeKey = ctx.config.dataKeys[0]!;
  run.pool = new SealPool(
    { pepper, keyId: activeKey.id, key: activeKey.key, referenceKey: keyedHash(pepper, "reference-permutation"), nativeSeal: ctx.config.nativeSeal },
    workerCount(ctx.config.importWorkers),
  );
  if (directLoad) {
    const exec = execOn(run.lockConn!);
    run.direct = { exec, load: await beginDirectLoad(exec, run.batch!) };
    run.writer = await openStageWriter(ctx.database, "notices", run.lockConn, NOTICE_COPY_COLUMNS);
  } else {
    run.writer = await openStageWriter(ctx.database, run.stage, run.lockConn, run.checkOnly ? CHECK_STAGE_COLUMNS : STAGE_COLUMNS);
  }
  if (options.mailingOut && !options.dryRun) {
    run.mailingTmp = `${options.mailingOut}.partial-${process.pid}`;
    run.mailingStream = createWriteStream(run.mailingTmp, { mode: 0o600 });
    run.mailingStream.write(MAILING_HEADER);
  }
}

/**
 * Read the whole file through the workers. Results are taken in file order: the report lists
 * lines in order and COPY has one writer. At most a few chunks are in flight, so memory stays flat
 * whatever the size. Ends with the writer finished and the workers closed.
 */
export async function readAndSeal(run: ImportRun): Promise<void> {
  const { ctx, options, report, org } = run;
  const today = ctx.now().toISOString().slice(0, 10);
  const mailingDate = run.batch?.mailingDate ?? options.mailingDate ?? org.noticeDate;
  const pool = run.pool!;
  let counterBase = 0;
  let counterLeft = 0;
  let staged = 0;
  let stopped = false;
  let header: HeaderMap | undefined;
  const maxInflight = pool.size * 2 + 1;
  const queue: Promise<ChunkResult>[] = [];
  const sealing = () => Boolean(options.skipInvalid || options.dryRun || report.rejected === 0);

  const take = async (res: ChunkResult) => {
    if (stopped) return;
    run.rowsRead += res.rowsRead;
    run.rowsValid += res.rowsValid;
    for (const problems of res.rejected) report.reject(problems);
    if (res.malformedAt !== null) {
      report.file({ line: res.malformedAt, column: "", reason: "malformed_csv" });
      stopped = true;
      return;
    }
    // All-or-nothing: once a row is rejected nothing will be imported; the rest is read for the report only.
    if (res.count && sealing()) {
      addStats(run.stats, res);
      await run.writer!.write(res.copy);
      const ms = run.mailingStream;
      if (ms && res.mailing.byteLength && !ms.write(res.mailing)) await once(ms, "drain");
      run.rowsSealed += res.count;
      staged += res.count;
      if (options.failAfterRows !== undefined && staged >= options.failAfterRows) throw new ImportAborted("simulated crash");
    }
    await run.progress();
  };

  const dispatch = async (bytes: Buffer, firstLine: number, records: number) => {
    if (counterLeft < records) {
      counterLeft = Math.max(COUNTER_BLOCK, records);
      counterBase = await reserveCounters(ctx, counterLeft);
    }
    const counterStart = counterBase;
    counterBase += records;
    counterLeft -= records;
    const job = pool.run({
      bytes,
      firstLine,
      header: header!,
      today,
      seal: sealing(),
      checkOnly: run.checkOnly,
      counterStart,
      organizationId: org.id,
      mailingDate,
      enrollBy: org.enrollBy,
      keepCode: true,
      mailing: Boolean(run.mailingStream),
      withLine: !run.direct,
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
  await run.writer?.finish();
  run.writer = null;
  // The workers' heaps are not needed for the move.
  await pool.close();
  run.pool = null;
}
