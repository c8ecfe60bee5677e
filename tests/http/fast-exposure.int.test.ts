import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createCookie } from "@remix-run/node";
import { notices, patientSessions } from "../../db/schema/index";
import { startServer, type AppServer } from "../../app/server";
import { exposureTemplateStats } from "~/http/fast-exposure.server";
import { langCookieFor, noticeLangCookieFor } from "~/http/lang.server";
import { patientCookie } from "~/http/patient.server";
import { signOutPatient } from "~/services/patient/session.server";
import { sha256Hex } from "~/utils/crypto.server";
import type { PersonInput } from "~/services/notices/seal.server";
import { openTestEnv, type TestEnv } from "../support/db";
import { loadBuild } from "../support/server";
import { createBatch, createEnrollment, createIncident, createMailedWorld, createNotice, createOrganization, startSessionFor } from "../factories";

// GET /exposure from page templates (app/http/fast-exposure.server.ts) against the same server
// with every request going through Remix, over one database: the same bytes (but for the nonce)
// on a miss and on a hit, each person's own reference number, no template without a live session,
// the same redirects, and the session touched once per view.

let env: TestEnv;
let fast: AppServer;
let remix: AppServer;
let world: Awaited<ReturnType<typeof createMailedWorld>>;

beforeAll(async () => {
  env = await openTestEnv({ lockTimeoutMs: 500 });
  world = await createMailedWorld(env.ctx);
  const build = await loadBuild();
  const config = { ...env.config, port: 0, host: "127.0.0.1" };
  fast = await startServer({ config, build, database: env.database, ctx: env.ctx });
  remix = await startServer({ config, build, database: env.database, ctx: env.ctx, fastPaths: false });
  // Every touch of a session, logged by the database itself: "once per view" is counted, not guessed.
  await env.ctx.database.rows(sql`create table touch_log (token_hash text not null, ended boolean not null)`);
  await env.ctx.database.rows(
    sql.raw(`create function log_touch() returns trigger language plpgsql as $$
    begin insert into touch_log values (new.token_hash, new.ended_at is not null); return new; end $$`),
  );
  await env.ctx.database.rows(sql`create trigger touch_log after update on patient_sessions for each row execute function log_touch()`);
});
afterAll(async () => {
  await fast?.server.close();
  await remix?.close();
  await env?.close().catch(() => {});
});

const stats = () => ({ ...exposureTemplateStats(env.ctx) });
const cookieFor = async (token: string) => (await patientCookie(env.config).serialize(token)).split(";")[0]!;
const open = (server: AppServer, cookie: string, headers: Record<string, string> = {}, path = "/exposure", method = "GET") =>
  fetch(server.url + path, { method, headers: { Cookie: cookie, ...headers }, redirect: "manual" });
