import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { staffSessions, staffUsers } from "../../../db/schema/index";
import {
  changeStaffRole,
  createStaffAccount,
  disableStaffAccount,
  enableStaffAccount,
  listStaffAccounts,
  resetStaffPassword,
  resetStaffTotp,
  type AccountChanger,
} from "~/services/staff/accounts.server";
import { currentDemoTotp, DEMO_STAFF, seedDemoStaff } from "~/services/demo/staff.server";
import { StaffForbiddenError } from "~/services/staff/roles";
import { signInWithPassword, signInWithTotp } from "~/services/staff/login.server";
import { checkTotp } from "~/services/staff/totp.server";
import { openTestEnv, type TestEnv } from "../../support/db";
import { auditRows, codeNow, createStaff, signedIn, testMeta } from "../../support/staff";
import { clientAddressHash } from "~/services/audit/record.server";

let env: TestEnv;
let admin: Awaited<ReturnType<typeof signedIn>>;
let asAdmin: AccountChanger;

beforeAll(async () => {
  env = await openTestEnv();
  admin = await signedIn(env.ctx, await createStaff(env.ctx, "admin"));
  asAdmin = { kind: "staff", actor: admin.actor, meta: testMeta() };
});
afterAll(async () => {
  await env?.close();
});

const openSessions = async (userId: string) =>
  (await env.ctx.db.select().from(staffSessions).where(eq(staffSessions.userId, userId))).filter((s) => !s.endedAt);

