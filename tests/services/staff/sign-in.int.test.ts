import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { staffSessions, staffUsers } from "../../../db/schema/index";
import { requireStaff } from "~/http/staff.server";
import {
  LOCK_AFTER_FAILURES,
  LOCK_MS,
  signInWithNewPassword,
  signInWithPassword,
  signInWithTotp,
  signOutStaff,
  type SignInResult,
} from "~/services/staff/login.server";
import { STAFF_ABSOLUTE_MS, STAFF_IDLE_MS } from "~/services/staff/session.server";
import { sha256Hex } from "~/utils/crypto.server";
import { openTestEnv, type TestEnv } from "../../support/db";
import { auditRows, codeNow, cookieFor, createStaff, loadContext, settle, staffRequest, testMeta, type ReadyStaff } from "../../support/staff";
import { clientAddressHash } from "~/services/audit/record.server";

let env: TestEnv;
beforeAll(async () => {
  env = await openTestEnv();
});
afterAll(async () => {
  await env?.close();
});

const tokenOf = (r: SignInResult) => {
  if (r.kind !== "next" && r.kind !== "signedIn") throw new Error(`expected a step forward, got ${r.kind}`);
  return r.token;
};

/** Password, then the code of the current step: the token of the active session. */
async function signIn(staff: ReadyStaff): Promise<string> {
  const first = await signInWithPassword(env.ctx, testMeta(), { email: staff.email, password: staff.password });
  expect(first).toMatchObject({ kind: "next", step: "totp" });
  const second = await signInWithTotp(env.ctx, testMeta(), tokenOf(first), codeNow(env.ctx, staff.totpSecret));
  expect(second.kind).toBe("signedIn");
  return tokenOf(second);
}

async function guard(token: string, path = "/staff") {
  const cookie = await cookieFor(env.ctx, token);
  return settle(() => requireStaff(staffRequest(path, cookie), loadContext(env.ctx), "agent"));
}

