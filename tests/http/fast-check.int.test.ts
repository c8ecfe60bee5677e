import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditEvents, patientSessions } from "../../db/schema/index";
import { startServer, type AppServer } from "../../app/server";
import { LOCK_AFTER_FAILURES } from "~/services/notices/check.server";
import { BLOCK_AFTER_FAILURES } from "~/utils/rate-limit.server";
import { refusalTemplateStats } from "~/http/fast-check.server";
import { openTestEnv, type TestEnv } from "../support/db";
import { loadBuild, postForm, visibleText } from "../support/server";
import { createMailedWorld, createNotice } from "../factories";

// The fast path for POST /check (app/http/fast-check.server.ts) against the same server with every
// request going through Remix, over one database: the same status, Location, cookies and audit rows
// for a match, a refusal, a form error, a throttled address and a cross-site post.

let env: TestEnv;
let fast: AppServer;
let remix: AppServer;
let world: Awaited<ReturnType<typeof createMailedWorld>>;
let address = 0;
/** Each scenario from addresses of its own (TRUST_PROXY=1), so throttles do not mix. */
const nextAddress = () => `10.77.${Math.floor(++address / 250)}.${address % 250}`;

beforeAll(async () => {
  env = await openTestEnv({ config: { trustProxy: true, trustProxySetting: { hops: 1 } } });
  world = await createMailedWorld(env.ctx);
  const build = await loadBuild();
  const config = { ...env.config, port: 0, host: "127.0.0.1" };
  fast = await startServer({ config, build, database: env.database, ctx: env.ctx });
  remix = await startServer({ config, build, database: env.database, ctx: env.ctx, fastPaths: false });
});
afterAll(async () => {
  await fast?.server.close();
  await remix?.close();
  await env?.close().catch(() => {});
});

const dobFields = (dob: string) => {
  const [y, m, d] = dob.split("-");
  return { "dob-month": String(Number(m)), "dob-day": String(Number(d)), "dob-year": y! };
};

/** Set-Cookie without the values that differ by nature (the session token and its signature). */
const cookieShapes = (res: Response) => res.headers.getSetCookie().map((c) => c.replace(/^(ec_patient|__Host-ec_patient)=[^;]*/, "$1=<token>"));

/** The audit rows one request wrote, without what differs by nature (ids, times, hashes). */
async function auditOf(res: Response) {
  const requestId = res.headers.get("x-request-id")!;
  const rows = await env.ctx.db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId));
  return rows.map((r) => ({ actorType: r.actorType, action: r.action, subjectType: r.subjectType, outcome: r.outcome, details: r.details }));
}

/** Headers that must match, leaving out those unique per response or per way of sending a body. */
function stableHeaders(res: Response) {
  const skip = new Set([
    "x-request-id",
    "content-security-policy",
    "date",
    "set-cookie",
    "content-length",
    "transfer-encoding",
    "etag",
    "keep-alive",
    "connection",
  ]);
  return [...res.headers.entries()].filter(([k]) => !skip.has(k)).sort();
}