describe(`staff accounts (${process.env.TEST_DB_KIND})`, () => {
  it("an admin invites an agent: one-time password and set-up key shown once, stored only as hash and ciphertext, audited", async () => {
    const result = await createStaffAccount(env.ctx, asAdmin, { email: "New.Agent@Org.test", role: "agent" });
    if (!result.ok) throw new Error(result.problem);
    expect(result.user).toMatchObject({ email: "new.agent@org.test", role: "agent", status: "awaitingFirstSignIn" });
    expect(result.otpauthUri).toContain(`secret=${result.totpSecret}`);
    const [row] = await env.ctx.db.select().from(staffUsers).where(eq(staffUsers.id, result.user.id));
    expect(JSON.stringify(row)).not.toContain(result.oneTimePassword!);
    expect(JSON.stringify(row)).not.toContain(result.totpSecret!);
    expect(row).toMatchObject({ mustChangePassword: true, totpConfirmedAt: null, isDemo: false, createdBy: admin.actor.id });
    const [created] = await auditRows(env.ctx, { action: "staff.create", subjectId: result.user.id });
    expect(created).toMatchObject({
      actorId: admin.actor.id,
      actorRole: "admin",
      outcome: "success",
      ipHash: clientAddressHash(asAdmin.kind === "staff" ? asAdmin.meta.ip : ""),
    });
    // The same email twice is refused (case-insensitively), with no second audit row.
    expect(await createStaffAccount(env.ctx, asAdmin, { email: "new.agent@org.TEST", role: "admin" })).toEqual({ ok: false, problem: "exists" });
    expect(await auditRows(env.ctx, { action: "staff.create", subjectId: result.user.id })).toHaveLength(1);
  });

  it("changes a role (audited with from/to); refuses changing oneself and demoting the last admin", async () => {
    const agent = await createStaff(env.ctx, "agent");
    const promoted = await changeStaffRole(env.ctx, asAdmin, agent.id, "supervisor");
    expect(promoted).toMatchObject({ ok: true, user: { role: "supervisor" } });
    expect((await auditRows(env.ctx, { action: "staff.role.change", subjectId: agent.id }))[0]!.details).toEqual({ from: "agent", to: "supervisor" });
    expect(await changeStaffRole(env.ctx, asAdmin, admin.actor.id, "agent")).toEqual({ ok: false, problem: "self" });
    expect(await changeStaffRole(env.ctx, { kind: "cli", name: "ops" }, admin.actor.id, "agent")).toEqual({ ok: false, problem: "lastAdmin" });
    expect(await disableStaffAccount(env.ctx, { kind: "cli", name: "ops" }, admin.actor.id)).toEqual({ ok: false, problem: "lastAdmin" });
  });

  it("disabling ends every open session at once; enabling lets the person sign in again", async () => {
    const agent = await createStaff(env.ctx, "agent");
    await signedIn(env.ctx, agent);
    await signedIn(env.ctx, agent);
    expect(await openSessions(agent.id)).toHaveLength(2);
    expect(await disableStaffAccount(env.ctx, asAdmin, agent.id)).toMatchObject({ ok: true, user: { status: "disabled" } });
    expect(await openSessions(agent.id)).toHaveLength(0);
    expect((await auditRows(env.ctx, { action: "staff.disable", subjectId: agent.id }))[0]!.details).toEqual({ sessionsEnded: 2 });
    expect(await signInWithPassword(env.ctx, testMeta(), { email: agent.email, password: agent.password })).toEqual({ kind: "refused" });
    expect(await enableStaffAccount(env.ctx, asAdmin, agent.id)).toMatchObject({ ok: true });
    expect((await signInWithPassword(env.ctx, testMeta(), { email: agent.email, password: agent.password })).kind).toBe("next");
  });

  it("resetting the second factor: the old app stops working, the new key is confirmed at the next sign-in", async () => {
    const agent = await createStaff(env.ctx, "agent");
    const reset = await resetStaffTotp(env.ctx, asAdmin, agent.id);
    if (!reset.ok) throw new Error(reset.problem);
    expect(reset.totpSecret).not.toBe(agent.totpSecret);
    const first = await signInWithPassword(env.ctx, testMeta(), { email: agent.email, password: agent.password });
    if (first.kind !== "next") throw new Error(first.kind);
    expect((await signInWithTotp(env.ctx, testMeta(), first.token, codeNow(env.ctx, agent.totpSecret))).kind).toBe("wrongCode");
    expect((await signInWithTotp(env.ctx, testMeta(), first.token, codeNow(env.ctx, reset.totpSecret!))).kind).toBe("signedIn");
    expect((await auditRows(env.ctx, { actorId: agent.id, action: "staff.totp.confirm" })).length).toBe(1);
    expect(await auditRows(env.ctx, { action: "staff.totp.reset", subjectId: agent.id })).toHaveLength(1);
  });

  it("resetting the password: a new one-time password to replace at the next sign-in", async () => {
    const agent = await createStaff(env.ctx, "agent");
    const reset = await resetStaffPassword(env.ctx, asAdmin, agent.id);
    if (!reset.ok) throw new Error(reset.problem);
    expect(await signInWithPassword(env.ctx, testMeta(), { email: agent.email, password: agent.password })).toEqual({ kind: "refused" });
    const first = await signInWithPassword(env.ctx, testMeta(), { email: agent.email, password: reset.oneTimePassword! });
    if (first.kind !== "next") throw new Error(first.kind);
    expect(await signInWithTotp(env.ctx, testMeta(), first.token, codeNow(env.ctx, agent.totpSecret))).toMatchObject({ kind: "next", step: "new_password" });
  });

  it("the services refuse a supervisor, not only the route", async () => {
    const sup = await signedIn(env.ctx, await createStaff(env.ctx, "supervisor"));
    const asSup: AccountChanger = { kind: "staff", actor: sup.actor, meta: testMeta() };
    await expect(createStaffAccount(env.ctx, asSup, { email: "sneaky@org.test", role: "admin" })).rejects.toBeInstanceOf(StaffForbiddenError);
    await expect(changeStaffRole(env.ctx, asSup, sup.actor.id, "admin")).rejects.toBeInstanceOf(StaffForbiddenError);
    await expect(listStaffAccounts(env.ctx, sup.actor)).rejects.toBeInstanceOf(StaffForbiddenError);
    expect((await env.ctx.db.select().from(staffUsers).where(eq(staffUsers.email, "sneaky@org.test"))).length).toBe(0);
  });

  it("the demo seed creates one account per role once, ready to sign in, and prints the current code for demo accounts only", async () => {
    const first = await seedDemoStaff(env.ctx, { print: false });
    expect(first.map((l) => [l.role, l.created])).toEqual([
      ["agent", true],
      ["supervisor", true],
      ["admin", true],
    ]);
    expect((await seedDemoStaff(env.ctx, { print: false })).every((l) => !l.created)).toBe(true);
    const demo = DEMO_STAFF[0]!;
    const code = await currentDemoTotp(env.ctx, demo.email);
    if (!code.ok) throw new Error(code.problem);
    expect(checkTotp(demo.totpSecret, code.code, env.ctx.now(), null)).not.toBeNull();
    const start = await signInWithPassword(env.ctx, testMeta(), { email: demo.email, password: demo.password });
    if (start.kind !== "next") throw new Error(start.kind);
    expect((await signInWithTotp(env.ctx, testMeta(), start.token, code.code)).kind).toBe("signedIn"); // no forced change
    expect(await currentDemoTotp(env.ctx, admin.actor.email)).toEqual({ ok: false, problem: "notDemo" });
    expect(await currentDemoTotp({ ...env.ctx, config: { ...env.ctx.config, env: "production" } }, demo.email)).toEqual({ ok: false, problem: "production" });
    expect(await seedDemoStaff({ ...env.ctx, config: { ...env.ctx.config, env: "production" } }, { print: false })).toEqual([]);
  });
});
