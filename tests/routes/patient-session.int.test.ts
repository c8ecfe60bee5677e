// Issue 16, item 6 over real HTTP: an honest confirmation, and a session time limit the person is
// told about and can extend (WCAG 2.2.1) — without JavaScript; the browser test does the dialog.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { patientSessions } from "../../db/schema/index";
import { PATIENT_IDLE_MS } from "~/services/patient/session.server";
import type { AppServer } from "../../app/server";
import { openTestEnv, type TestEnv } from "../support/db";
import { postForm, startTestServer, visibleText } from "../support/server";
import { createMailedWorld, createNotice } from "../factories";
import { loadCodes, vendorCodes } from "../services/enrollment/support";

let env: TestEnv;
let server: AppServer;
let world: Awaited<ReturnType<typeof createMailedWorld>>;
const MINUTE = 60 * 1000;

beforeAll(async () => {
  env = await openTestEnv({ start: "2026-11-20T15:00:00Z" });
  world = await createMailedWorld(env.ctx);
  await loadCodes(env.ctx, world.incident.id, "adult", vendorCodes(5));
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

async function signIn(lang?: "es") {
  const n = await createNotice(env.ctx, world.batch, { dateOfBirth: "1961-02-03" });
  const res = await postForm(server.url + "/check", { code: n.code, ...dobFields("1961-02-03") });
  expect(res.status).toBe(303);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  if (lang) cookies.push(await spanish());
  return { notice: n, cookie: cookies.join("; ") };
}

/** The language switch's own cookie for Spanish. */
async function spanish(): Promise<string> {
  const res = await fetch(server.url + "/language/es?next=/", { redirect: "manual" });
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith("ec_lang="))!
    .split(";")[0]!;
}

const get = (path: string, cookie = "") => fetch(server.url + path, { headers: { cookie }, redirect: "manual" });

describe(`the session's time limit without JavaScript (${process.env.TEST_DB_KIND})`, () => {
  it("every patient page says when the session ends and offers a plain 'I'm still here' form", async () => {
    const { cookie } = await signIn();
    for (const path of ["/exposure", "/enroll"]) {
      const html = await (await get(path, cookie)).text();
      const text = visibleText(html);
      expect(text).toContain("we sign you out if you do nothing for 15 minutes");
      expect(text).toContain("you will be signed out 15 minutes after this page opened");
      expect(html).toMatch(/<form[^>]*method="post"[^>]*action="\/session\/extend"/);
      expect(html).toContain(`name="next" value="${path}"`);
    }
  });

  it("'I'm still here' pushes the end 15 minutes on and goes back to the page; without it the session ends", async () => {
    const { cookie } = await signIn();
    env.clock.advance(14 * MINUTE);
    const res = await postForm(server.url + "/session/extend", { next: "/exposure" }, { Cookie: cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/exposure");
    env.clock.advance(14 * MINUTE);
    // 28 minutes after the check, 14 after the extension: still signed in.
    expect((await get("/exposure", cookie)).status).toBe(200);
    env.clock.advance(PATIENT_IDLE_MS + 1000);
    const late = await postForm(server.url + "/session/extend", { next: "/exposure" }, { Cookie: cookie });
    expect(late.status).toBe(302);
    expect(late.headers.get("location")).toBe("/session/ended?why=idle");
    expect(late.headers.getSetCookie().find((c) => c.startsWith("ec_patient="))).toMatch(/Max-Age=0/i);
    // Once over, nothing brings it back.
    expect((await get("/exposure", cookie)).headers.get("location")).toBe("/");
  });

  it("a next that leaves the site is not followed", async () => {
    const { cookie } = await signIn();
    const res = await postForm(server.url + "/session/extend", { next: "//evil.example/x" }, { Cookie: cookie });
    expect(res.headers.get("location")).toBe("/exposure");
  });

  it("no session: extending does nothing and sends you home", async () => {
    const res = await postForm(server.url + "/session/extend", { next: "/exposure" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
  });

  it("after the 60-minute limit the page says so, and the button is gone near it", async () => {
    const { cookie } = await signIn();
    for (let i = 0; i < 4; i++) {
      env.clock.advance(12 * MINUTE);
      expect((await get("/exposure", cookie)).status).toBe(200);
    }
    env.clock.advance(4 * MINUTE);
    // 52 minutes in: the 60-minute end comes before the idle end, so there is nothing to extend.
    const html = await (await get("/exposure", cookie)).text();
    expect(visibleText(html)).toContain("You can stay signed in for 60 minutes in all.");
    expect(html).not.toContain('action="/session/extend"');
    env.clock.advance(9 * MINUTE);
    const over = await get("/exposure", cookie);
    expect(over.headers.get("location")).toBe("/session/ended?why=limit");
    const page = visibleText(await (await get("/session/ended?why=limit")).text());
    expect(page).toContain("You were signed in for 60 minutes.");
  });

  it("the page after the end says why, in English and Spanish, with no personal data", async () => {
    const en = await get("/session/ended?why=idle");
    expect(en.status).toBe(200);
    const text = visibleText(await en.text());
    expect(text).toContain("You were signed out");
    expect(text).toContain("You did nothing on this site for 15 minutes.");
    expect(text).toContain("If you enrolled, your enrollment is saved.");
    const es = visibleText(await (await get("/session/ended?why=idle", await spanish())).text());
    expect(es).toContain("Cerramos su sesión");
    expect(es).toContain("No hizo nada en este sitio durante 15 minutos.");
    // Anything else in the query is the idle text, never an echo of it.
    const odd = await (await get("/session/ended?why=%3Cscript%3E")).text();
    expect(odd).not.toContain("<script>");
  });

  it("the warning's sign-out lands on the page that says why, and the session is over", async () => {
    const { cookie, notice } = await signIn();
    const res = await postForm(server.url + "/signout?why=idle", {}, { Cookie: cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/session/ended?why=idle");
    const open = await env.ctx.db.select().from(patientSessions).where(eq(patientSessions.noticeId, notice.notice.id));
    expect(open.every((s) => s.endedAt !== null)).toBe(true);
    // The ordinary button still goes home.
    const plain = await postForm(server.url + "/signout", {}, { Cookie: (await signIn()).cookie });
    expect(plain.headers.get("location")).toBe("/?ended=signedout");
  });
});

describe(`an honest confirmation (${process.env.TEST_DB_KIND})`, () => {
  it("says what is done, what is left (with the partner's address and phone as links), what comes next and what we never ask", async () => {
    const { cookie } = await signIn();
    const ok = await postForm(server.url + "/enroll", { consent: "yes" }, { Cookie: cookie });
    expect(ok.status).toBe(303);
    const html = await (await get("/enroll/done", cookie)).text();
    const text = visibleText(html);
    expect(text).toContain("You signed up. Now activate your monitoring.");
    expect(text).toContain("What is done");
    expect(text).toContain("We will not send you an email, because you did not give us one.");
    expect(text).not.toContain("We will send you one email to confirm.");
    expect(text).toContain("What is left: activate it with");
    expect(html).toMatch(/<a href="https:\/\/monitoring\.example\.org[^"]*"[^>]*data-testid="partner-url"/);
    expect(html).toMatch(/<a href="tel:\+1\d{10}"[^>]*data-testid="partner-phone"/);
    expect(text).toContain("What happens next");
    expect(text).toContain("We will never ask for your Social Security number, a bank or card number, or a password");
    expect(text).toContain("Staying signed in");
  });

  it("with an email given it says one email will come; in Spanish too", async () => {
    const { cookie } = await signIn("es");
    const ok = await postForm(server.url + "/enroll", { consent: "yes", email: "p@example.test", emailConfirm: "p@example.test" }, { Cookie: cookie });
    expect(ok.status).toBe(303);
    const text = visibleText(await (await get("/enroll/done", cookie)).text());
    expect(text).toContain("Ya se inscribió. Ahora active su monitoreo.");
    expect(text).toContain("Le enviaremos un correo para confirmar. No incluye su código.");
    expect(text).toContain("Lo que nunca le pediremos");
    expect(text).toContain("Sigo aquí");
  });
});