describe(`the check's fast path and Remix give the same outcomes (${process.env.TEST_DB_KIND})`, () => {
  it("a match: 303 to /exposure, the same cookies and headers, one success audit row; the cookie opens the page", async () => {
    const answers = [];
    for (const server of [fast, remix]) {
      const n = await createNotice(env.ctx, world.batch, { dateOfBirth: "1961-09-15" });
      const res = await postForm(server.url + "/check", { code: n.code, ...dobFields("1961-09-15") }, { "X-Forwarded-For": nextAddress() });
      expect(res.status).toBe(303);
      const audit = await auditOf(res);
      expect(audit).toEqual([{ actorType: "patient", action: "patient.check", subjectType: "notice", outcome: "success", details: null }]);
      const cookie = res.headers
        .getSetCookie()
        .find((c) => c.startsWith("ec_patient=") || c.startsWith("__Host-ec_patient="))!
        .split(";")[0]!;
      const page = await fetch(server.url + "/exposure", { headers: { Cookie: cookie }, redirect: "manual" });
      expect(page.status).toBe(200);
      answers.push({ status: res.status, location: res.headers.get("location"), cookies: cookieShapes(res), headers: stableHeaders(res), audit });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]!.location).toBe("/exposure");
  });

  it("a wrong date of birth, a wrong code and a locked notice: the same 400 page, cookie and audit rows", async () => {
    for (const kind of ["wrong date", "wrong code", "locked"] as const) {
      const answers = [];
      for (const server of [fast, remix]) {
        const n = await createNotice(env.ctx, world.batch, { dateOfBirth: "1972-02-29" });
        if (kind === "locked") {
          for (let i = 0; i < LOCK_AFTER_FAILURES; i++)
            await postForm(server.url + "/check", { code: n.code, ...dobFields("1972-03-01") }, { "X-Forwarded-For": nextAddress() });
        }
        const fields =
          kind === "wrong code"
            ? { code: "DEM0-ADV1-T7K4-Q2X3", ...dobFields("1972-02-29") }
            : { code: n.code, ...dobFields(kind === "locked" ? "1972-02-29" : "1972-03-01") };
        const res = await postForm(server.url + "/check", fields, { "X-Forwarded-For": nextAddress() });
        answers.push({
          status: res.status,
          location: res.headers.get("location"),
          cookies: cookieShapes(res),
          headers: stableHeaders(res),
          audit: await auditOf(res),
          text: visibleText(await res.text()),
        });
      }
      expect(answers[0], kind).toEqual(answers[1]);
      expect(answers[0]!.status).toBe(400);
      expect(answers[0]!.text).toContain("We could not match that code and date of birth");
    }
  });

  it("refusals from page templates: Remix's own HTML byte for byte (but the nonce), a miss and a hit, each with its own typed values", async () => {
    const before = { ...refusalTemplateStats(env.ctx)! };
    /** The page without its nonce (each response has its own, in the CSP header and the scripts). */
    const html = async (res: Response) => {
      const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
      expect(nonce).toBeTruthy();
      const body = await res.text();
      expect(body).toContain(`nonce="${nonce}"`);
      return body.split(nonce!).join("<nonce>");
    };
    const n = await createNotice(env.ctx, world.batch, { dateOfBirth: "1966-06-16" });
    const cases = [
      // a wrong date of birth: a miss, then a hit with other values
      { code: n.code, "dob-month": "7", "dob-day": "17", "dob-year": "1967" },
      { code: n.code.toLowerCase(), "dob-month": "08", "dob-day": "18", "dob-year": "1968" },
      // a typo in the check symbol, a code of the wrong shape
      { code: "DEM0-ADV1-T7K4-Q2XA", "dob-month": "9", "dob-day": "19", "dob-year": "1969" },
      { code: "ABCD EFGH 2345", "dob-month": "10", "dob-day": "20", "dob-year": "1970" },
      { code: "ABCD EFGH 2347", "dob-month": "11", "dob-day": "21", "dob-year": "1971" },
    ];
    for (const [lang, extra] of [
      ["en", {}],
      ["es", { "Accept-Language": "es-MX,es;q=0.9" }],
    ] as const) {
      for (const fields of cases) {
        const pages = [];
        for (const server of [fast, remix]) {
          const res = await postForm(server.url + "/check", fields, { "X-Forwarded-For": nextAddress(), ...extra });
          expect(res.status, `${lang} ${fields.code}`).toBe(400);
          pages.push({ cookies: cookieShapes(res), headers: stableHeaders(res), html: await html(res) });
        }
        expect(pages[0], `${lang} ${fields.code}`).toEqual(pages[1]);
        // The page shows this request's values, and nobody else's.
        for (const other of cases) {
          if (other !== fields) expect(pages[0]!.html).not.toContain(`value="${other.code}"`);
        }
        expect(pages[0]!.html).toContain(`value="${fields.code}"`);
        expect(pages[0]!.html).toContain(`value="${fields["dob-year"]}"`);
      }
    }
    const after = refusalTemplateStats(env.ctx)!;
    expect(after.kept - before.kept).toBeGreaterThanOrEqual(4); // wrong answer, typo, wrong shape; in two languages
    expect(after.hits - before.hits).toBeGreaterThanOrEqual(3);
  });

  it("the third refusal in one browser says more, from its own template; the refusal count goes on as before", async () => {
    const n = await createNotice(env.ctx, world.batch, { dateOfBirth: "1944-04-14" });
    const answers: string[][] = [];
    for (const server of [fast, remix]) {
      let cookie = "";
      const texts = [];
      for (let i = 0; i < 4; i++) {
        const res = await postForm(
          server.url + "/check",
          { code: n.code, ...dobFields(`1944-04-${15 + i}`) },
          { "X-Forwarded-For": nextAddress(), Cookie: cookie },
        );
        expect(res.status).toBe(400);
        cookie = res.headers
          .getSetCookie()
          .map((c) => c.split(";")[0]!)
          .join("; ");
        texts.push(visibleText(await res.text()));
      }
      answers.push(texts);
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]![2]).not.toEqual(answers[0]![1]); // the third says more
  });

  it("typed values no template may carry as they are (a quote, an angle bracket) go to Remix, escaped as ever", async () => {
    const fields = { code: 'DEM0"ADV1<T7K4', ...dobFields("1958-04-28") };
    const [a, b] = await Promise.all(
      [fast, remix].map(async (server) => {
        const res = await postForm(server.url + "/check", fields, { "X-Forwarded-For": nextAddress() });
        return { status: res.status, text: visibleText(await res.text()) };
      }),
    );
    expect(a).toEqual(b);
    expect(a!.status).toBe(400);
  });

  it("form errors and a typo: the same 400 page, no lookup, no audit row", async () => {
    for (const fields of [
      { code: "", "dob-month": "2", "dob-day": "30", "dob-year": "1980" },
      { code: "DEM0-ADV1-T7K4-Q2XA", ...dobFields("1958-04-28") },
      { code: "X".repeat(65), ...dobFields("1958-04-28") },
    ]) {
      const answers = [];
      for (const server of [fast, remix]) {
        const res = await postForm(server.url + "/check", fields, { "X-Forwarded-For": nextAddress() });
        answers.push({
          status: res.status,
          cookies: cookieShapes(res),
          headers: stableHeaders(res),
          audit: await auditOf(res),
          text: visibleText(await res.text()),
        });
      }
      expect(answers[0]).toEqual(answers[1]);
      expect(answers[0]!.status).toBe(400);
      expect(answers[0]!.audit).toEqual([]);
    }
  });

  it("a throttled address: 429 with Retry-After and the same words, the same audit rows; the fast path's page is the plain one", async () => {
    const answers = [];
    for (const server of [fast, remix]) {
      const ip = nextAddress();
      const n = await createNotice(env.ctx, world.batch, { dateOfBirth: "1944-04-04" });
      let last: Response | undefined;
      for (let i = 0; i <= BLOCK_AFTER_FAILURES + 1 && last?.status !== 429; i++) {
        last = await postForm(
          server.url + "/check",
          { code: n.code, ...dobFields(`1944-05-${String((i % 28) + 1).padStart(2, "0")}`) },
          { "X-Forwarded-For": ip },
        );
      }
      expect(last!.status).toBe(429);
      // Once blocked, the right answer is refused too: no lookup, no audit row.
      const blocked = await postForm(server.url + "/check", { code: n.code, ...dobFields("1944-04-04") }, { "X-Forwarded-For": ip, "Accept-Language": "es" });
      expect(blocked.status).toBe(429);
      const html = await blocked.text();
      // The same sentence as the form's refusal today, in the visitor's language.
      const words = /Demasiados intentos\. Espere (1 minuto|\d+ minutos) y vuelva a intentarlo\. O llámenos al 1-855-555-0100\./.exec(visibleText(html))?.[0];
      expect(words).toBeTruthy();
      if (server === fast) {
        expect(html).toContain('<html lang="es">');
        expect(html).toContain('role="alert"');
        expect(html).not.toContain("<script");
      }
      answers.push({
        status: blocked.status,
        words,
        retryAfter: Number(blocked.headers.get("retry-after")) > 0,
        cookies: cookieShapes(blocked),
        cacheControl: blocked.headers.get("cache-control"),
        audit: await auditOf(blocked),
      });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]!.audit).toEqual([]);
  });

  it("a cross-site post: the same 403, no audit row", async () => {
    const answers = [];
    for (const server of [fast, remix]) {
      const n = await createNotice(env.ctx, world.batch, { dateOfBirth: "1990-01-01" });
      const refused: Record<string, string>[] = [{ "Sec-Fetch-Site": "cross-site" }, { "Sec-Fetch-Site": "", Origin: "https://evil.example" }];
      for (const headers of refused) {
        const res = await postForm(server.url + "/check", { code: n.code, ...dobFields("1990-01-01") }, { ...headers, "X-Forwarded-For": nextAddress() });
        answers.push({ server: server === fast ? 0 : 1, status: res.status, cookies: res.headers.getSetCookie(), audit: await auditOf(res) });
      }
    }
    expect(answers.map(({ server: _, ...a }) => a)).toEqual(answers.map(() => ({ status: 403, cookies: [], audit: [] })));
  });

  it("a JavaScript submission (/check.data) is Remix's, and works as before", async () => {
    const n = await createNotice(env.ctx, world.batch, { dateOfBirth: "1977-07-07" });
    const res = await postForm(fast.url + "/check.data", { code: n.code, ...dobFields("1977-07-07") }, { "X-Forwarded-For": nextAddress() });
    expect(res.status).toBe(202); // single fetch: the redirect travels in the body
    expect(await res.text()).toContain("/exposure");
    expect(res.headers.getSetCookie().some((c) => /^(__Host-)?ec_patient=/.test(c))).toBe(true);
    expect(await auditOf(res)).toHaveLength(1);
  });
});

