import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { enrollments, monitoringCodes } from "../../../db/schema/index";
import type { AppServer } from "../../../app/server";
import { openTestEnv, type TestEnv } from "../../support/db";
import { postForm, startTestServer, visibleText } from "../../support/server";
import { createMailedWorld, createNotice } from "../../factories";
import { loadCodes, vendorCodes } from "./support";

let env: TestEnv;
let server: AppServer;

beforeAll(async () => {
  env = await openTestEnv({ start: "2026-11-20T15:00:00Z" });
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

/** Check a letter like a browser would; returns the session cookie header. */
async function signIn(code: string, dob: string): Promise<string> {
  const res = await postForm(server.url + "/check", { code, ...dobFields(dob) });
  expect(res.status).toBe(303);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

const get = (path: string, cookie = "") => fetch(server.url + path, { headers: { cookie }, redirect: "manual" });

describe(`the enrollment pages over HTTP (${process.env.TEST_DB_KIND})`, () => {
  it("no session: /enroll and /enroll/done send you home", async () => {
    expect((await get("/enroll")).headers.get("location")).toBe("/");
    expect((await get("/enroll/done")).headers.get("location")).toBe("/");
    const res = await postForm(server.url + "/enroll", { consent: "yes" });
    expect(res.status).toBe(302);
    expect(await env.ctx.db.select().from(enrollments)).toHaveLength(0);
  });

  it("a person enrolls: form, a typo in the email kept and explained, then the code, coverage and how to activate — once", async () => {
    const { incident, batch } = await createMailedWorld(env.ctx);
    const codes = vendorCodes(3);
    await loadCodes(env.ctx, incident.id, "adult", codes);
    const n = await createNotice(env.ctx, batch, { dateOfBirth: "1966-02-03" });
    const cookie = await signIn(n.code, "1966-02-03");

    const form = await get("/enroll", cookie);
    expect(form.status).toBe(200);
    expect(form.headers.get("cache-control")).toBe("no-store");
    const formHtml = await form.text();
    expect(formHtml).toContain('data-testid="enroll-form"');
    expect(formHtml).toContain('name="emailConfirm"');
    expect(formHtml).not.toContain('name="guardianName"');
    expect(visibleText(formHtml)).toContain("Enrolling does not take away any of your legal rights.");
    expect(visibleText(formHtml)).toMatch(/Enroll by February 11, 2027/);

    const bad = await postForm(server.url + "/enroll", { email: "pat@example.test", emailConfirm: "pat@example.tset" }, { cookie });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('data-testid="error-summary"');
    expect(visibleText(badHtml)).toContain("The two emails are not the same.");
    expect(visibleText(badHtml)).toContain("Check the box to agree to the monitoring terms.");
    expect(badHtml).toContain('value="pat@example.test"');
    expect(await env.ctx.db.select().from(enrollments).where(eq(enrollments.noticeId, n.notice.id))).toHaveLength(0);

    const ok = await postForm(server.url + "/enroll", { email: "pat@example.test", emailConfirm: "Pat@example.test", consent: "yes" }, { cookie });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/enroll/done");
    // The URL carries nothing personal.
    expect(ok.headers.get("location")).not.toMatch(/pat|@|\d{4}/);

    const done = await get("/enroll/done", cookie);
    expect(done.status).toBe(200);
    expect(done.headers.get("cache-control")).toBe("no-store");
    const text = visibleText(await done.text());
    const [claimed] = await env.ctx.db.select().from(monitoringCodes).where(eq(monitoringCodes.noticeId, n.notice.id));
    const code = env.ctx.cipher.decrypt("monitoring_code", claimed!.codeEnc);
    expect(text).toContain(code);
    expect(text).toContain("Your coverage runs from November 20, 2026 through November 19, 2027.");
    expect(text).toContain("https://monitoring.example.org");
    expect(text).toContain("We will send you one email to confirm.");

    // Back to /enroll, a second submit: the same enrollment, the same code.
    expect((await get("/enroll", cookie)).headers.get("location")).toBe("/enroll/done");
    const again = await postForm(server.url + "/enroll", { consent: "yes" }, { cookie });
    expect(again.status).toBe(303);
    expect(await env.ctx.db.select().from(monitoringCodes).where(eq(monitoringCodes.noticeId, n.notice.id))).toHaveLength(1);
    expect(visibleText(await (await get("/enroll/done", cookie)).text())).toContain(code);
  });

  it("a guardian must give their name for a minor; an empty pool puts the person on the list with the call-center number", async () => {
    const { batch } = await createMailedWorld(env.ctx);
    const child = await createNotice(env.ctx, batch, { dateOfBirth: "2016-04-05" });
    const cookie = await signIn(child.code, "2016-04-05");
    expect(await (await get("/enroll", cookie)).text()).toContain('name="guardianName"');
    const missing = await postForm(server.url + "/enroll", { consent: "yes" }, { cookie });
    expect(missing.status).toBe(400);
    expect(visibleText(await missing.text())).toContain("Enter your full name as the parent or guardian.");
    const ok = await postForm(server.url + "/enroll", { consent: "yes", guardianName: "Rosa Diaz" }, { cookie });
    expect(ok.status).toBe(303);
    const text = visibleText(await (await get("/enroll/done", cookie)).text());
    expect(text).toContain("You are on the list");
    expect(text).toContain("1-855-555-0100");
    const [row] = await env.ctx.db.select().from(enrollments).where(eq(enrollments.noticeId, child.notice.id));
    expect(row).toMatchObject({ status: "waiting", product: "minor", monitoringCodeId: null });
  });

  it("a deceased person's letter offers no enrollment, and the next of kin is told what to do", async () => {
    const { incident, batch } = await createMailedWorld(env.ctx);
    await loadCodes(env.ctx, incident.id, "adult", vendorCodes(1));
    const n = await createNotice(env.ctx, batch, { dateOfBirth: "1940-01-01", deceased: true });
    const cookie = await signIn(n.code, "1940-01-01");
    const text = visibleText(await (await get("/enroll", cookie)).text());
    expect(text).toContain("No enrollment for this letter");
    expect(text).toContain("deceased — do not issue credit");
    const post = await postForm(server.url + "/enroll", { consent: "yes" }, { cookie });
    expect(post.status).toBe(409);
    expect(await env.ctx.db.select().from(enrollments).where(eq(enrollments.noticeId, n.notice.id))).toHaveLength(0);
  });
});
