import { parse } from "csv-parse/sync";
import { checkRows, sealRows, type SealState } from "../seal-core";
import { validateRecord, type HeaderMap, type RowProblem, type ValidRow } from "../validate";

/**
 * One slice of a batch file for a worker thread: whole records only (the main thread cuts the file
 * at record ends, see `lastRecordEnd`), and the line number its first byte is on.
 */
export type ChunkJob = {
  jobId: number;
  bytes: Uint8Array;
  firstLine: number;
  header: HeaderMap;
  today: string;
  /** Seal the valid rows (false once an all-or-nothing import has a rejected row: read for the report only). */
  seal: boolean;
  /** A dry run: instead of sealing, only the line and the external-id hash of each valid row (for the duplicate check). */
  checkOnly: boolean;
  /** Reference-number counters reserved for this chunk: at least one per record. */
  counterStart: number;
  organizationId: string;
  mailingDate: string;
  enrollBy: string;
  keepCode: boolean;
  /** Start each COPY line with the file line (the staging table has it; `notices` does not). */
  withLine: boolean;
  mailing: boolean;
};

export type ChunkResult = {
  jobId: number;
  rowsRead: number;
  rowsValid: number;
  /** The problems of each rejected row, in line order. */
  rejected: RowProblem[][];
  /** Set when the CSV cannot be read from this line on (the records before it are counted). */
  malformedAt: number | null;
  /** COPY text for the staging table and the mailing-file lines (UTF-8), empty when not sealed. */
  copy: Uint8Array;
  mailing: Uint8Array;
  count: number;
  states: Record<string, [number, number, number]>;
  categories: Record<string, number>;
};

const DECODER = new TextDecoder("utf-8");

/**
 * Parse, validate and seal one chunk: all the per-row work of an import, so it runs on every
 * core (the main thread only cuts the file and feeds COPY). Bytes that are not UTF-8 decode to
 * U+FFFD, which validation reports as `bad_encoding`.
 */
