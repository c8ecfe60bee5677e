import { rm } from "node:fs/promises";

/**
 * A file a request streamed to disk (app/http/upload.server.ts writes it; the batch import reads it).
 */
export type StreamedUpload = {
  /** The temporary file (mode 0600); the caller removes it when done (`discard`). */
  path: string;
  fileName: string;
  bytes: number;
  sha256: string;
  /** Line breaks seen: an estimate of the rows for the progress bar. */
  lines: number;
};

/** Remove an upload's temporary file (nothing when there is none). */
export async function discardUpload(upload: StreamedUpload | null): Promise<void> {
  if (upload) await rm(upload.path, { force: true });
}