describe(`a new check ends the browser's earlier session (issue 15, 6a; ${process.env.TEST_DB_KIND})`, () => {
  for (const which of ["fast path", "Remix"] as const) {
    it(`through the ${which}: the old cookie no longer opens the old page; a failed check leaves it alone`, async () => {
      const server = which === "fast path" ? fast : remix;
      const first = await createNotice(env.ctx, world.batch, { dateOfBirth: "1950-01-02", exposed: ["ssn"] });
      const second = await createNotice(env.ctx, world.batch, { dateOfBirth: "1960-03-04", exposed: ["prescription"] });
      const firstCheck = await postForm(server.url + "/check", { code: first.code, ...dobFields("1950-01-02") }, { "X-Forwarded-For": nextAddress() });
      const oldCookie = firstCheck.headers
        .getSetCookie()
        .find((c) => /^(__Host-)?ec_patient=/.test(c))!
        .split(";")[0]!;
      const open = (cookie: string) => fetch(server.url + "/exposure", { headers: { Cookie: cookie }, redirect: "manual" });
      expect((await open(oldCookie)).status).toBe(200);

      // A failed check on the same browser ends nothing.
      const failed = await postForm(
        server.url + "/check",
        { code: second.code, ...dobFields("1960-03-05") },
        { Cookie: oldCookie, "X-Forwarded-For": nextAddress() },
      );
      expect(failed.status).toBe(400);
      expect((await open(oldCookie)).status).toBe(200);

      // The next person checks on the same browser: the first person's session ends with it.
      const secondCheck = await postForm(
        server.url + "/check",
        { code: second.code, ...dobFields("1960-03-04") },
        { Cookie: oldCookie, "X-Forwarded-For": nextAddress() },
      );
      expect(secondCheck.status).toBe(303);
      const newCookie = secondCheck.headers
        .getSetCookie()
        .find((c) => /^(__Host-)?ec_patient=/.test(c))!
        .split(";")[0]!;
      const stale = await open(oldCookie);
      expect(stale.status).toBe(302);
      expect(stale.headers.get("location")).toBe("/");
      const page = await open(newCookie);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('data-category="prescription"');
      expect(html).not.toContain('data-category="ssn"');

      // In the database: the first notice's session has ended, the second's is live.
      const sessions = await env.ctx.db.select().from(patientSessions).where(eq(patientSessions.noticeId, first.notice.id));
      expect(sessions.map((s) => s.endedAt !== null)).toEqual([true]);
      const live = await env.ctx.db.select().from(patientSessions).where(eq(patientSessions.noticeId, second.notice.id));
      expect(live.map((s) => s.endedAt)).toEqual([null]);
    });
  }
});
