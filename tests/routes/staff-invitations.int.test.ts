import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import type { AppServer } from "../../app/server";
import { staffUsers } from "../../db/schema/index";
import { deliverDueEmails } from "~/services/email/worker.server";
import { INVITATION_TTL_MS } from "~/services/staff/invitations.server";
import { ResendStandIn } from "../services/email/resend-stand-in";
import { openTestEnv, type TestEnv } from "../support/db";
import { invitationTokenIn, sentTo } from "../support/invitations";
import { postForm, startTestServer, visibleText } from "../support/server";
import { auditRows, codeNow, createStaff, signedIn } from "../support/staff";

/** The invitation over real HTTP: the admin page, the email, the public page, and the refusals. */
const standIn = new ResendStandIn();
let env: TestEnv;
let server: AppServer;
let adminCookie: string;
const GOOD = "pelican tundra sextant";

beforeAll(async () => {
  await standIn.start();
  env = await openTestEnv({ config: { resend: { apiKey: "re_test_key", baseUrl: standIn.url } } });
  server = await startTestServer(env);
  adminCookie = (await signedIn(env.ctx, await createStaff(env.ctx, "admin"))).cookie;
});
afterAll(async () => {
  await server?.close();
  await standIn.stop();
  await env?.close().catch(() => {});
});

const get = (path: string, cookie?: string) => fetch(server.url + path, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
const post = (path: string, fields: Record<string, string>, cookie?: string) => postForm(server.url + path, fields, cookie ? { Cookie: cookie } : {});
const cookieFrom = (res: Response) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith("ec_staff="))
    ?.split(";")[0];

async function inviteOverHttp(email: string, role = "agent"): Promise<string> {
  const res = await post("/admin/staff", { intent: "invite", email, role }, adminCookie);
  expect(res.status).toBe(200);
  while ((await deliverDueEmails(env.ctx)).claimed > 0);
  return invitationTokenIn(sentTo(standIn.received, email).at(-1)!);
}

async function keyOn(page: Response): Promise<string> {
  const html = await page.text();
  const key = /data-key="([A-Z2-7]+)"/.exec(html)?.[1];
  if (!key) throw new Error("no set-up key on the page");
  return key;
}

