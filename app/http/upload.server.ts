import { unstable_composeUploadHandlers, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { open, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { StreamedUpload } from "~/utils/uploaded-file.server";

export { discardUpload, type StreamedUpload } from "~/utils/uploaded-file.server";

/** The largest batch file the web page takes (bigger ones: `npm run cli -- batch import`). */
export const BATCH_UPLOAD_MAX_BYTES = 2 * 1024 ** 3;
/** Text fields of the upload forms are short. */
const FIELD_MAX_BYTES = 64 * 1024;
/** The upload forms have a handful of fields; more parts than this is not our form (issue 15, finding 1). */
export const UPLOAD_MAX_PARTS = 16;

export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super("upload too large");
    this.name = "UploadTooLargeError";
  }
}

/** Not a multipart form we can read: another content type, too many parts, or malformed framing. */
export class NotMultipartError extends Error {
  constructor() {
    super("not a readable multipart/form-data body");
    this.name = "NotMultipartError";
  }
}

/**
 * Parse a multipart form whose file field `fileField` is streamed to a temporary file — never held
 * in memory — hashing (SHA-256) and counting lines on the way. Other fields are kept in memory
 * (small). An empty file part (no file chosen) gives no upload. On any error the temporary file is
 * removed.
 */
export async function parseStreamedUpload(
  request: Request,
  fileField: string,
  maxBytes = BATCH_UPLOAD_MAX_BYTES,
): Promise<{ form: FormData; upload: StreamedUpload | null }> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data;\s*boundary=/i.test(type)) throw new NotMultipartError();
  let upload: StreamedUpload | null = null;
  const partials: string[] = [];
  let parts = 0;
  /** An error of our own making (a file too large, the disk) — anything else came from the parser. */
  let ownError: unknown = null;

  const countParts: UploadHandler = () => {
    if (++parts > UPLOAD_MAX_PARTS) throw (ownError = new NotMultipartError());
    return Promise.resolve(undefined);
  };
  const fileHandler: UploadHandler = async ({ name, filename, data }) => {
    if (name !== fileField || filename === undefined) return undefined;
    const tmp = path.join(os.tmpdir(), `ec-upload-${process.pid}-${randomBytes(8).toString("hex")}.csv`);
    partials.push(tmp);
    // Opened (created, exclusively) before the first byte: a stream still opening when the cap is
    // hit could create the file after the clean-up removed it, leaving a stray upload behind.
    const out = (await open(tmp, "wx", 0o600)).createWriteStream();
    const hash = createHash("sha256");
    let bytes = 0;
    let lines = 0;
    let last = 0x0a;
    try {
      for await (const chunk of data) {
        bytes += chunk.byteLength;
        if (bytes > maxBytes) throw new UploadTooLargeError(maxBytes);
        hash.update(chunk);
        for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines++;
        if (chunk.byteLength) last = chunk[chunk.byteLength - 1]!;
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      }
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    } catch (error) {
      const closed = once(out, "close");
      out.destroy();
      await closed;
      ownError = error;
      throw error;
    }
    if (bytes === 0 && !filename) {
      await rm(tmp, { force: true });
      return undefined;
    }
    if (bytes > 0 && last !== 0x0a) lines++;
    upload = { path: tmp, fileName: (filename || "upload.csv").slice(0, 200), bytes, sha256: hash.digest("hex"), lines };
    return "streamed";
  };

  try {
    const form = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(countParts, fileHandler, unstable_createMemoryUploadHandler({ maxPartSize: FIELD_MAX_BYTES })),
    );
    return { form, upload };
  } catch (error) {
    for (const p of partials) await rm(p, { force: true });
    // The parser's own complaints (a file name with `=` or an unbalanced quote, broken framing, a
    // text field over its cap) are the sender's mistake: a 400, not a 500 (issue 15, finding 5).
    if (error === ownError || error instanceof UploadTooLargeError) throw error;
    if (request.signal.aborted) throw error;
    throw new NotMultipartError();
  }
}