const touches = async (token: string) =>
  (await env.ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from touch_log where token_hash = ${sha256Hex(token)}`))[0]!.n;

/** The response's own nonce, from its CSP header. */
function nonceOf(res: Response): string {
  const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
  expect(nonce).toBeTruthy();
  return nonce!;
}

/** The body with its own nonce (and only that) replaced; every nonce attribute must be that one. */
async function normalised(res: Response): Promise<string> {
  const nonce = nonceOf(res);
  const html = await res.text();
  const attributes = [...html.matchAll(/nonce="([^"]*)"/g)].map((m) => m[1]);
  expect(attributes.length).toBeGreaterThan(0);
  expect(new Set(attributes)).toEqual(new Set([nonce]));
  return html.split(nonce).join("«nonce»");
}

/** Headers that must match, leaving out those unique per response or per way of sending a body. */
function stableHeaders(res: Response) {
  const skip = new Set(["x-request-id", "content-security-policy", "date", "content-length", "transfer-encoding", "keep-alive", "connection"]);
  return [...res.headers.entries()].filter(([k]) => !skip.has(k)).sort();
}

async function redirectOf(res: Response) {
  await res.body?.cancel();
  return { status: res.status, location: res.headers.get("location"), cookies: res.headers.getSetCookie(), headers: stableHeaders(res) };
}

describe(`the exposure page from templates and from Remix are the same page (${process.env.TEST_DB_KIND})`, () => {
  it("byte for byte but the nonce, on a miss and on a hit, for every kind of page", async () => {
    const closed = await createIncident(env.ctx, { enrollBy: "2026-01-01", breachedEntity: "Closed Offer Inc." });
    const closedBatch = await createBatch(env.ctx, await createOrganization(env.ctx, closed, { name: "Lakeside Clinic" }));
    const otherOrg = await createBatch(env.ctx, await createOrganization(env.ctx, world.incident, { name: "Riverside Health" }));
    const es = (await noticeLangCookieFor(env.config).serialize("es")).split(";")[0]!;
    const chooseEn = (await langCookieFor(env.config).serialize("en")).split(";")[0]!;
    const variants: {
      name: string;
      person: Partial<PersonInput>;
      batch?: typeof closedBatch;
      enrolled?: "enrolled" | "waiting";
      headers?: Record<string, string>;
      cookie?: string;
    }[] = [
      { name: "en adult, offer open, neither", person: { exposed: ["name", "ssn", "diagnosis"] } },
      { name: "es by the browser", person: { language: "es", exposed: ["claims", "health_insurance"] }, headers: { "Accept-Language": "es-MX,es;q=0.9" } },
      { name: "es by the notice", person: { language: "es", state: "TN", exposed: ["medicaid_medicare_id"] }, cookie: es },
      { name: "en chosen over the notice's es", person: { language: "es", exposed: ["medicaid_medicare_id"] }, cookie: `${es}; ${chooseEn}` },
      { name: "minor, waiting for a code", person: { dateOfBirth: "2014-06-01", exposed: ["name", "date_of_birth"] }, enrolled: "waiting" },
      { name: "deceased", person: { deceased: true, exposed: ["provider", "condition"] } },
      { name: "adult, enrolled", person: { exposed: ["taxpayer_id"] }, enrolled: "enrolled" },
      { name: "offer closed, another incident", person: { exposed: ["address", "prescription"] }, batch: closedBatch },
      { name: "another organization", person: { exposed: ["patient_account_number"] }, batch: otherOrg },
      {
        name: "a crawler's render (all at once)",
        person: { exposed: ["subscriber_number"] },
        headers: { "User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1)" },
      },
    ];
    for (const v of variants) {
      const { notice } = await createNotice(env.ctx, v.batch ?? world.batch, v.person);
      if (v.enrolled) await createEnrollment(env.ctx, notice, v.enrolled);
      const cookie = [await cookieFor(await startSessionFor(env.ctx, notice)), v.cookie].filter(Boolean).join("; ");
      const before = stats();
      const miss = await open(fast, cookie, v.headers);
      const afterMiss = stats();
      const hit = await open(fast, cookie, v.headers);
      const afterHit = stats();
      const plain = await open(remix, cookie, v.headers);
      expect(stats(), v.name).toEqual(afterHit); // the Remix-only server has no templates
      expect([afterMiss.renders - before.renders, afterMiss.kept - before.kept, afterMiss.hits - before.hits], v.name).toEqual([1, 1, 0]);
      expect(afterHit.hits - afterMiss.hits, v.name).toBe(1);
      expect([miss.status, hit.status, plain.status], v.name).toEqual([200, 200, 200]);
      expect(stableHeaders(miss), v.name).toEqual(stableHeaders(plain));
      expect(stableHeaders(hit), v.name).toEqual(stableHeaders(plain));
      expect(miss.headers.get("cache-control")).toBe("no-store");
      const [a, b, c] = [await normalised(miss), await normalised(hit), await normalised(plain)];
      expect(a, v.name).toBe(c);
      expect(b, v.name).toBe(c);
      expect(c).toContain(notice.referenceNumber);
      for (const key of notice.categories) expect(c).toContain(`data-category="${key}"`);
    }
  });
});

describe(`a template is compressed as the middleware would, in one call (${process.env.TEST_DB_KIND})`, () => {
  it("the same encoding and Vary as Remix's page for each Accept-Encoding, the same page decoded; sent whole, not streamed", async () => {
    const { notice } = await createNotice(env.ctx, world.batch, { exposed: ["name", "claims"] });
    const cookie = await cookieFor(await startSessionFor(env.ctx, notice));
    await (await open(fast, cookie)).text(); // the template exists: what follows are hits
    const cases: [string, string | null][] = [
      ["gzip, deflate, br, zstd", "br"], // Chromium's
      ["gzip, deflate", "gzip"],
      ["br;q=0, gzip", "gzip"],
      ["gzip;q=0.5, br;q=0.9", "br"],
      ["deflate", "deflate"], // left to the middleware's stream
      ["identity", null],
    ];
    for (const [accept, expected] of cases) {
      const hitsBefore = stats().hits;
      const hit = await open(fast, cookie, { "Accept-Encoding": accept });
      const plain = await open(remix, cookie, { "Accept-Encoding": accept });
      expect(stats().hits - hitsBefore, accept).toBe(1);
      expect(hit.headers.get("content-encoding"), accept).toBe(expected);
      expect(plain.headers.get("content-encoding"), accept).toBe(expected);
      expect(hit.headers.get("vary"), accept).toBe(plain.headers.get("vary"));
      expect(await normalised(hit), accept).toBe(await normalised(plain));
      if (expected === "br" || expected === "gzip") {
        // One synchronous compression: the whole body with its length, where the stream is chunked.
        expect(Number(hit.headers.get("content-length")), accept).toBeGreaterThan(0);
        expect(plain.headers.get("content-length"), accept).toBeNull();
      }
    }
  });
});

describe(`templates never mix people up (${process.env.TEST_DB_KIND})`, () => {
  it("two people with the same kind of page: one template, each sees only their own reference number", async () => {
    const [a, b] = [
      await createNotice(env.ctx, world.batch, { exposed: ["beneficiary_number"] }),
      await createNotice(env.ctx, world.batch, { exposed: ["beneficiary_number"] }),
    ];
    const before = stats();
    const pageA = await (await open(fast, await cookieFor(await startSessionFor(env.ctx, a.notice)))).text();
    const pageB = await (await open(fast, await cookieFor(await startSessionFor(env.ctx, b.notice)))).text();
    expect(stats().renders - before.renders).toBe(1);
    expect(stats().hits - before.hits).toBe(1);
    expect(pageA).toContain(a.notice.referenceNumber);
    expect(pageA).not.toContain(b.notice.referenceNumber);
    expect(pageB).toContain(b.notice.referenceNumber);
    expect(pageB).not.toContain(a.notice.referenceNumber);
  });

  it("people with different exposures, many at once on cold templates: each page is its owner's", async () => {
    const kinds = [["diagnosis_code"], ["treatment_cost", "claims"], ["patient_id_number"]] as const;
    const people: (Awaited<ReturnType<typeof createNotice>> & { cookie: string })[] = [];
    for (let i = 0; i < 12; i++) {
      const n = await createNotice(env.ctx, world.batch, { exposed: [...kinds[i % kinds.length]!] });
      people.push({ ...n, cookie: await cookieFor(await startSessionFor(env.ctx, n.notice)) });
    }
    const before = stats();
    const pages = await Promise.all(people.map(async (p) => (await open(fast, p.cookie)).text()));
    expect(stats().renders - before.renders).toBe(kinds.length); // one render per kind, shared by the rest
    pages.forEach((html, i) => {
      const me = people[i]!;
      expect(html).toContain(me.notice.referenceNumber);
      for (const other of people) if (other !== me) expect(html).not.toContain(other.notice.referenceNumber);
      const shown = [...html.matchAll(/data-category="([a-z_]+)"/g)].map((m) => m[1]).sort();
      expect(shown).toEqual([...me.notice.categories].sort());
    });
  });

  it("each response has its own nonce, the one its CSP header names", async () => {
    const { notice } = await createNotice(env.ctx, world.batch);
    const cookie = await cookieFor(await startSessionFor(env.ctx, notice));
    const nonces = [];
    for (let i = 0; i < 3; i++) {
      const res = await open(fast, cookie);
      const nonce = nonceOf(res);
      const html = await res.text();
      expect(new Set([...html.matchAll(/nonce="([^"]*)"/g)].map((m) => m[1]))).toEqual(new Set([nonce]));
      expect(html).not.toMatch(/ECNONCE|ECREF/);
      nonces.push(nonce);
    }
    expect(new Set(nonces).size).toBe(3);
  });
});

describe(`no template without a live session; the redirects are Remix's (${process.env.TEST_DB_KIND})`, () => {
  /** A template for this kind of page is warm, then the session is ended some way: fast and Remix answer alike. */
  async function bothAfter(end: (token: string) => Promise<string | void>) {
    const answers = [];
    for (const server of [fast, remix]) {
      const { notice } = await createNotice(env.ctx, world.batch, { exposed: ["ssn"] });
      const token = await startSessionFor(env.ctx, notice);
      expect((await open(fast, await cookieFor(token))).status).toBe(200); // the template is warm
      const cookie = (await end(token)) ?? (await cookieFor(token));
      const before = stats();
      const res = await open(server, cookie);
      expect(stats().hits).toBe(before.hits);
      answers.push(await redirectOf(res));
    }
    expect(answers[0]).toEqual(answers[1]);
    return answers[0]!;
  }
  const ago = (minutes: number) => new Date(env.ctx.now().getTime() - minutes * 60_000);

  it("signed out: home", async () => {
    const r = await bothAfter(async (token) => void (await signOutPatient(env.ctx, { ip: "203.0.113.1", requestId: "t" }, token)));
    expect([r.status, r.location]).toEqual([302, "/"]);
    expect(r.cookies.some((c) => /^ec_patient=;/.test(c))).toBe(true);
  });

  it("15 quiet minutes: the page that says why", async () => {
    const r = await bothAfter(async (token) => {
      await env.ctx.db
        .update(patientSessions)
        .set({ lastSeenAt: ago(16) })
        .where(eq(patientSessions.tokenHash, sha256Hex(token)));
    });
    expect([r.status, r.location]).toEqual([302, "/session/ended?why=idle"]);
  });

  it("60 minutes after the check: the page that says why", async () => {
    const r = await bothAfter(async (token) => {
      await env.ctx.db
        .update(patientSessions)
        .set({ createdAt: ago(61) })
        .where(eq(patientSessions.tokenHash, sha256Hex(token)));
    });
    expect([r.status, r.location]).toEqual([302, "/session/ended?why=limit"]);
  });

  it("a letter withdrawn under a live session: home", async () => {
    const r = await bothAfter(async (token) => {
      const [s] = await env.ctx.db
        .select()
        .from(patientSessions)
        .where(eq(patientSessions.tokenHash, sha256Hex(token)));
      await env.ctx.db.update(notices).set({ revokedAt: env.ctx.now() }).where(eq(notices.id, s!.noticeId));
    });
    expect([r.status, r.location]).toEqual([302, "/"]);
  });

  it("a forged, unsigned, unknown or missing cookie: home", async () => {
    const forger = createCookie("ec_patient", { secrets: ["not-our-secret-0123456789abcdef"] });
    const forgeries = [
      async (token: string) => (await forger.serialize(token)).split(";")[0]!,
      async (token: string) => `ec_patient=${token}`,
      async (token: string) => `ec_patient=${Buffer.from(JSON.stringify(token)).toString("base64")}`,
      async () => cookieFor("no-such-session"),
      async () => "ec_lang=InRoZW0i",
    ];
    for (const forge of forgeries) {
      const r = await bothAfter(forge);
      expect([r.status, r.location]).toEqual([302, "/"]);
    }
  });
});

