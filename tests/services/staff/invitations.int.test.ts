import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { emailMessages, staffInvitations, staffUsers } from "../../../db/schema/index";
import { deliverDueEmails } from "~/services/email/worker.server";
import {
  acceptInvitation,
  INVITATION_TTL_MS,
  INVITES_PER_ADMIN_PER_HOUR,
  inviteStaff,
  listOpenInvitations,
  openInvitation,
  revokeInvitation,
} from "~/services/staff/invitations.server";
import { signInWithPassword, signInWithTotp } from "~/services/staff/login.server";
import { StaffForbiddenError } from "~/services/staff/roles";
import { ResendStandIn } from "../email/resend-stand-in";
import { openTestEnv, type TestEnv } from "../../support/db";
import { invitationTokenIn, sentTo } from "../../support/invitations";
import { auditRows, codeNow, createStaff, signedIn, testMeta } from "../../support/staff";

const standIn = new ResendStandIn();
let env: TestEnv;
let admin: Awaited<ReturnType<typeof signedIn>>;
const GOOD = "pelican tundra sextant";

beforeAll(async () => {
  await standIn.start();
  env = await openTestEnv({ config: { resend: { apiKey: "re_test_key", baseUrl: standIn.url } } });
  admin = await signedIn(env.ctx, await createStaff(env.ctx, "admin"));
});
afterAll(async () => {
  await standIn.stop();
  await env?.close();
});

/** Invite, deliver the queued email through the Resend stand-in, and read the link's token from it. */
async function invite(email: string, role: "agent" | "supervisor" | "admin" = "agent", actor = admin.actor) {
  const result = await inviteStaff(env.ctx, actor, testMeta(), { email, role });
  if (!result.ok) throw new Error(result.problem);
  await deliverAll();
  const mails = sentTo(standIn.received, email.toLowerCase());
  return { invitation: result.invitation, token: invitationTokenIn(mails.at(-1)!), result };
}

async function deliverAll() {
  while ((await deliverDueEmails(env.ctx)).claimed > 0);
}

const accept = async (token: string, secret: string, password = GOOD) =>
  acceptInvitation(env.ctx, testMeta(), token, { password, confirm: password, code: codeNow(env.ctx, secret) });

async function keyOf(token: string): Promise<string> {
  const opened = await openInvitation(env.ctx, testMeta(), token);
  if (opened.kind !== "open") throw new Error(opened.reason);
  return opened.totpSecret;
}

