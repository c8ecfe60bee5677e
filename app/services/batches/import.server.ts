// A batch import, whole (DESIGN.md "Batch file"). Its stages live in ./import/:
//   begin     the organization, the file's SHA-256 and the batch row (duplicate files refused)
//   read      chunks of the file parsed, validated and sealed in worker threads, COPYed in order
//   diagnose  what the unique indexes would refuse, found in SQL on the staged rows
//   move      the rows into `notices` in one transaction, with counters, status and audit rows
//   run       the order of the stages, and what happens when one fails
//   state     one import's counts and open resources; liveness: who owns an import
import type { Actor } from "../actor";
import type { AppContext, RequestMeta } from "../context.server";
import { beginImport } from "./import/begin.server";
import { runImport } from "./import/run.server";
import type { ImportOptions, ImportResult } from "./import/types";

export { beginImport } from "./import/begin.server";
export { sha256File, sweepStaleImports } from "./import/liveness.server";
export { loadsDirectly } from "./import/load-path.server";
export { runImport } from "./import/run.server";
export type { ImportOptions, ImportOutcome, ImportPhase, ImportProgress, ImportResult } from "./import/types";

/**
 * Import a batch file for one organization: stream-parse and validate, seal rows in worker
 * threads, COPY them into a staging table, then move them into `notices` in one transaction (with
 * the counters, the batch status and the audit row). A crash at any point leaves no notice of the
 * batch visible; the batch is then found dead and marked failed, and the same file can be imported
 * again.
 */
export async function importBatch(ctx: AppContext, actor: Actor, meta: RequestMeta | null, options: ImportOptions): Promise<ImportResult> {
  const begun = await beginImport(ctx, actor, meta, options);
  if ("result" in begun) return begun.result;
  return runImport(ctx, actor, meta, begun.batch, options);
}