describe(`the session is touched once per view (${process.env.TEST_DB_KIND})`, () => {
  it("on a miss, a hit and through Remix: moved at most once a minute, once per view; an idle session ends once and is not read again", async () => {
    for (const server of [fast, fast, remix]) {
      const { notice } = await createNotice(env.ctx, world.batch, { exposed: ["name"] });
      const token = await startSessionFor(env.ctx, notice);
      const res = await open(server, await cookieFor(token));
      expect(res.status).toBe(200);
      expect(await touches(token)).toBe(0); // the check moved the deadline less than a minute ago
      env.clock.advance(60_000);
      expect((await open(server, await cookieFor(token))).status).toBe(200);
      expect(await touches(token)).toBe(1); // a minute on: moved once, by this one view
      await env.ctx.db
        .update(patientSessions)
        .set({ lastSeenAt: new Date(env.ctx.now().getTime() - 16 * 60_000) })
        .where(eq(patientSessions.tokenHash, sha256Hex(token)));
      await env.ctx.database.rows(sql`delete from touch_log`); // that update was the test's own
      const ended = await open(server, await cookieFor(token));
      expect(ended.headers.get("location")).toBe("/session/ended?why=idle");
      expect(await env.ctx.database.rows(sql`select ended from touch_log where token_hash = ${sha256Hex(token)}`)).toEqual([{ ended: true }]);
    }
  });
});

