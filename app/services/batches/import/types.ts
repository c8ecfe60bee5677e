// The words of a batch import, shared by its stages (see ../import.server.ts for the whole).
import type { BatchReport } from "../report";
import type { ChunkResult } from "./chunk";

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

/** Counts per state ([notified, minors, deceased]) and per category, for the report counters. */
export type Stats = { states: Map<string, [number, number, number]>; categories: Map<string, number> };

export function addStats(stats: Stats, r: ChunkResult) {
  for (const [st, v] of Object.entries(r.states)) {
    const s = stats.states.get(st) ?? [0, 0, 0];
    s[0] += v[0];
    s[1] += v[1];
    s[2] += v[2];
    stats.states.set(st, s);
  }
  for (const [c, n] of Object.entries(r.categories)) stats.categories.set(c, (stats.categories.get(c) ?? 0) + n);
}