export function processChunk(state: SealState, job: ChunkJob): ChunkResult {
  const text = DECODER.decode(job.bytes);
  const valid: ValidRow[] = [];
  const rejected: RowProblem[][] = [];
  let rowsRead = 0;
  let malformedAt: number | null = null;
  const take = (record: string[], line: number) => {
    rowsRead++;
    const v = validateRecord(record, line, job.header, job.today);
    if (v.problems) rejected.push(v.problems);
    else if (job.seal) valid.push(v.row);
  };
  // Most lines hold no quote at all: such a line is its fields split at the commas, exactly as
  // csv-parse reads it. The lines with quotes (with the lines a quoted field spans) are gathered
  // and read by csv-parse in one call: a call per line cost more than the parsing.
  const quoted: string[] = [];
  /** The file line each quoted stretch starts on. */
  const stretchLine: number[] = [];
  let line = job.firstLine;
  let pos = 0;
  let nextQuote = text.indexOf('"');
  while (pos < text.length) {
    const nl = text.indexOf("\n", pos);
    const end = nl === -1 ? text.length : nl;
    if (nextQuote === -1 || nextQuote > end) {
      const cr = end > pos && text.charCodeAt(end - 1) === 13 ? 1 : 0;
      if (end - cr > pos) take(text.slice(pos, end - cr).split(","), line);
      pos = end + 1;
      line++;
      continue;
    }
    // A quoted stretch: up to the first line end with an even number of quotes before it.
    let segEnd = end;
    let quotes = 0;
    let q = nextQuote;
    for (;;) {
      for (; q !== -1 && q < segEnd; q = text.indexOf('"', q + 1)) quotes++;
      if (quotes % 2 === 0 || segEnd >= text.length) break;
      const next = text.indexOf("\n", segEnd + 1);
      segEnd = next === -1 ? text.length : next;
    }
    nextQuote = q;
    const stretch = text.slice(pos, segEnd);
    stretchLine.push(line);
    quoted.push(stretch);
    let spanned = 1;
    for (let i = stretch.indexOf("\n"); i !== -1; i = stretch.indexOf("\n", i + 1)) spanned++;
    line += spanned;
    pos = segEnd + 1;
  }
  if (quoted.length) {
    // csv-parse counts a CRLF inside a quoted field as two lines, so lines are found from the
    // byte offset where each record ends (context.bytes) instead: the stretch it ends in, and the
    // line ends between that stretch's start and the record's start.
    const joined = Buffer.from(quoted.join("\n"), "utf8");
    const starts: number[] = [];
    let offset = 0;
    for (const stretch of quoted) {
      starts.push(offset);
      offset += Buffer.byteLength(stretch, "utf8") + 1;
    }
    let k = 0;
    let previousEnd = 0;
    const fileLine = (end: number) => {
      while (k + 1 < starts.length && starts[k + 1]! <= end - 1) k++;
      const start = Math.max(previousEnd, starts[k]!);
      previousEnd = end;
      let line = stretchLine[k]!;
      for (let i = joined.indexOf(0x0a, starts[k]); i !== -1 && i < start; i = joined.indexOf(0x0a, i + 1)) line++;
      return line;
    };
    try {
      parse(joined, {
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        on_record: (record: string[], context: { bytes: number }) => {
          take(record, fileLine(context.bytes));
          return null;
        },
      });
    } catch (error) {
      const e = error as { code?: string; bytes?: number };
      if (typeof e.code !== "string" || !e.code.startsWith("CSV_")) throw error;
      malformedAt = fileLine(Math.min(e.bytes ?? previousEnd + 1, joined.length));
    }
    // Back in file order: the report keeps the first rows of each reason, the mailing file follows the file.
    rejected.sort((x, y) => x[0]!.line - y[0]!.line);
    valid.sort((x, y) => x.line - y.line);
  }
  const rowsValid = rowsRead - rejected.length;
  const sealed = !job.seal || !valid.length ? null : job.checkOnly ? checkRows(state, valid, job) : sealRows(state, valid, job);
  return {
    jobId: job.jobId,
    rowsRead,
    rowsValid,
    rejected,
    malformedAt,
    copy: sealed?.copy ?? new Uint8Array(0),
    mailing: sealed?.mailing ?? new Uint8Array(0),
    count: sealed?.count ?? 0,
    states: sealed?.states ?? {},
    categories: sealed?.categories ?? {},
  };
}

/**
 * Where the last whole record of `buf` ends (the index just past its `\n`), or -1 when `buf`
 * holds no record end yet. `buf` starts at a record start; a `\n` inside a quoted field does
 * not end a record. Quotes are rare in batch files, so they are found with indexOf, not a loop
 * over every byte.
 */
export function lastRecordEnd(buf: Uint8Array, from = 0): number {
  let nl = buf.lastIndexOf(0x0a);
  if (nl < from) return -1;
  const quotes: number[] = [];
  for (let q = buf.indexOf(0x22, from); q !== -1 && q < nl; q = buf.indexOf(0x22, q + 1)) quotes.push(q);
  let before = quotes.length;
  while (nl >= from) {
    while (before > 0 && quotes[before - 1]! > nl) before--;
    if (before % 2 === 0) return nl + 1;
    nl = nl > 0 ? buf.lastIndexOf(0x0a, nl - 1) : -1;
  }
  return -1;
}

/** How many `\n` bytes `buf` holds. */
export function countLines(buf: Uint8Array): number {
  let n = 0;
  for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** Where the first record of `buf` ends (just past its `\n`), or -1 (see `lastRecordEnd`). */
export function firstRecordEnd(buf: Uint8Array): number {
  let quotes = 0;
  let q = buf.indexOf(0x22);
  for (let nl = buf.indexOf(0x0a); nl !== -1; nl = buf.indexOf(0x0a, nl + 1)) {
    while (q !== -1 && q < nl) {
      quotes++;
      q = buf.indexOf(0x22, q + 1);
    }
    if (quotes % 2 === 0) return nl + 1;
  }
  return -1;
}
