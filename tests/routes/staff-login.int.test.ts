import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import type { AppServer } from "../../app/server";
import { LOCK_AFTER_FAILURES } from "~/services/staff/login.server";
import { openTestEnv, type TestEnv } from "../support/db";
import { postForm, startTestServer, visibleText } from "../support/server";
import { auditRows, codeNow, createStaff, type ReadyStaff } from "../support/staff";

let env: TestEnv;
let server: AppServer;

beforeAll(async () => {
  env = await openTestEnv();
  server = await startTestServer(env);
});
afterAll(async () => {
  await server?.close();
  await env?.close().catch(() => {});
});

const cookieFrom = (res: Response) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith("ec_staff="))
    ?.split(";")[0];
const get = (path: string, cookie?: string) => fetch(server.url + path, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
const post = (path: string, fields: Record<string, string>, cookie?: string) => postForm(server.url + path, fields, cookie ? { Cookie: cookie } : {});

/** The whole sign-in through the forms, as a browser without JavaScript does it. */
async function signInOverHttp(staff: ReadyStaff): Promise<string> {
  const step1 = await post("/staff/login", { intent: "password", email: staff.email, password: staff.password, next: "/staff" });
  expect(step1.status).toBe(303);
  const pending = cookieFrom(step1)!;
  const step2 = await post("/staff/login", { intent: "totp", code: codeNow(env.ctx, staff.totpSecret), next: "/staff" }, pending);
  expect(step2.status).toBe(303);
  return cookieFrom(step2)!;
}

describe(`staff pages over HTTP (${process.env.TEST_DB_KIND})`, () => {
  it("an agent signs in (password, then code) and out; the cookie is HttpOnly, SameSite=Strict and changes at each step", async () => {
    const agent = await createStaff(env.ctx, "agent");
    expect((await get("/staff")).headers.get("location")).toBe("/staff/login");

    const step1 = await post("/staff/login", { intent: "password", email: agent.email, password: agent.password, next: "/staff" });
    expect(step1.status).toBe(303);
    const setCookie = step1.headers.getSetCookie().find((c) => c.startsWith("ec_staff="))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const pending = cookieFrom(step1)!;
    const totpPage = await get("/staff/login", pending);
    expect(await totpPage.text()).toContain('data-testid="totp-step"');

    const step2 = await post("/staff/login", { intent: "totp", code: codeNow(env.ctx, agent.totpSecret), next: "/staff" }, pending);
    expect(step2.status).toBe(303);
    expect(step2.headers.get("location")).toBe("/staff");
    const cookie = cookieFrom(step2)!;
    expect(cookie).not.toBe(pending);

    const dash = await get("/staff", cookie);
    expect(dash.status).toBe(200);
    expect(dash.headers.get("cache-control")).toBe("no-store");
    const html = await dash.text();
    expect(visibleText(html).replace(/\s+/g, "")).toContain(`Signedinas${agent.email}(agent)`);
    expect(html).toContain('data-testid="staff-sign-out"');
    expect(visibleText(html)).not.toContain("Audit trail"); // not for agents

    const out = await post("/staff/logout", {}, cookie);
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/staff/login?ended=signedout");
    expect(out.headers.getSetCookie().join()).toMatch(/ec_staff=;/);
    expect((await get("/staff", cookie)).headers.get("location")).toBe("/staff/login");

    expect((await auditRows(env.ctx, { actorId: agent.id })).map((r) => r.action)).toEqual(["staff.login", "staff.login.totp", "staff.logout"]);
  });

  it("a wrong password and an unknown email read the same, keep the email typed, and the 6th try gets 429 with Retry-After", async () => {
    const agent = await createStaff(env.ctx, "agent");
    const wrong = await post("/staff/login", { intent: "password", email: agent.email, password: "not-the-password" });
    const ghost = await post("/staff/login", { intent: "password", email: "ghost@staff.test", password: "not-the-password" });
    expect(wrong.status).toBe(400);
    expect(ghost.status).toBe(400);
    const a = visibleText(await wrong.text());
    const b = visibleText(await ghost.text());
    expect(a).toContain("That email and password do not match an account that can sign in.");
    expect(a).toBe(b);
    for (let i = 1; i < LOCK_AFTER_FAILURES; i++) await post("/staff/login", { intent: "password", email: agent.email, password: `nope-${i}` });
    const sixth = await post("/staff/login", { intent: "password", email: agent.email, password: agent.password });
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get("retry-after")).toBe("900");
    expect(visibleText(await sixth.text())).toContain("wait 15 minutes");
    expect(cookieFrom(sixth)).toBeUndefined();
  });

  it("an agent opening the audit page or its export gets 403 and no audit data; a supervisor gets both", async () => {
    const agent = await createStaff(env.ctx, "agent");
    const supervisor = await createStaff(env.ctx, "supervisor");
    const agentCookie = await signInOverHttp(agent);
    const page = await get("/staff/audit", agentCookie);
    expect(page.status).toBe(403);
    const html = await page.text();
    expect(html).toContain("Not allowed");
    expect(html).not.toContain('data-testid="audit-table"');
    expect(html).not.toContain("staff.login");
    const csv = await get("/staff/audit/export", agentCookie);
    expect(csv.status).toBe(403);
    expect(await csv.text()).toBe("");
    expect((await auditRows(env.ctx, { actorId: agent.id, action: "staff.access.denied" })).map((r) => r.subjectId)).toEqual([
      "/staff/audit",
      "/staff/audit/export",
    ]);

    const supCookie = await signInOverHttp(supervisor);
    const ok = await get(`/staff/audit?staff=${agent.id}`, supCookie);
    expect(ok.status).toBe(200);
    const okHtml = await ok.text();
    expect(okHtml).toContain('data-testid="audit-table"');
    expect(okHtml).toContain('data-action="staff.access.denied"');
    const bad = await get("/staff/audit?from=2026-13-01", supCookie);
    expect(bad.status).toBe(200);
    expect(await bad.text()).toContain('data-testid="error-summary"');

    const exp = await get(`/staff/audit/export?staff=${agent.id}`, supCookie);
    expect(exp.status).toBe(200);
    expect(exp.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(exp.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-trail-/);
    const records = parse(await exp.text()) as string[][];
    expect(records[0]![0]).toBe("id");
    expect(records.slice(1).map((r) => r[5])).toContain("staff.access.denied");
    expect(await auditRows(env.ctx, { actorId: supervisor.id, action: "audit.export" })).toHaveLength(1);
  });

  it("first sign-in over HTTP: code, then a new password (a common one refused with the reason)", async () => {
    const agent = await createStaff(env.ctx, "agent", { firstSignIn: true });
    const step1 = await post("/staff/login", { intent: "password", email: agent.email, password: agent.password });
    const step2 = await post("/staff/login", { intent: "totp", code: codeNow(env.ctx, agent.totpSecret) }, cookieFrom(step1));
    expect(step2.headers.get("location")).toBe("/staff/login");
    const c = cookieFrom(step2)!;
    expect(await (await get("/staff/login", c)).text()).toContain('data-testid="new-password-step"');
    const weak = await post("/staff/login", { intent: "new-password", password: "qwertyuiop123", confirm: "qwertyuiop123" }, c);
    expect(weak.status).toBe(400);
    expect(visibleText(await weak.text())).toContain("on our list of commonly used passwords");
    const good = await post("/staff/login", { intent: "new-password", password: "marble kettle horizon", confirm: "marble kettle horizon" }, c);
    expect(good.status).toBe(303);
    expect((await get("/staff", cookieFrom(good))).status).toBe(200);
  });

  it("an admin invites an agent on the staff page: no password on screen; the old create-with-password form is gone", async () => {
    const admin = await createStaff(env.ctx, "admin");
    const cookie = await signInOverHttp(admin);
    const page = await get("/admin/staff", cookie);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(admin.email);
    const invited = await post("/admin/staff", { intent: "invite", email: "invited@staff.test", role: "agent" }, cookie);
    expect(invited.status).toBe(200);
    const html = await invited.text();
    expect(visibleText(html)).toContain("Invitation sent to invited@staff.test (agent).");
    expect(html).not.toContain('data-testid="one-time-password"');
    expect(html).not.toContain('data-testid="totp-secret"');
    const list = await (await get("/admin/staff", cookie)).text();
    expect(list).toContain('data-testid="invitations-table"');
    expect(list).toContain("invited@staff.test");
    const old = await post("/admin/staff", { intent: "create", email: "direct@staff.test", role: "agent" }, cookie);
    expect(old.status).toBe(400);
    expect(await old.text()).not.toContain('data-testid="one-time-password"');
  });
});
