import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../../app/server";
import { openTestEnv, type TestEnv } from "../support/db";
import { startTestServer } from "../support/server";
import { createMailedWorld } from "../factories";

let env: TestEnv;
let server: AppServer;

beforeAll(async () => {
  env = await openTestEnv();
  await createMailedWorld(env.ctx);
  server = await startTestServer(env);
});
afterAll(async () => {
  await server?.close();
  await env?.close().catch(() => {});
});

describe(`page weight (${process.env.TEST_DB_KIND})`, () => {
  it("compresses pages for browsers that accept it, and never for those that do not", async () => {
    const br = await fetch(server.url + "/", { headers: { "Accept-Encoding": "br, gzip" } });
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("vary")).toMatch(/Accept-Encoding/i);
    expect(br.headers.get("cache-control")).toBe("no-store");
    expect(await br.text()).toContain('action="/check"');
    const gzip = await fetch(server.url + "/faq", { headers: { "Accept-Encoding": "gzip" } });
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    const plain = await fetch(server.url + "/faq", { headers: { "Accept-Encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
  });

  it("links one pruned, fingerprinted stylesheet that is cached for a year and compressed", async () => {
    const html = await (await fetch(server.url + "/")).text();
    const hrefs = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
    expect(hrefs).toHaveLength(1);
    expect(hrefs[0]).toMatch(/^\/build\/site-[0-9a-f]{12}\.css$/);
    const css = await fetch(server.url + hrefs[0], { headers: { "Accept-Encoding": "br" } });
    expect(css.status).toBe(200);
    expect(css.headers.get("cache-control")).toMatch(/max-age=31536000.*immutable/);
    expect(css.headers.get("content-encoding")).toBe("br");
    const text = await css.text();
    // The full USWDS file is 528 KB; what the pages use is a tenth of it.
    expect(text.length).toBeLessThan(80_000);
    // What the pages rely on is still there: the error summary, focus rings, our own layer, links in forms.
    for (const selector of [".usa-alert--error", "[tabindex]:focus", ".ec-category", ".usa-form a:where(:not(.usa-button))", ".usa-input--error"]) {
      expect(text).toContain(selector);
    }
    // Fonts and icons resolve to our own origin.
    const font = /url\((\/uswds\/fonts\/[^)]+\.woff2)\)/.exec(text)?.[1];
    expect(font).toBeTruthy();
    expect((await fetch(server.url + font)).status).toBe(200);
    expect(text).not.toMatch(/url\(\.\.\//);
  });

  it("the plain error pages use the same stylesheet", async () => {
    const res = await fetch(server.url + "/check", { method: "POST", headers: { "Sec-Fetch-Site": "cross-site" }, body: "code=x" });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/href="\/build\/site-[0-9a-f]{12}\.css"/);
  });
});