describe(`what the fast path leaves to Remix (${process.env.TEST_DB_KIND})`, () => {
  it("a JavaScript navigation (/exposure.data), HEAD and a query string: Remix's answer, no template", async () => {
    const { notice } = await createNotice(env.ctx, world.batch);
    const cookie = await cookieFor(await startSessionFor(env.ctx, notice));
    const before = stats();
    const data = await open(fast, cookie, {}, "/exposure.data");
    expect(data.status).toBe(200);
    expect(await data.text()).toContain(notice.referenceNumber);
    const head = await open(fast, cookie, {}, "/exposure", "HEAD");
    expect(head.status).toBe(200);
    const query = await open(fast, cookie, {}, "/exposure?from=letter");
    expect(query.status).toBe(200);
    expect(await query.text()).toContain(notice.referenceNumber);
    expect(stats()).toEqual(before);
  });

  it.runIf(process.env.TEST_DB_KIND === "postgres")("the sessions table held by a long lock: the same 503 'try again' as Remix's", async () => {
    const answers = [];
    for (const server of [fast, remix]) {
      const { notice } = await createNotice(env.ctx, world.batch);
      const cookie = await cookieFor(await startSessionFor(env.ctx, notice));
      const holder = await env.database.postgres!.reserve();
      try {
        await holder`begin`;
        await holder`set local lock_timeout = 0`;
        await holder`lock table patient_sessions in access exclusive mode`;
        const res = await open(server, cookie);
        answers.push({ status: res.status, retryAfter: res.headers.get("retry-after"), text: (await res.text()).includes("try again shortly") });
      } finally {
        await holder`rollback`;
        holder.release();
      }
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toEqual({ status: 503, retryAfter: "120", text: true });
  });
});
