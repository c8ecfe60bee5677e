import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { auditEvents } from "../../db/schema/index";
import type { AppServer } from "../../app/server";
import { installConsoleScrubber } from "~/utils/log.server";
import { LOCK_AFTER_FAILURES } from "~/services/notices/check.server";
import { openTestEnv, type TestEnv } from "../support/db";
import { comparable, loadBuild, postForm, startTestServer, visibleText } from "../support/server";
import { startServer } from "../../app/server";
import { createMailedWorld, createNotice } from "../factories";

const withoutScripts = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, "");

let env: TestEnv;
let server: AppServer;
let world: Awaited<ReturnType<typeof createMailedWorld>>;

beforeAll(async () => {
  // A short lock timeout, so the "busy" test waits half a second, not the default five.
  env = await openTestEnv({ lockTimeoutMs: 500 });
  world = await createMailedWorld(env.ctx);
  server = await startTestServer(env);
});
afterAll(async () => {
  await server?.close();
  await env?.close().catch(() => {});
});

const dobFields = (dob: string) => {
  const [y, m, d] = dob.split("-");
  return { "dob-month": String(Number(m)), "dob-day": String(Number(d)), "dob-year": y! };
};

describe(`the check over HTTP (${process.env.TEST_DB_KIND})`, () => {
  it("serves the home page with a nonce CSP, no framing, no referrer and no caching", async () => {
    const res = await fetch(server.url + "/");
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https?:\/\//); // no third-party hosts
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    for (const m of html.matchAll(/<script[^>]*>/g)) expect(m[0]).toContain(`nonce="${nonce}"`);
    expect(html).toContain('name="dob-month"');
    expect(html).toContain('action="/check"');
  });

  it("a match answers 303 to /exposure with a session cookie that carries nothing personal", async () => {
    const n = await createNotice(env.ctx, world.batch, { dateOfBirth: "1961-09-15", exposed: ["ssn", "claims"] });
    const other = await createNotice(env.ctx, world.batch, { dateOfBirth: "1961-09-15", exposed: ["prescription"] });
    const res = await postForm(server.url + "/check", { code: n.code, ...dobFields("1961-09-15") });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/exposure");
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("ec_patient="))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toContain(n.code);
    expect(setCookie).not.toContain("1961");
    const cookie = setCookie.split(";")[0]!;

    const page = await fetch(server.url + "/exposure", { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const html = await page.text();
    expect(html).toContain('data-testid="exposed-categories"');
    expect(html).toContain('data-category="ssn"');
    expect(html).toContain('data-category="claims"');
    // Someone else's categories never appear.
    expect(html).not.toContain('data-category="prescription"');
    expect(html.indexOf('data-category="ssn"')).toBeLessThan(html.indexOf('data-category="claims"'));
    void other;
  });

  it("a wrong code, a wrong date of birth and a locked notice get the same status and the same words", async () => {
    const n = await createNotice(env.ctx, world.batch, { dateOfBirth: "1972-02-29" });
    const wrongDob = await postForm(server.url + "/check", { code: n.code, ...dobFields("1972-03-01") }, { "X-Forwarded-For": "x" });
    const wrongCode = await postForm(server.url + "/check", { code: "DEM0-ADV1-T7K4-Q2X3", ...dobFields("1972-02-29") });
    expect(wrongDob.status).toBe(400);
    expect(wrongCode.status).toBe(wrongDob.status);
    const a = await wrongDob.text();
    const b = await wrongCode.text();
    expect(visibleText(a)).toContain("We could not match that code and date of birth");
    expect(visibleText(a)).toBe(visibleText(b));
    // The markup too, once nonces, typed values and the hydration data (which echoes them) are set aside.
    expect(comparable(withoutScripts(a))).toBe(comparable(withoutScripts(b)));

    const locked = await createNotice(env.ctx, world.batch, { dateOfBirth: "1980-08-08" });
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) {
      await postForm(server.url + "/check", { code: locked.code, ...dobFields("1980-08-09") });
    }
    const lockedRight = await postForm(server.url + "/check", { code: locked.code, ...dobFields("1980-08-08") });
    expect(lockedRight.status).toBe(wrongDob.status);
    const c = await lockedRight.text();
    expect(visibleText(c)).toBe(visibleText(a));
    expect(comparable(withoutScripts(c))).toBe(comparable(withoutScripts(a)));
  });

  it("a typo in the check symbol is answered as a typo, without a lookup or an audit row", async () => {
    const before = await env.ctx.db.select().from(auditEvents);
    const res = await postForm(server.url + "/check", { code: "DEM0-ADV1-T7K4-Q2XA", ...dobFields("1958-04-28") });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("This code has a typo");
    expect(await env.ctx.db.select().from(auditEvents)).toHaveLength(before.length);
  });

  it("keeps what was typed and names each bad field", async () => {
    const res = await postForm(server.url + "/check", { code: "", "dob-month": "2", "dob-day": "30", "dob-year": "1980" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter the activation code from your letter.");
    expect(html).toContain("That date does not exist.");
    expect(html).toMatch(/id="dob-day"[^>]*value="30"|value="30"[^>]*id="dob-day"/);
  });

  it("refuses cross-site POSTs", async () => {
    const n = await createNotice(env.ctx, world.batch, { dateOfBirth: "1990-01-01" });
    const crossSite = await postForm(server.url + "/check", { code: n.code, ...dobFields("1990-01-01") }, { "Sec-Fetch-Site": "cross-site" });
    expect(crossSite.status).toBe(403);
    const evilOrigin = await fetch(server.url + "/check", {
      method: "POST",
      body: new URLSearchParams({ code: n.code, ...dobFields("1990-01-01") }),
      headers: { Origin: "https://evil.example" },
      redirect: "manual",
    });
    expect(evilOrigin.status).toBe(403);
    expect(evilOrigin.headers.getSetCookie()).toEqual([]);
    const signOut = await postForm(server.url + "/signout", {}, { "Sec-Fetch-Site": "same-site" });
    expect(signOut.status).toBe(403);
  });

  it("never writes a code or a date of birth to a log line", async () => {
    const lines: string[] = [];
    const spies = (["info", "warn", "error", "log"] as const).map((k) =>
      vi.spyOn(console, k).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" "))),
    );
    installConsoleScrubber(); // as the server does at start, now over the spies
    process.env.LOG_LEVEL = "info";
    try {
      const n = await createNotice(env.ctx, world.batch, { dateOfBirth: "1955-12-24" });
      await postForm(server.url + "/check", { code: n.code, ...dobFields("1955-12-25") });
      await postForm(server.url + "/check", { code: n.code, ...dobFields("1955-12-24") });
      await fetch(server.url + `/nope?code=${n.code}`);
      const all = lines.join("\n");
      expect(lines.length).toBeGreaterThan(0);
      expect(all).not.toContain(n.code);
      expect(all).not.toContain(n.code.slice(0, 4) + "-");
      expect(all).not.toContain("1955");
    } finally {
      delete process.env.LOG_LEVEL;
      spies.forEach((s) => s.mockRestore());
    }
  });

  it("shows a plain page without a stack trace for an unknown page", async () => {
    const res = await fetch(server.url + "/no-such-page");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("Page not found");
    // The title says "Error:" first (issue 16); the page itself never shows an error's text or stack.
    expect(/<title>([^<]*)<\/title>/.exec(html)?.[1]).toMatch(/^Error: /);
    expect(visibleText(html.replace(/<title>[^<]*<\/title>/, ""))).not.toMatch(/\.(ts|tsx|js):\d+|Error:|node_modules/);
    // Error pages have a nonce on every script too, so they work under the CSP.
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy")!)?.[1];
    for (const m of html.matchAll(/<script[^>]*>/g)) expect(m[0]).toContain(`nonce="${nonce}"`);
  });

  it("answers /healthz and /readyz", async () => {
    expect((await fetch(server.url + "/healthz")).status).toBe(200);
    const ready = await fetch(server.url + "/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, database: "up" });
  });

  it("in production adds HSTS and marks the patient cookie Secure", async () => {
    const prodConfig = { ...env.config, env: "production" as const, secureCookies: true, port: 0, host: "127.0.0.1" };
    const prodCtx = { ...env.ctx, config: prodConfig };
    const prod = await startServer({ config: prodConfig, database: env.database, ctx: prodCtx, build: await loadBuild() });
    try {
      const home = await fetch(prod.url + "/");
      expect(home.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
      const n = await createNotice(env.ctx, world.batch, { dateOfBirth: "1966-10-10" });
      const res = await postForm(prod.url + "/check", { code: n.code, ...dobFields("1966-10-10") }, { "X-Forwarded-For": "10.9.9.9" });
      expect(res.status).toBe(303);
      expect(res.headers.getSetCookie().find((c) => c.startsWith("__Host-ec_patient="))).toMatch(/;\s*Secure/i);
    } finally {
      await prod.server.close();
    }
  });

  it("slows, then answers 429 with Retry-After, an address that keeps failing", async () => {
    const n = await createNotice(env.ctx, world.batch, { dateOfBirth: "1944-04-04" });
    let last: Response | undefined;
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      last = await postForm(server.url + "/check", { code: n.code, ...dobFields(`1944-05-${String((i % 28) + 1).padStart(2, "0")}`) });
      statuses.push(last.status);
      if (last.status === 429) break;
    }
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await last?.text()).toContain("Too many tries");
    const rows = await env.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, String(n.notice.id)));
    expect(rows.length, statuses.join(",")).toBeGreaterThan(0);
  });

  it.skipIf(process.env.TEST_DB_KIND !== "postgres")(
    "while an import holds the notices table: 503 'busy, try again' within the lock timeout, nothing written; then the check works",
    async () => {
      const n = await createNotice(env.ctx, world.batch, { dateOfBirth: "1980-04-02" });
      await env.ctx.database.rows(sql`delete from throttles`); // the 429 test above blocked this address
      const audited = async () =>
        (
          await env.ctx.db
            .select()
            .from(auditEvents)
            .where(eq(auditEvents.subjectId, String(n.notice.id)))
        ).length;
      const throttled = async () => (await env.ctx.database.rows<{ n: number }>(sql`select coalesce(sum(failures), 0)::int as n from throttles`))[0]!.n;
      const [auditBefore, throttleBefore] = [await audited(), await throttled()];
      // What a large import does to the table while it loads (README "How an import works").
      const holder = await env.database.postgres!.reserve();
      try {
        await holder`begin`;
        await holder`set local lock_timeout = 0`;
        await holder`lock table notices in access exclusive mode`;
        const started = Date.now();
        const res = await postForm(server.url + "/check", { code: n.code, ...dobFields("1980-04-02") });
        const waited = Date.now() - started;
        expect(res.status).toBe(503);
        expect(res.headers.get("retry-after")).toBe("120");
        expect(res.headers.getSetCookie().some((c) => c.startsWith("ec_patient="))).toBe(false);
        const text = visibleText(await res.text());
        expect(text).toContain("Please try again shortly");
        expect(text).toContain("Nothing you entered was saved");
        expect(text).not.toContain("1980");
        expect(waited).toBeGreaterThanOrEqual(450);
        expect(waited).toBeLessThan(5000);
        // The same for a JavaScript submission (Remix single fetch): a 503 error response the
        // error boundary shows with the same words.
        const data = await postForm(server.url + "/check.data", { code: n.code, ...dobFields("1980-04-02") });
        expect(data.status).toBe(503);
        expect(await data.text()).toMatch(/"ErrorResponse".*503/);
      } finally {
        await holder`rollback`;
        holder.release();
      }
      // Nothing counted against the person or the address; the check then works.
      expect([await audited(), await throttled()]).toEqual([auditBefore, throttleBefore]);
      const again = await postForm(server.url + "/check", { code: n.code, ...dobFields("1980-04-02") });
      expect(again.status).toBe(303);
    },
  );

  it("answers 503 'try again shortly' when the database goes away", async () => {
    await env.database.close();
    const res = await fetch(server.url + "/");
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("Please try again shortly");
    expect((await fetch(server.url + "/readyz")).status).toBe(503);
    expect((await fetch(server.url + "/healthz")).status).toBe(200);
  });
});
