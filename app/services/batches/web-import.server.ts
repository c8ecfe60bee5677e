import type { Actor } from "../actor";
import type { AppContext, RequestMeta } from "../context.server";
import { describeError, log } from "~/utils/log.server";
import { beginImport, runImport, type ImportResult } from "./import.server";
import { setExpectedRows } from "./pages.server";
import { discardUpload, type StreamedUpload } from "~/utils/uploaded-file.server";

/** Imports started from the web page that are still running in this process. */
const RUNNING = new Set<Promise<unknown>>();

/** Tests and graceful shutdown: wait for the background imports of this process. */
export async function waitForWebImports(): Promise<void> {
  while (RUNNING.size) await Promise.allSettled([...RUNNING]);
}

export type WebImportStart =
  { kind: "started"; batchId: string } | { kind: "dry_run"; result: ImportResult } | { kind: "duplicate" | "in_progress"; batchId: string | null };

/**
 * The web upload's import: the same service as `npm run cli -- batch import`. A real import
 * creates the batch (`beginImport`, audited), records the estimated row count for the progress
 * bar, then runs in the background of the server process (`runImport`) while the page shows its
 * progress; the temporary upload is removed when it ends. A dry run is awaited (its report is
 * returned, nothing is stored). The same file twice (SHA-256) starts nothing.
 */
export async function startWebImport(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta | null,
  input: { organizationId: string; upload: StreamedUpload; mailingDate?: string; skipInvalid: boolean; dryRun: boolean },
): Promise<WebImportStart> {
  const options = {
    organizationId: input.organizationId,
    filePath: input.upload.path,
    fileName: input.upload.fileName,
    mailingDate: input.mailingDate,
    skipInvalid: input.skipInvalid,
    dryRun: input.dryRun,
    sha256: input.upload.sha256,
    source: "web" as const,
  };
  let handedOff = false;
  try {
    const begun = await beginImport(ctx, actor, meta, options);
    if ("result" in begun) {
      const r = begun.result;
      return { kind: r.outcome === "in_progress" ? "in_progress" : "duplicate", batchId: r.duplicateOf ?? r.batchId };
    }
    if (!begun.batch) return { kind: "dry_run", result: await runImport(ctx, actor, meta, null, options) };
    const batch = begun.batch;
    // The header line is not a row; a file without a final line break was counted anyway.
    await setExpectedRows(ctx, batch.id, input.upload.lines - 1);
    const run: Promise<unknown> = runImport(ctx, actor, meta, batch, options)
      .then((r) => log.info("web batch import finished", { batchId: batch.id, outcome: r.outcome, rows: r.rowsRead }))
      .catch((error) => log.error("web batch import crashed", { batchId: batch.id, ...describeError(error) }))
      .finally(() => {
        RUNNING.delete(run);
        return discardUpload(input.upload);
      });
    RUNNING.add(run);
    handedOff = true;
    return { kind: "started", batchId: batch.id };
  } finally {
    if (!handedOff) await discardUpload(input.upload);
  }
}
