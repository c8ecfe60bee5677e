// Issue 15, finding 6 (parts): a reissued or reprinted letter ends every session opened with the
// old code, and the patient cookies are `__Host-` prefixed where they are Secure — over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { patientSessions } from "../../db/schema/index";
import { performCallAction } from "~/services/calls/actions.server";
import { reprintNotice } from "~/services/batches/mailing.server";
import { startServer, type AppServer } from "../../app/server";
import { openTestEnv, type TestEnv } from "../support/db";
import { loadBuild, postForm, startTestServer } from "../support/server";
import { createStaff, signedIn, testMeta } from "../support/staff";
import { createMailedWorld, createNotice } from "../factories";
import { verifiedCall } from "../services/calls/support";
import { CLI } from "../services/enrollment/support";

let env: TestEnv;
let server: AppServer;
let world: Awaited<ReturnType<typeof createMailedWorld>>;

beforeAll(async () => {
  env = await openTestEnv({ start: "2026-11-20T15:00:00Z" });
  world = await createMailedWorld(env.ctx);
  server = await startTestServer(env);
});
afterAll(async () => {
  await server?.close();
  await env?.close().catch(() => {});
});

const DOB = "1971-06-05";
const dobFields = { "dob-month": "6", "dob-day": "5", "dob-year": "1971" };

/** Two browsers check the same letter; both are on the person's page. */
async function twoBrowsers(base = server.url) {
  const n = await createNotice(env.ctx, world.batch, { dateOfBirth: DOB });
  const jars: string[] = [];
  for (let i = 0; i < 2; i++) {
    const res = await postForm(base + "/check", { code: n.code, ...dobFields }, { "X-Forwarded-For": `10.0.0.${i + 1}` });
    expect(res.status).toBe(303);
    jars.push(
      res.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; "),
    );
  }
  for (const jar of jars) expect((await fetch(base + "/exposure", { headers: { Cookie: jar }, redirect: "manual" })).status).toBe(200);
  return { n, jars };
}

const openSessions = async (noticeId: number) =>
  (await env.ctx.db.select().from(patientSessions).where(eq(patientSessions.noticeId, noticeId))).filter((s) => s.endedAt === null).length;

describe(`a new letter ends the sessions of the old code (${process.env.TEST_DB_KIND})`, () => {
  it("the call center's reissue: every browser that used the old code is sent home", async () => {
    const { n, jars } = await twoBrowsers();
    expect(await openSessions(n.notice.id)).toBe(2);
    const agent = await signedIn(env.ctx, await createStaff(env.ctx, "agent"));
    const callId = await verifiedCall(env.ctx, agent.actor, n.notice.referenceNumber);
    expect(await performCallAction(env.ctx, agent.actor, testMeta(), callId, { intent: "reissue" })).toMatchObject({ kind: "done" });
    expect(await openSessions(n.notice.id)).toBe(0);
    for (const jar of jars) {
      const res = await fetch(server.url + "/exposure", { headers: { Cookie: jar }, redirect: "manual" });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/");
    }
  });

  it("the admin's reprint of one letter: the same", async () => {
    const { n, jars } = await twoBrowsers();
    const other = await twoBrowsers(); // someone else's sessions are untouched
    await reprintNotice(env.ctx, CLI, null, { referenceNumber: n.notice.referenceNumber, reason: "returned mail" });
    expect(await openSessions(n.notice.id)).toBe(0);
    for (const jar of jars) expect((await fetch(server.url + "/exposure", { headers: { Cookie: jar }, redirect: "manual" })).status).toBe(302);
    expect(await openSessions(other.n.notice.id)).toBe(2);
    expect((await fetch(server.url + "/exposure", { headers: { Cookie: other.jars[0]! }, redirect: "manual" })).status).toBe(200);
  });
});

describe(`patient cookies: __Host- in production, plain over http (${process.env.TEST_DB_KIND})`, () => {
  it("development/test over http: plain names, not Secure", async () => {
    const { jars } = await twoBrowsers();
    const names = jars[0]!.split("; ").map((c) => c.split("=")[0]);
    expect(names).toEqual(expect.arrayContaining(["ec_patient", "ec_notice_lang"]));
    expect(names.some((n) => n!.startsWith("__Host-"))).toBe(false);
    const lang = await fetch(server.url + "/language/es?next=/", { redirect: "manual" });
    const set = lang.headers.getSetCookie()[0]!;
    expect(set).toMatch(/^ec_lang=/);
    expect(set).not.toMatch(/Secure/i);
  });

  it("production: the session, the language and the sign-out use __Host- names (Secure, Path=/, no Domain)", async () => {
    const prodConfig = { ...env.config, env: "production" as const, secureCookies: true, port: 0, host: "127.0.0.1" };
    const prod = await startServer({ config: prodConfig, database: env.database, ctx: { ...env.ctx, config: prodConfig }, build: await loadBuild() });
    try {
      const n = await createNotice(env.ctx, world.batch, { dateOfBirth: DOB, language: "es" });
      const res = await postForm(prod.url + "/check", { code: n.code, ...dobFields }, { "X-Forwarded-For": "10.9.9.8" });
      expect(res.status).toBe(303);
      const session = res.headers.getSetCookie().find((c) => c.startsWith("__Host-ec_patient="))!;
      expect(session).toMatch(/;\s*Secure/i);
      expect(session).toMatch(/;\s*Path=\//i);
      expect(session).toMatch(/;\s*HttpOnly/i);
      expect(session).not.toMatch(/Domain=/i);
      expect(res.headers.getSetCookie().some((c) => c.startsWith("ec_patient="))).toBe(false);
      // The page opens with the prefixed cookie, in the notice's language (the check's own cookie).
      const jar = res.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      const page = await fetch(prod.url + "/exposure", { headers: { Cookie: jar, "X-Forwarded-For": "10.9.9.8" }, redirect: "manual" });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('lang="es"');
      // A plain-named cookie with the same token is not the session in production.
      const token = jar.match(/__Host-ec_patient=([^;]+)/)![1]!;
      expect((await fetch(prod.url + "/exposure", { headers: { Cookie: `ec_patient=${token}` }, redirect: "manual" })).status).toBe(302);

      const lang = await fetch(prod.url + "/language/en?next=/", { redirect: "manual" });
      expect(lang.headers.getSetCookie()[0]).toMatch(/^__Host-ec_lang=[^;]+;.*Secure/i);

      // Sign-out clears the prefixed cookies and any plain leftovers.
      const out = await postForm(prod.url + "/signout", {}, { Cookie: jar });
      const cleared = out.headers.getSetCookie();
      for (const name of ["__Host-ec_patient", "__Host-ec_notice_lang", "ec_patient", "ec_notice_lang"]) {
        expect(
          cleared.find((c) => c.startsWith(`${name}=`)),
          name,
        ).toMatch(/Max-Age=0/i);
      }
    } finally {
      await prod.server.close();
    }
  });
});