describe(`staff invitations over HTTP (${process.env.TEST_DB_KIND})`, () => {
  it("invite → email → open the link → password + code → signed in; the token is never logged", async () => {
    const lines: string[] = [];
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = "info";
    const grab = (...xs: unknown[]) => void lines.push(xs.map(String).join(" "));
    const spies = [
      vi.spyOn(console, "info").mockImplementation(grab),
      vi.spyOn(console, "warn").mockImplementation(grab),
      vi.spyOn(console, "error").mockImplementation(grab),
    ];
    try {
      const token = await inviteOverHttp("http.invitee@org.test");
      const path = `/staff/invitation?token=${token}`;
      const page = await get(path);
      expect(page.status).toBe(200);
      expect(page.headers.get("cache-control")).toBe("no-store");
      expect(page.headers.get("referrer-policy")).toBe("no-referrer");
      const key = await keyOn(page.clone());
      const text = visibleText(await page.text());
      expect(text).toContain("Set up your staff account");
      expect(text).toContain("http.invitee@org.test");

      const weak = await post(path, { password: "qwertyuiopasdf", confirm: "qwertyuiopasdf", code: codeNow(env.ctx, key) });
      expect(weak.status).toBe(400);
      expect(visibleText(await weak.text())).toContain("too easy to guess");
      const wrong = await post(path, { password: GOOD, confirm: GOOD, code: "12345" });
      expect(wrong.status).toBe(400);

      const done = await post(path, { password: GOOD, confirm: GOOD, code: codeNow(env.ctx, key) });
      expect(done.status).toBe(303);
      expect(done.headers.get("location")).toBe("/staff");
      const cookie = cookieFrom(done)!;
      const dash = await get("/staff", cookie);
      expect(dash.status).toBe(200);
      expect(visibleText(await dash.text())).toContain("http.invitee@org.test");

      // Reused: a plain 410 page, on GET and on POST.
      const reused = await get(path);
      expect(reused.status).toBe(410);
      expect(visibleText(await reused.text())).toContain("This invitation was already used");
      expect((await post(path, { password: GOOD, confirm: GOOD, code: codeNow(env.ctx, key) })).status).toBe(410);
      expect(lines.join("\n")).not.toContain(token);
      expect(lines.some((l) => l.includes('"path":"/staff/invitation"'))).toBe(true); // the request log keeps the path only
    } finally {
      for (const s of spies) s.mockRestore();
      process.env.LOG_LEVEL = previous;
    }
  });

  it("five simultaneous submits of one link over HTTP: one 303 and one account; the others get 410", async () => {
    const token = await inviteOverHttp("http.race@org.test", "supervisor");
    const path = `/staff/invitation?token=${token}`;
    const key = await keyOn(await get(path));
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(path, { password: GOOD, confirm: GOOD, code: codeNow(env.ctx, key) })));
    expect(answers.map((a) => a.status).sort()).toEqual([303, 410, 410, 410, 410]);
    expect(await env.ctx.db.select().from(staffUsers).where(eq(staffUsers.email, "http.race@org.test"))).toHaveLength(1);
  });

  it("unknown, malformed, expired and revoked links get a plain 4xx page, never a 500", async () => {
    for (const q of [
      "",
      "?token=",
      "?token=nope",
      `?token=${"A".repeat(43)}`,
      `?token=${"%ff".repeat(100)}`,
      "?token=a&token=b",
      `?token=${"x".repeat(4000)}`,
    ]) {
      const res = await get(`/staff/invitation${q}`);
      expect(res.status, q.slice(0, 40)).toBe(404);
      expect(visibleText(await res.text())).toContain("This link does not work");
      const posted = await post(`/staff/invitation${q}`, { password: GOOD, confirm: GOOD, code: "123456" });
      expect(posted.status, `POST ${q.slice(0, 40)}`).toBe(404);
    }
    const revokedToken = await inviteOverHttp("http.revoked@org.test");
    const list = await (await get("/admin/staff", adminCookie)).text();
    const id = new RegExp(`data-email="http.revoked@org.test"[\\s\\S]*?name="invitationId" value="([0-9a-f-]{36})"`).exec(list)?.[1];
    expect(id).toBeTruthy();
    const revoke = await post("/admin/staff", { intent: "revoke-invite", invitationId: id! }, adminCookie);
    expect(revoke.status).toBe(200);
    expect(visibleText(await revoke.text())).toContain("Invitation revoked");
    const revoked = await get(`/staff/invitation?token=${revokedToken}`);
    expect(revoked.status).toBe(410);
    expect(visibleText(await revoked.text())).toContain("This invitation was cancelled");
    expect((await post("/admin/staff", { intent: "revoke-invite", invitationId: "not-a-uuid" }, adminCookie)).status).toBe(400);

    const lateToken = await inviteOverHttp("http.late@org.test");
    env.clock.advance(INVITATION_TTL_MS + 1000);
    const late = await get(`/staff/invitation?token=${lateToken}`);
    expect(late.status).toBe(410);
    expect(visibleText(await late.text())).toContain("This invitation has expired");
    expect((await auditRows(env.ctx, { action: "staff.invite.revoke" })).length).toBeGreaterThanOrEqual(1);
  });

  it("the web refuses to reset an admin (403 with the reason and the command); an agent is still reset", async () => {
    adminCookie = (await signedIn(env.ctx, await createStaff(env.ctx, "admin"))).cookie; // the clock moved 72 hours
    const other = await createStaff(env.ctx, "admin");
    const agent = await createStaff(env.ctx, "agent");
    const page = await (await get("/admin/staff", adminCookie)).text();
    expect(page).toContain('data-testid="admin-reset-on-server"');
    for (const intent of ["reset-password", "reset-totp"]) {
      const refused = await post("/admin/staff", { intent, userId: other.id }, adminCookie);
      expect(refused.status).toBe(403);
      const text = visibleText(await refused.text());
      expect(text).toContain("Admin accounts cannot be reset on this page");
      expect(text).toContain("npm run cli -- staff reset --email");
      expect(text).not.toContain("One-time password");
    }
    const ok = await post("/admin/staff", { intent: "reset-password", userId: agent.id }, adminCookie);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('data-testid="one-time-password"');
  });
});
