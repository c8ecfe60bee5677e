import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { emailMessages, staffUsers } from "../../../db/schema/index";
import { EMAIL_FIELD } from "~/services/email/queue.server";
import { disableStaffAccount, resetStaffPassword, resetStaffTotp, type AccountChanger } from "~/services/staff/accounts.server";
import { signInWithPassword, signInWithTotp } from "~/services/staff/login.server";
import { openTestEnv, type TestEnv } from "../../support/db";
import { runCli } from "../../support/cli";
import { auditRows, codeNow, createStaff, signedIn, testMeta, type ReadyStaff } from "../../support/staff";

/** Decision 073 (issue 15, finding 7): admin accounts are reset on the server only, and every other admin is told. */
let env: TestEnv;
let me: ReadyStaff;
let asMe: AccountChanger;

beforeAll(async () => {
  env = await openTestEnv();
  me = await createStaff(env.ctx, "admin");
  asMe = { kind: "staff", actor: (await signedIn(env.ctx, me)).actor, meta: testMeta() };
});
afterAll(async () => {
  await env?.close();
});

async function mailsTo(address: string, kind = "admin_account_changed") {
  const rows = await env.ctx.db
    .select()
    .from(emailMessages)
    .where(eq(emailMessages.kind, kind as never));
  return rows.filter((r) => env.ctx.cipher.decrypt(EMAIL_FIELD, r.toEnc) === address);
}

describe(`admin resets (${process.env.TEST_DB_KIND})`, () => {
  it("the web refuses to reset another admin's (or one's own) password or second factor: nothing changes, the refusal is audited", async () => {
    const other = await createStaff(env.ctx, "admin");
    const [before] = await env.ctx.db.select().from(staffUsers).where(eq(staffUsers.id, other.id));
    expect(await resetStaffPassword(env.ctx, asMe, other.id)).toEqual({ ok: false, problem: "adminOnServer" });
    expect(await resetStaffTotp(env.ctx, asMe, other.id)).toEqual({ ok: false, problem: "adminOnServer" });
    expect(await resetStaffPassword(env.ctx, asMe, me.id)).toEqual({ ok: false, problem: "adminOnServer" });
    const [after] = await env.ctx.db.select().from(staffUsers).where(eq(staffUsers.id, other.id));
    expect(after).toEqual(before);
    const denied = (await auditRows(env.ctx, { subjectId: other.id })).filter((r) => r.outcome === "denied");
    expect(denied.map((r) => [r.action, r.reason])).toEqual([
      ["staff.password.reset", "admin_reset_on_server_only"],
      ["staff.totp.reset", "admin_reset_on_server_only"],
    ]);
    // The other admin can still sign in with the old password.
    expect((await signInWithPassword(env.ctx, testMeta(), { email: other.email, password: other.password })).kind).toBe("next");
  });

  it("agents and supervisors are still reset on the web, without telling the admins", async () => {
    const agent = await createStaff(env.ctx, "agent");
    const sup = await createStaff(env.ctx, "supervisor");
    const before = (await mailsTo(me.email)).length;
    expect(await resetStaffPassword(env.ctx, asMe, agent.id)).toMatchObject({ ok: true });
    expect(await resetStaffTotp(env.ctx, asMe, sup.id)).toMatchObject({ ok: true });
    expect((await mailsTo(me.email)).length).toBe(before);
  });

  it("`staff reset --email` on the server resets an admin, prints the new secrets once, is audited and emails every other active admin once", async () => {
    const target = await createStaff(env.ctx, "admin");
    const witness = await createStaff(env.ctx, "admin");
    const away = await createStaff(env.ctx, "admin");
    await disableStaffAccount(env.ctx, { kind: "cli", name: "ops" }, away.id);
    const count = async () => ({
      me: (await mailsTo(me.email)).length,
      witness: (await mailsTo(witness.email)).length,
      away: (await mailsTo(away.email)).length,
      target: (await mailsTo(target.email)).length,
    });
    const before = await count();

    const run = await runCli(env.ctx, ["staff", "reset", "--email", target.email]);
    expect(run.code).toBe(0);
    const password = /one-time password: (\S+)/.exec(run.out)?.[1];
    const secret = /TOTP set-up key:\s+(\S+)/.exec(run.out)?.[1];
    expect(password).toBeTruthy();
    expect(secret).toBeTruthy();
    expect(run.out).toContain("Every other active admin is told by email");

    const after = await count();
    expect({ me: after.me - before.me, witness: after.witness - before.witness, away: after.away - before.away, target: after.target - before.target }).toEqual(
      { me: 1, witness: 1, away: 0, target: 0 },
    );
    const [mail] = (await mailsTo(witness.email)).slice(-1);
    expect(mail!.subject).toBe("An admin account was changed");
    expect(mail!.bodyText).toContain("reset from the server's command line");
    for (const secretText of [password!, secret!, target.email]) expect(`${mail!.subject}${mail!.bodyText}${mail!.bodyHtml}`).not.toContain(secretText);

    const audit = (await auditRows(env.ctx, { subjectId: target.id })).filter((r) => r.action.endsWith(".reset"));
    expect(audit.map((r) => [r.action, r.actorType, r.outcome])).toEqual([
      ["staff.password.reset", "cli", "success"],
      ["staff.totp.reset", "cli", "success"],
    ]);

    // The printed secrets work: the old password does not; the new one, the new key, then a new password.
    expect(await signInWithPassword(env.ctx, testMeta(), { email: target.email, password: target.password })).toEqual({ kind: "refused" });
    const step1 = await signInWithPassword(env.ctx, testMeta(), { email: target.email, password: password! });
    if (step1.kind !== "next") throw new Error(step1.kind);
    expect(await signInWithTotp(env.ctx, testMeta(), step1.token, codeNow(env.ctx, secret!))).toMatchObject({ kind: "next", step: "new_password" });
  });

  it("`staff reset` of an unknown email exits 1; without --email it is bad usage (2)", async () => {
    expect((await runCli(env.ctx, ["staff", "reset", "--email", "nobody@org.test"])).code).toBe(1);
    expect((await runCli(env.ctx, ["staff", "reset"])).code).toBe(2);
  });
});
