// Issue 15, finding 1: request bodies are capped before they are read, on every route, whether the
// size is declared (Content-Length) or not (chunked); slow bodies are cut off except on the upload
// route; multipart parts are capped; over-long fields answer the form with its error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import type { AppServer } from "../../app/server";
import { FORM_BODY_MAX_BYTES, bodyRuleFor } from "~/http/limits.server";
import { BATCH_UPLOAD_MAX_BYTES, UPLOAD_MAX_PARTS } from "~/http/upload.server";
import { openTestEnv, type TestEnv } from "../support/db";
import { postForm, startTestServer, visibleText } from "../support/server";
import { createStaff, signedIn } from "../support/staff";
import { createMailedWorld } from "../factories";

let env: TestEnv;
let server: AppServer;
let admin: { cookie: string };

beforeAll(async () => {
  env = await openTestEnv();
  await createMailedWorld(env.ctx); // an incident, so / and /check show the form (not "not open yet")
  server = await startTestServer(env, { bodyTimeoutMs: 700 });
  admin = await signedIn(env.ctx, await createStaff(env.ctx, "admin"));
});
afterAll(async () => {
  await server?.close();
  await env?.close().catch(() => {});
});

/** A raw request: the body written in chunks (no Content-Length), or with a declared length. */
function raw(
  path: string,
  options: { chunks?: Buffer[]; declaredLength?: number; headers?: Record<string, string>; pauseMs?: number; noEnd?: boolean } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const url = new URL(server.url + path);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Sec-Fetch-Site": "same-origin",
          ...(options.declaredLength !== undefined ? { "Content-Length": String(options.declaredLength) } : { "Transfer-Encoding": "chunked" }),
          ...options.headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        const done = () => resolve({ status: res.statusCode!, headers: res.headers, text });
        res.on("end", done);
        res.on("close", done); // a cut-off request's answer may end with the socket, not the message
        res.on("error", reject);
      },
    );
    req.on("error", (e: NodeJS.ErrnoException) => (e.code === "ECONNRESET" || e.code === "EPIPE" ? undefined : reject(e)));
    void (async () => {
      for (const chunk of options.chunks ?? []) {
        if (req.destroyed) break;
        req.write(chunk);
        if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
      }
      if (!options.noEnd) req.end();
    })();
  });
}

const PUBLIC_POSTS = ["/check", "/enroll", "/staff/login", "/signout", "/check.data", "/staff/login.data"];

describe(`body size limits (${process.env.TEST_DB_KIND})`, () => {
  it("a declared Content-Length over the cap is refused with 413 before a byte is read, on every public route", async () => {
    for (const path of PUBLIC_POSTS) {
      // Declares 500 MB and sends only a little: the answer comes at once, the body is never awaited.
      const res = await raw(path, { declaredLength: 500 * 1024 * 1024, chunks: [Buffer.from("code=x&")] });
      expect(res.status, path).toBe(413);
      expect(res.headers.connection).toBe("close");
      expect(visibleText(res.text)).toContain("Too much was sent");
      expect(res.text).not.toMatch(/at \w+ \(|node_modules/); // no stack
    }
  });

  it("a chunked body is counted as it arrives and cut off at the cap with 413, on every public route", async () => {
    const chunk = Buffer.alloc(16 * 1024, "a");
    for (const path of PUBLIC_POSTS) {
      const res = await raw(path, { chunks: Array.from({ length: 64 }, () => chunk) }); // 1 MB
      if (path === "/enroll" || path === "/signout") {
        // These answer before reading the body (no patient session: a redirect; sign-out reads
        // only the cookie); the connection closes so the rest is never read either.
        expect(res.status, path).toBeLessThan(400);
        expect(res.headers.connection).toBe("close");
        continue;
      }
      expect(res.status, path).toBe(413);
      expect(visibleText(res.text)).toContain("Too much was sent");
    }
    // The server still answers everyone else.
    expect((await fetch(server.url + "/healthz")).status).toBe(200);
  });

  it("a body just under the cap is read as usual", async () => {
    const filler = "x".repeat(FORM_BODY_MAX_BYTES - 200);
    const res = await postForm(server.url + "/check", { code: "", "dob-month": "1", "dob-day": "1", "dob-year": "1970", filler });
    expect(res.status).toBe(400); // the form's own answer: the code is missing
  });

  it("a slow form body is cut off (408); only the batch upload route has the long timeout", async () => {
    const res = await raw("/check", { chunks: [Buffer.from("code=AAAA"), Buffer.from("-BBBB")], pauseMs: 100, noEnd: true });
    expect(res.status).toBe(408);
    expect(bodyRuleFor("/check", BATCH_UPLOAD_MAX_BYTES).longRequest).toBe(false);
    expect(bodyRuleFor("/staff/login", BATCH_UPLOAD_MAX_BYTES).longRequest).toBe(false);
    expect(bodyRuleFor("/admin/batches", BATCH_UPLOAD_MAX_BYTES)).toEqual({ maxBytes: BATCH_UPLOAD_MAX_BYTES + 1024 * 1024, longRequest: true });
    expect(server.server.requestTimeout).toBeGreaterThan(60 * 60 * 1000);
  });

  it("a multipart upload with more parts than the form has is refused with 400, not read on", async () => {
    const form = new FormData();
    for (let i = 0; i < UPLOAD_MAX_PARTS + 5; i++) form.append(`f${i}`, "x");
    const res = await fetch(server.url + "/admin/batches", {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { Cookie: admin.cookie, "Sec-Fetch-Site": "same-origin" },
    });
    expect(res.status).toBe(400);
  });

  it("over-long fields answer the form with its error: a 65-character code, a 1,000-digit year", async () => {
    const longCode = await postForm(server.url + "/check", { code: "A".repeat(65), "dob-month": "1", "dob-day": "2", "dob-year": "1970" });
    expect(longCode.status).toBe(400);
    const codeText = visibleText(await longCode.text());
    expect(codeText).toContain("There is a problem");
    const longYear = await postForm(server.url + "/check", { code: "AAAA-BBBB-CCCC-DDDD", "dob-month": "1", "dob-day": "2", "dob-year": "9".repeat(1000) });
    expect(longYear.status).toBe(400);
    const yearHtml = await longYear.text();
    expect(visibleText(yearHtml)).toContain("There is a problem");
    expect(yearHtml).not.toContain("9".repeat(65)); // what is shown again is capped too
    const longEmail = await postForm(server.url + "/staff/login", { intent: "password", email: `${"a".repeat(5000)}@x.test`, password: "p".repeat(5000) });
    expect(longEmail.status).toBe(400);
  });
});