describe(`staff sign-in (${process.env.TEST_DB_KIND})`, () => {
  it("an agent signs in with password + TOTP, and the audit trail shows both steps with address and request id", async () => {
    const agent = await createStaff(env.ctx, "agent");
    const meta1 = testMeta();
    const first = await signInWithPassword(env.ctx, meta1, { email: `  ${agent.email.toUpperCase()} `, password: agent.password });
    expect(first).toMatchObject({ kind: "next", step: "totp" });
    // Half-way is not signed in.
    expect((await guard(tokenOf(first))).value).toMatchObject({ status: 302 });

    const meta2 = testMeta();
    const second = await signInWithTotp(env.ctx, meta2, tokenOf(first), codeNow(env.ctx, agent.totpSecret));
    expect(second.kind).toBe("signedIn");
    // A new id at the step: the half-way token is dead, the new one is not the old one.
    expect(tokenOf(second)).not.toBe(tokenOf(first));
    expect((await guard(tokenOf(first))).value).toMatchObject({ status: 302 });
    const ok = await guard(tokenOf(second));
    expect(ok.thrown).toBe(false);
    expect(ok.value).toMatchObject({ id: agent.id, email: agent.email, role: "agent" });

    // The database keeps only a hash of the cookie token.
    const sessions = await env.ctx.db.select().from(staffSessions).where(eq(staffSessions.userId, agent.id));
    expect(sessions.map((s) => s.tokenHash)).toContain(sha256Hex(tokenOf(second)));
    expect(JSON.stringify(sessions)).not.toContain(tokenOf(second));

    const rows = await auditRows(env.ctx, { actorId: agent.id });
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([
      ["staff.login", "success"],
      ["staff.login.totp", "success"],
    ]);
    expect(rows[0]).toMatchObject({
      actorType: "staff",
      actorRole: "agent",
      ipHash: clientAddressHash(meta1.ip),
      requestId: meta1.requestId,
      reason: "password_accepted",
    });
    expect(rows[1]).toMatchObject({ ipHash: clientAddressHash(meta2.ip), requestId: meta2.requestId, reason: "signed_in" });
    // Never the password or the code in the trail.
    expect(JSON.stringify(rows)).not.toContain(agent.password);
  });

  it("a replayed TOTP code is refused, even after signing out; the next step's code works", async () => {
    const agent = await createStaff(env.ctx, "agent");
    const code = codeNow(env.ctx, agent.totpSecret);
    const token = await signIn(agent);
    expect(await signOutStaff(env.ctx, testMeta(), token)).toBe(true);

    const again = await signInWithPassword(env.ctx, testMeta(), { email: agent.email, password: agent.password });
    const replay = await signInWithTotp(env.ctx, testMeta(), tokenOf(again), code);
    expect(replay).toEqual({ kind: "wrongCode" });
    const refused = (await auditRows(env.ctx, { actorId: agent.id, action: "staff.login.totp" })).at(-1)!;
    expect(refused).toMatchObject({ outcome: "failure", reason: "code_already_used" });

    env.clock.advance(30_000);
    const fresh = await signInWithTotp(env.ctx, testMeta(), tokenOf(again), codeNow(env.ctx, agent.totpSecret));
    expect(fresh.kind).toBe("signedIn");
  });

  it("the 6th attempt after 5 wrong passwords waits 15 minutes — the same for an email that has no account", async () => {
    const agent = await createStaff(env.ctx, "agent");
    const answers = async (email: string) => {
      const out: SignInResult[] = [];
      for (let i = 0; i < LOCK_AFTER_FAILURES; i++)
        out.push(await signInWithPassword(env.ctx, { ...testMeta(), ip: `198.51.100.${i}` }, { email, password: `wrong-password-${i}` }));
      return out;
    };
    const real = await answers(agent.email);
    const ghost = await answers("nobody-here@staff.test");
    expect(real).toEqual(Array(LOCK_AFTER_FAILURES).fill({ kind: "refused" }));
    expect(ghost).toEqual(real);

    // The 6th waits, even with the right password, and does not say whether the account exists.
    const sixth = await signInWithPassword(env.ctx, testMeta(), { email: agent.email, password: agent.password });
    const sixthGhost = await signInWithPassword(env.ctx, testMeta(), { email: "nobody-here@staff.test", password: "whatever-it-is" });
    expect(sixth).toEqual({ kind: "locked", retryAfterSeconds: LOCK_MS / 1000 });
    expect(sixthGhost).toEqual(sixth);

    const rows = await auditRows(env.ctx, { actorId: agent.id, action: "staff.login" });
    expect(rows.map((r) => r.outcome)).toEqual([...Array(LOCK_AFTER_FAILURES).fill("failure"), "denied"]);
    expect(rows.at(-2)!.details).toMatchObject({ locked: true });
    expect(rows.at(-1)!.reason).toBe("locked");

    env.clock.advance(LOCK_MS - 1000);
    expect((await signInWithPassword(env.ctx, testMeta(), { email: agent.email, password: agent.password })).kind).toBe("locked");
    env.clock.advance(1001);
    expect((await signInWithPassword(env.ctx, testMeta(), { email: agent.email, password: agent.password })).kind).toBe("next");
  });

  it("wrong codes count towards the same lock and end the half-done sign-in", async () => {
    const agent = await createStaff(env.ctx, "agent");
    const first = await signInWithPassword(env.ctx, testMeta(), { email: agent.email, password: agent.password });
    const wrong = codeNow(env.ctx, agent.totpSecret) === "000000" ? "111111" : "000000";
    for (let i = 0; i < LOCK_AFTER_FAILURES - 1; i++) expect((await signInWithTotp(env.ctx, testMeta(), tokenOf(first), wrong)).kind).toBe("wrongCode");
    expect((await signInWithTotp(env.ctx, testMeta(), tokenOf(first), wrong)).kind).toBe("locked");
    // Even the right code is of no use now: the half-done session ended.
    expect((await signInWithTotp(env.ctx, testMeta(), tokenOf(first), codeNow(env.ctx, agent.totpSecret))).kind).toBe("restart");
    expect((await signInWithPassword(env.ctx, testMeta(), { email: agent.email, password: agent.password })).kind).toBe("locked");
  });

  it("a disabled account gets the same answer as a wrong password", async () => {
    const agent = await createStaff(env.ctx, "agent");
    await env.ctx.db.update(staffUsers).set({ disabledAt: env.ctx.now() }).where(eq(staffUsers.id, agent.id));
    expect(await signInWithPassword(env.ctx, testMeta(), { email: agent.email, password: agent.password })).toEqual({ kind: "refused" });
    expect((await auditRows(env.ctx, { actorId: agent.id })).at(-1)).toMatchObject({ action: "staff.login", outcome: "failure", reason: "disabled" });
  });

  it("an idle session ends at 30 minutes; activity keeps it alive up to 12 hours", async () => {
    const agent = await createStaff(env.ctx, "agent");
    const token = await signIn(agent);
    env.clock.advance(STAFF_IDLE_MS - 1000);
    expect((await guard(token)).thrown).toBe(false); // 29:59 idle: still in, and the idle clock restarts
    env.clock.advance(STAFF_IDLE_MS - 1000);
    expect((await guard(token)).thrown).toBe(false);
    env.clock.advance(STAFF_IDLE_MS + 1);
    const expired = await guard(token, "/staff/audit");
    expect(expired.value).toBeInstanceOf(Response);
    const res = expired.value as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/staff/login?ended=expired&next=%2Fstaff%2Faudit");
    expect(res.headers.get("Set-Cookie")).toMatch(/ec_staff=;.*Max-Age=0/i);
    const [row] = await env.ctx.db
      .select()
      .from(staffSessions)
      .where(eq(staffSessions.tokenHash, sha256Hex(token)));
    expect(row).toMatchObject({ endReason: "idle" });
    expect((await auditRows(env.ctx, { actorId: agent.id, action: "staff.session.expired" }))[0]).toMatchObject({ reason: "idle" });
    // Once ended, it stays ended (no resurrection by a later request).
    expect((await guard(token)).value).toMatchObject({ status: 302 });

    const busy = await signIn(agent);
    for (let elapsed = 0; elapsed + 20 * 60_000 <= STAFF_ABSOLUTE_MS; elapsed += 20 * 60_000) {
      env.clock.advance(20 * 60_000);
      expect((await guard(busy)).thrown, `after ${elapsed + 20 * 60_000} ms`).toBe(false);
    }
    env.clock.advance(20 * 60_000);
    expect((await guard(busy)).value).toMatchObject({ status: 302 });
    const [busyRow] = await env.ctx.db
      .select()
      .from(staffSessions)
      .where(eq(staffSessions.tokenHash, sha256Hex(busy)));
    expect(busyRow!.endReason).toBe("absolute");
  });

  it("sign-out ends the session at once and is audited", async () => {
    const agent = await createStaff(env.ctx, "agent");
    const token = await signIn(agent);
    expect((await guard(token)).thrown).toBe(false);
    await signOutStaff(env.ctx, testMeta(), token);
    expect((await guard(token)).value).toMatchObject({ status: 302 });
    expect((await auditRows(env.ctx, { actorId: agent.id, action: "staff.logout" })).length).toBe(1);
  });

  it("first sign-in: the one-time password, then the code confirms the app, then a new password that passes the policy", async () => {
    const agent = await createStaff(env.ctx, "agent", { firstSignIn: true });
    const first = await signInWithPassword(env.ctx, testMeta(), { email: agent.email, password: agent.password });
    const second = await signInWithTotp(env.ctx, testMeta(), tokenOf(first), codeNow(env.ctx, agent.totpSecret));
    expect(second).toMatchObject({ kind: "next", step: "new_password" });
    // Not signed in until the password is replaced.
    expect((await guard(tokenOf(second))).value).toMatchObject({ status: 302 });

    const t = tokenOf(second);
    expect(await signInWithNewPassword(env.ctx, testMeta(), t, { password: "Password2024!", confirm: "Password2024!" })).toEqual({
      kind: "badPassword",
      problem: "common",
    });
    expect(await signInWithNewPassword(env.ctx, testMeta(), t, { password: "short", confirm: "short" })).toEqual({ kind: "badPassword", problem: "tooShort" });
    expect(await signInWithNewPassword(env.ctx, testMeta(), t, { password: "pelican tundra sextant", confirm: "pelican tundra sextnt" })).toEqual({
      kind: "badPassword",
      problem: "mismatch",
    });
    expect(await signInWithNewPassword(env.ctx, testMeta(), t, { password: agent.password, confirm: agent.password })).toEqual({
      kind: "badPassword",
      problem: "sameAsBefore",
    });
    const done = await signInWithNewPassword(env.ctx, testMeta(), t, { password: "pelican tundra sextant", confirm: "pelican tundra sextant" });
    expect(done.kind).toBe("signedIn");
    expect((await guard(tokenOf(done))).thrown).toBe(false);

    const [user] = await env.ctx.db.select().from(staffUsers).where(eq(staffUsers.id, agent.id));
    expect(user).toMatchObject({ mustChangePassword: false });
    expect(user!.totpConfirmedAt).not.toBeNull();
    const actions = (await auditRows(env.ctx, { actorId: agent.id })).map((r) => r.action);
    expect(actions).toEqual(["staff.login", "staff.totp.confirm", "staff.login.totp", "staff.password.change"]);
    // The one-time password is finished.
    expect(await signInWithPassword(env.ctx, testMeta(), { email: agent.email, password: agent.password })).toEqual({ kind: "refused" });
  });
});