describe(`staff invitations (${process.env.TEST_DB_KIND})`, () => {
  it("an admin invites an agent; the email carries a single-use link; the agent sets a password and TOTP and is signed in", async () => {
    const { invitation, token } = await invite("New.Person@Org.test");
    expect(invitation).toMatchObject({ email: "new.person@org.test", role: "agent", status: "pending" });
    expect(invitation.expiresAt.getTime() - env.clock.now().getTime()).toBe(INVITATION_TTL_MS);

    // The email: the link and nothing secret besides it; no password anywhere.
    const [mail] = sentTo(standIn.received, "new.person@org.test");
    expect(String(mail!.body.subject)).toBe("You are invited to Exposure Check (agent)");
    expect(String(mail!.body.html)).toContain(`<a href="${env.config.publicUrl}/staff/invitation?token=${token}">`);
    expect(String(mail!.body.text)).not.toMatch(/password:/i);

    // Only the token's hash is stored; the queued email no longer holds the link once sent.
    const [row] = await env.ctx.db.select().from(staffInvitations).where(eq(staffInvitations.id, invitation.id));
    const [queued] = await env.ctx.db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.dedupeKey, `staff_invitation:${invitation.id}`));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(queued)).not.toContain(token);
    expect(queued).toMatchObject({ status: "sent", secretEnc: null });
    expect(queued!.bodyText).toContain("[the invitation link, added when the email is sent]");
    expect((await auditRows(env.ctx, { action: "staff.invite", subjectId: invitation.id }))[0]).toMatchObject({ actorId: admin.actor.id, outcome: "success" });
    expect((await listOpenInvitations(env.ctx, admin.actor)).map((i) => i.id)).toContain(invitation.id);

    // The page shows the set-up key; a weak password and a wrong code are refused without using the link.
    const secret = await keyOf(token);
    expect(await accept(token, secret, "qwertyuiopasdf")).toEqual({ kind: "badPassword", problem: "weak" });
    expect(await acceptInvitation(env.ctx, testMeta(), token, { password: GOOD, confirm: GOOD, code: "000000" })).toEqual({ kind: "wrongCode" });
    expect(await acceptInvitation(env.ctx, testMeta(), token, { password: GOOD, confirm: "other", code: "000000" })).toEqual({
      kind: "badPassword",
      problem: "mismatch",
    });
    const done = await accept(token, secret);
    if (done.kind !== "signedIn") throw new Error(done.kind);

    const [user] = await env.ctx.db.select().from(staffUsers).where(eq(staffUsers.email, "new.person@org.test"));
    expect(user).toMatchObject({ role: "agent", mustChangePassword: false, createdBy: admin.actor.id });
    expect(user!.totpConfirmedAt).not.toBeNull();
    expect((await auditRows(env.ctx, { action: "staff.invite.accept", subjectId: invitation.id })).map((r) => r.outcome)).toEqual(["success"]);
    expect((await auditRows(env.ctx, { action: "staff.invite.open", subjectId: invitation.id })).map((r) => r.outcome)).toEqual(["success"]);
    expect(await auditRows(env.ctx, { action: "staff.create", subjectId: user!.id })).toHaveLength(1);
    expect((await listOpenInvitations(env.ctx, admin.actor)).map((i) => i.id)).not.toContain(invitation.id);

    // The new account signs in like any other, with the chosen password and the app's next code.
    env.clock.advance(30_000);
    const step1 = await signInWithPassword(env.ctx, testMeta(), { email: "new.person@org.test", password: GOOD });
    if (step1.kind !== "next") throw new Error(step1.kind);
    expect((await signInWithTotp(env.ctx, testMeta(), step1.token, codeNow(env.ctx, secret))).kind).toBe("signedIn");

    // The link is now used.
    expect(await openInvitation(env.ctx, testMeta(), token)).toEqual({ kind: "ended", reason: "used" });
    expect(await accept(token, secret)).toEqual({ kind: "ended", reason: "used" });
  });

  it("two (five) simultaneous submits of one link: exactly one account is created", async () => {
    const { token } = await invite("race@org.test", "supervisor");
    const secret = await keyOf(token);
    const results = await Promise.all(Array.from({ length: 5 }, () => accept(token, secret)));
    expect(results.filter((r) => r.kind === "signedIn")).toHaveLength(1);
    expect(results.filter((r) => r.kind === "ended").map((r) => (r.kind === "ended" ? r.reason : null))).toEqual(["used", "used", "used", "used"]);
    expect(await env.ctx.db.select().from(staffUsers).where(eq(staffUsers.email, "race@org.test"))).toHaveLength(1);
  });

  it("an expired link and a revoked link get their own answer; unknown and malformed tokens are refused without a lookup", async () => {
    const expired = await invite("late@org.test");
    env.clock.advance(INVITATION_TTL_MS + 1000);
    expect(await openInvitation(env.ctx, testMeta(), expired.token)).toEqual({ kind: "ended", reason: "expired" });
    expect(await accept(expired.token, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")).toEqual({ kind: "ended", reason: "expired" });
    expect((await listOpenInvitations(env.ctx, admin.actor)).find((i) => i.id === expired.invitation.id)?.status).toBe("expired");

    const revoked = await invite("cancelled@org.test");
    const secret = await keyOf(revoked.token);
    expect(await revokeInvitation(env.ctx, admin.actor, testMeta(), revoked.invitation.id)).toEqual({ ok: true });
    expect(await revokeInvitation(env.ctx, admin.actor, testMeta(), revoked.invitation.id)).toEqual({ ok: false, problem: "notFound" });
    expect(await openInvitation(env.ctx, testMeta(), revoked.token)).toEqual({ kind: "ended", reason: "revoked" });
    expect(await accept(revoked.token, secret)).toEqual({ kind: "ended", reason: "revoked" });
    expect(await auditRows(env.ctx, { action: "staff.invite.revoke", subjectId: revoked.invitation.id })).toHaveLength(1);
    expect(await env.ctx.db.select().from(staffUsers).where(eq(staffUsers.email, "cancelled@org.test"))).toHaveLength(0);

    for (const bad of [null, "", "short", "x".repeat(43), `${"A".repeat(42)}!`, "A".repeat(5000)]) {
      expect(await openInvitation(env.ctx, testMeta(), bad)).toEqual({ kind: "ended", reason: "unknown" });
    }
  });

  it("inviting again replaces the open invitation (its link stops working); an existing account cannot be invited", async () => {
    const first = await invite("twice@org.test");
    const second = await invite("twice@org.test", "supervisor");
    expect(second.result.ok && second.result.replaced).toBe(1);
    expect(await openInvitation(env.ctx, testMeta(), first.token)).toEqual({ kind: "ended", reason: "revoked" });
    expect((await openInvitation(env.ctx, testMeta(), second.token)).kind).toBe("open");
    const existing = await createStaff(env.ctx, "agent");
    expect(await inviteStaff(env.ctx, admin.actor, testMeta(), { email: existing.email.toUpperCase(), role: "agent" })).toEqual({
      ok: false,
      problem: "exists",
    });
  });

  it(`invitations per admin are limited to ${INVITES_PER_ADMIN_PER_HOUR} an hour, counted before the work, also when sent at once`, async () => {
    const busy = await signedIn(env.ctx, await createStaff(env.ctx, "admin"));
    const extra = 5;
    const results = await Promise.all(
      Array.from({ length: INVITES_PER_ADMIN_PER_HOUR + extra }, (_, i) =>
        inviteStaff(env.ctx, busy.actor, testMeta(), { email: `bulk-${i}@org.test`, role: "agent" }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(INVITES_PER_ADMIN_PER_HOUR);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(extra);
    for (const r of refused) expect(r).toMatchObject({ ok: false, problem: "rateLimited" });
    const made = await env.ctx.db.select().from(staffInvitations).where(eq(staffInvitations.inviterId, busy.actor.id));
    expect(made).toHaveLength(INVITES_PER_ADMIN_PER_HOUR);
    const queued = await env.ctx.db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.kind, "staff_invitation")));
    expect(queued.filter((m) => made.some((i) => m.dedupeKey === `staff_invitation:${i.id}`))).toHaveLength(INVITES_PER_ADMIN_PER_HOUR);
    expect((await auditRows(env.ctx, { action: "staff.invite", actorId: busy.actor.id })).filter((r) => r.outcome === "denied")).toHaveLength(extra);
    // Another admin is not limited by it; an hour later this one may invite again.
    expect((await inviteStaff(env.ctx, admin.actor, testMeta(), { email: "other-admin-ok@org.test", role: "agent" })).ok).toBe(true);
    env.clock.advance(60 * 60 * 1000 + 1000);
    expect((await inviteStaff(env.ctx, busy.actor, testMeta(), { email: "next-hour@org.test", role: "agent" })).ok).toBe(true);
  });

  it("inviting an admin tells every other enabled admin by email (no secret in it); agents and supervisors cannot invite", async () => {
    const other = await createStaff(env.ctx, "admin");
    await deliverAll();
    const before = sentTo(standIn.received, other.email).length;
    const inviterBefore = sentTo(standIn.received, admin.actor.email).length;
    await invite("boss@org.test", "admin");
    const told = sentTo(standIn.received, other.email).slice(before);
    expect(told.map((m) => m.body.subject)).toEqual(["An admin account was changed"]);
    expect(String(told[0]!.body.text)).toContain("a new administrator was invited");
    expect(String(told[0]!.body.text)).not.toContain("token=");
    expect(sentTo(standIn.received, admin.actor.email).length).toBe(inviterBefore); // not the inviter

    const sup = await signedIn(env.ctx, await createStaff(env.ctx, "supervisor"));
    await expect(inviteStaff(env.ctx, sup.actor, testMeta(), { email: "sneaky@org.test", role: "admin" })).rejects.toBeInstanceOf(StaffForbiddenError);
    await expect(revokeInvitation(env.ctx, sup.actor, testMeta(), "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(StaffForbiddenError);
  });
});
