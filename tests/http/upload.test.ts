import { describe, expect, it } from "vitest";
import { createHash, pbkdf2 } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { discardUpload, NotMultipartError, parseStreamedUpload, UploadTooLargeError } from "~/http/upload.server";

/** The web upload streams the file part to a temporary file: hashed, lines counted, size-capped. */
function multipart(content: string | null, fields: Record<string, string> = {}): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (content !== null) form.append("file", new Blob([content], { type: "text/csv" }), "../../etc/batch.csv");
  return new Request("http://localhost/admin/batches", { method: "POST", body: form });
}

const ours = () => readdirSync(os.tmpdir()).filter((f) => f.startsWith(`ec-upload-${process.pid}-`));

describe("parseStreamedUpload", () => {
  it("writes the file part to a private temporary file with its SHA-256 and line count; other fields stay in the form", async () => {
    const content = "external_id,first_name\r\nA1,Ana\r\nA2,Bo";
    const { form, upload } = await parseStreamedUpload(multipart(content, { organizationId: "x", dryRun: "yes" }), "file");
    expect(form.get("organizationId")).toBe("x");
    expect(form.get("dryRun")).toBe("yes");
    expect(upload).toMatchObject({ fileName: "batch.csv", bytes: Buffer.byteLength(content), lines: 3 });
    expect(upload!.sha256).toBe(createHash("sha256").update(content).digest("hex"));
    expect(readFileSync(upload!.path, "utf8")).toBe(content);
    await discardUpload(upload);
    expect(existsSync(upload!.path)).toBe(false);
  });

  it("refuses a file over the cap and leaves no temporary file behind", async () => {
    const before = ours().length;
    await expect(parseStreamedUpload(multipart("x".repeat(5000)), "file", 1024)).rejects.toBeInstanceOf(UploadTooLargeError);
    expect(ours()).toHaveLength(before);
    // Again with libuv's file threads busy, so the cap is hit before the file is even created (a
    // race CI once lost on a loaded machine: the clean-up ran first and the file appeared after).
    const busy = Array.from({ length: 8 }, () => new Promise((resolve) => pbkdf2("p", "s", 100_000, 32, "sha256", resolve)));
    await expect(parseStreamedUpload(multipart("x".repeat(5000)), "file", 1024)).rejects.toBeInstanceOf(UploadTooLargeError);
    await Promise.all(busy);
    expect(ours()).toHaveLength(before);
  });

  it("no file chosen gives no upload; a body that is not multipart is refused", async () => {
    const form = new FormData();
    form.append("file", new Blob([]), "");
    const r = await parseStreamedUpload(new Request("http://localhost/", { method: "POST", body: form }), "file");
    expect(r.upload).toBeNull();
    const urlencoded = new Request("http://localhost/", { method: "POST", body: new URLSearchParams({ a: "b" }) });
    await expect(parseStreamedUpload(urlencoded, "file")).rejects.toBeInstanceOf(NotMultipartError);
  });
});
