import { and, count, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { emailMessages, staffInvitations, staffUsers, type StaffInvitation } from "../../../db/schema/index";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import type { AppContext, RequestMeta } from "../context.server";
import { recordAuditEvent, type AuditInput } from "../audit/record.server";
import { enqueueEmail } from "../email/queue.server";
import { notifyOtherAdmins } from "./admin-notice.server";
import { TOTP_SECRET_FIELD, normalizeEmail } from "./login.server";
import { checkNewPassword, hashPassword, type PasswordProblem } from "./password.server";
import { assertRole, type StaffActor, type StaffRole } from "./roles";
import { startStaffSession } from "./session.server";
import { checkTotp, newTotpSecret, totpUri } from "./totp.server";

/** How long an invitation link works (docs/decisions/052). */
export const INVITATION_TTL_MS = 72 * 60 * 60 * 1000;
/** Invitations one admin may send in any rolling hour, counted before the invitation is made. */
export const INVITES_PER_ADMIN_PER_HOUR = 30;
const HOUR_MS = 60 * 60 * 1000;

/** The page that accepts an invitation; the token is its only parameter. */
export const INVITATION_PATH = "/staff/invitation";

/** The link in the email: our address and the opaque token, nothing else. */
export function invitationLink(portal: string, token: string): string {
  return `${portal.replace(/\/$/, "")}${INVITATION_PATH}?token=${token}`;
}

/** A well-formed token (32 random bytes, base64url): anything else is not looked up. */
export function isInvitationToken(token: string | null | undefined): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}

export type InvitationSummary = { id: string; email: string; role: StaffRole; createdAt: Date; expiresAt: Date; status: "pending" | "expired" };

export type InviteResult =
  | { ok: true; invitation: InvitationSummary; replaced: number }
  | { ok: false; problem: "exists" }
  | { ok: false; problem: "rateLimited"; retryAfterSeconds: number };

function staffAudit(ctx: AppContext, actor: StaffActor, meta: RequestMeta, rest: Pick<AuditInput, "action" | "outcome"> & Partial<AuditInput>): AuditInput {
  return {
    at: ctx.now(),
    actorType: "staff",
    actorId: actor.id,
    actorRole: actor.role,
    ip: meta.ip,
    requestId: meta.requestId,
    subjectType: "staff_invitation",
    ...rest,
  };
}

/** The open invitation's email message loses its link (accepted, revoked or replaced). */
async function eraseInvitationLink(tx: Db, invitationId: string): Promise<void> {
  await tx
    .update(emailMessages)
    .set({ secretEnc: null })
    .where(eq(emailMessages.dedupeKey, `staff_invitation:${invitationId}`));
}

/**
 * An admin invites someone by email. In one transaction: the admin's row is locked (serializing
 * their invitations across instances) and their invitations of the last hour counted BEFORE
 * anything is made; an existing account is refused; an earlier open invitation to the same address
 * is revoked (replaced); the invitation is stored (token hash, encrypted TOTP secret) with its
 * email queued and an audit row. Inviting an admin tells every other admin (decision 073).
 */
export async function inviteStaff(ctx: AppContext, actor: StaffActor, meta: RequestMeta, input: { email: string; role: StaffRole }): Promise<InviteResult> {
  assertRole(actor, "admin");
  const email = normalizeEmail(input.email);
  const now = ctx.now();
  const token = randomToken(32);
  const totpSecret = newTotpSecret();
  return ctx.db.transaction(async (tx): Promise<InviteResult> => {
    await tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.id, actor.id)).for("update");
    const since = new Date(now.getTime() - HOUR_MS);
    const recent = await tx
      .select({ createdAt: staffInvitations.createdAt })
      .from(staffInvitations)
      .where(and(eq(staffInvitations.inviterId, actor.id), gt(staffInvitations.createdAt, since)))
      .orderBy(staffInvitations.createdAt);
    if (recent.length >= INVITES_PER_ADMIN_PER_HOUR) {
      const oldest = recent[recent.length - INVITES_PER_ADMIN_PER_HOUR]!.createdAt.getTime();
      await recordAuditEvent(
        tx,
        staffAudit(ctx, actor, meta, { action: "staff.invite", outcome: "denied", reason: "rate_limited", details: { role: input.role } }),
      );
      return { ok: false, problem: "rateLimited", retryAfterSeconds: Math.max(1, Math.ceil((oldest + HOUR_MS - now.getTime()) / 1000)) };
    }
    const [existing] = await tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, email));
    if (existing) return { ok: false, problem: "exists" };
    const replaced = await tx
      .update(staffInvitations)
      .set({ revokedAt: now, revokedBy: "replaced" })
      .where(and(eq(staffInvitations.email, email), isNull(staffInvitations.acceptedAt), isNull(staffInvitations.revokedAt)))
      .returning({ id: staffInvitations.id });
    for (const r of replaced) await eraseInvitationLink(tx, r.id);
    const [row] = await tx
      .insert(staffInvitations)
      .values({
        tokenHash: sha256Hex(token),
        email,
        role: input.role,
        totpSecretEnc: ctx.cipher.encrypt(TOTP_SECRET_FIELD, totpSecret),
        invitedBy: actor.id,
        inviterId: actor.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      })
      .returning();
    const invitation = row!;
    await enqueueEmail(tx, ctx, {
      kind: "staff_invitation",
      language: "en",
      dedupeKey: `staff_invitation:${invitation.id}`,
      to: { plain: email },
      vars: { role: input.role, hours: INVITATION_TTL_MS / HOUR_MS },
      secretLink: invitationLink(ctx.config.publicUrl, token),
    });
    await recordAuditEvent(
      tx,
      staffAudit(ctx, actor, meta, {
        action: "staff.invite",
        outcome: "success",
        subjectId: invitation.id,
        details: { role: input.role, replaced: replaced.length, expiresAt: invitation.expiresAt.toISOString() },
      }),
    );
    if (input.role === "admin") await notifyOtherAdmins(tx, ctx, "invited", [actor.id]);
    return { ok: true, invitation: summarizeInvitation(invitation, now), replaced: replaced.length };
  });
}

function summarizeInvitation(i: StaffInvitation, now: Date): InvitationSummary {
  return { id: i.id, email: i.email, role: i.role, createdAt: i.createdAt, expiresAt: i.expiresAt, status: i.expiresAt > now ? "pending" : "expired" };
}

/** Open invitations (not accepted, not revoked), newest first, for the admin staff page. */
export async function listOpenInvitations(ctx: AppContext, actor: StaffActor): Promise<InvitationSummary[]> {
  assertRole(actor, "admin");
  const rows = await ctx.db
    .select()
    .from(staffInvitations)
    .where(and(isNull(staffInvitations.acceptedAt), isNull(staffInvitations.revokedAt)))
    .orderBy(desc(staffInvitations.createdAt))
    .limit(200);
  return rows.map((r) => summarizeInvitation(r, ctx.now()));
}

/** An admin revokes an open invitation: its link stops working at once. Audited. */
export async function revokeInvitation(
  ctx: AppContext,
  actor: StaffActor,
  meta: RequestMeta,
  id: string,
): Promise<{ ok: true } | { ok: false; problem: "notFound" }> {
  assertRole(actor, "admin");
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(staffInvitations)
      .set({ revokedAt: now, revokedBy: actor.id })
      .where(and(eq(staffInvitations.id, id), isNull(staffInvitations.acceptedAt), isNull(staffInvitations.revokedAt)))
      .returning();
    if (!row) return { ok: false as const, problem: "notFound" as const };
    await eraseInvitationLink(tx, id);
    await recordAuditEvent(tx, staffAudit(ctx, actor, meta, { action: "staff.invite.revoke", outcome: "success", subjectId: id, details: { role: row.role } }));
    return { ok: true as const };
  });
}

/** Why a link no longer works (or never did). */
export type InvitationEnded = "unknown" | "expired" | "used" | "revoked";

function endedReason(row: StaffInvitation | undefined, now: Date): InvitationEnded | null {
  if (!row) return "unknown";
  if (row.acceptedAt) return "used";
  if (row.revokedAt) return "revoked";
  if (row.expiresAt <= now) return "expired";
  return null;
}

async function findByToken(db: Db, token: string): Promise<StaffInvitation | undefined> {
  if (!isInvitationToken(token)) return undefined;
  const [row] = await db
    .select()
    .from(staffInvitations)
    .where(eq(staffInvitations.tokenHash, sha256Hex(token)));
  return row;
}

export type OpenedInvitation =
  { kind: "open"; email: string; role: StaffRole; expiresAt: Date; totpSecret: string; otpauthUri: string } | { kind: "ended"; reason: InvitationEnded };

/**
 * What the invitation page shows for a token: the set-up key to add to the app, or why the link
 * ended. Every view of a known invitation is audited (`staff.invite.open`): the page shows a secret.
 * Unknown tokens are not (nothing to name, and a guess costs a 256-bit search).
 */
export async function openInvitation(ctx: AppContext, meta: RequestMeta | null, token: string | null): Promise<OpenedInvitation> {
  const row = token ? await findByToken(ctx.db, token) : undefined;
  const ended = endedReason(row, ctx.now());
  if (row && meta) {
    const input: AuditInput = { ...acceptAudit(ctx, meta, row, ended ? "failure" : "success", ended), action: "staff.invite.open" };
    await ctx.db.transaction((tx) => recordAuditEvent(tx, input));
  }
  if (ended || !row) return { kind: "ended", reason: ended ?? "unknown" };
  const totpSecret = ctx.cipher.decrypt(TOTP_SECRET_FIELD, row.totpSecretEnc);
  return { kind: "open", email: row.email, role: row.role, expiresAt: row.expiresAt, totpSecret, otpauthUri: totpUri(row.email, totpSecret) };
}

export type AcceptResult =
  | { kind: "signedIn"; token: string; sessionId: string; userId: string }
  | { kind: "ended"; reason: InvitationEnded }
  | { kind: "badPassword"; problem: PasswordProblem }
  | { kind: "wrongCode" }
  /** An account with this email appeared meanwhile (the CLI): the invitation stays open. */
  | { kind: "exists" };

class AcceptAborted extends Error {
  constructor(readonly result: AcceptResult) {
    super(result.kind);
  }
}

/**
 * The invitee chooses a password and proves the authenticator app works (a current code). The
 * checks run first (password policy, code) without touching the invitation; then ONE transaction
 * claims it (`UPDATE … WHERE open AND not expired RETURNING`: of simultaneous submits exactly one
 * gets the row), creates the account with the password and the confirmed second factor, starts a
 * session and writes the audit rows. The person is signed in.
 */
export async function acceptInvitation(
  ctx: AppContext,
  meta: RequestMeta,
  token: string | null,
  input: { password: string; confirm: string; code: string },
): Promise<AcceptResult> {
  const row = token ? await findByToken(ctx.db, token) : undefined;
  const before = endedReason(row, ctx.now());
  if (before || !row) {
    if (row) await auditAccept(ctx, meta, row, "failure", before);
    return { kind: "ended", reason: before ?? "unknown" };
  }
  if (input.password !== input.confirm) return { kind: "badPassword", problem: "mismatch" };
  const problem = await checkNewPassword(input.password, row.email);
  if (problem) return { kind: "badPassword", problem };
  const totpSecret = ctx.cipher.decrypt(TOTP_SECRET_FIELD, row.totpSecretEnc);
  const now = ctx.now();
  const step = checkTotp(totpSecret, input.code, now, null);
  if (step === null) return { kind: "wrongCode" };
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db.transaction(async (tx): Promise<AcceptResult> => {
      const [claimed] = await tx
        .update(staffInvitations)
        .set({ acceptedAt: now })
        .where(
          and(
            eq(staffInvitations.id, row.id),
            isNull(staffInvitations.acceptedAt),
            isNull(staffInvitations.revokedAt),
            sql`${staffInvitations.expiresAt} > ${now.toISOString()}::timestamptz`,
          ),
        )
        .returning();
      if (!claimed) {
        const [latest] = await tx.select().from(staffInvitations).where(eq(staffInvitations.id, row.id));
        const reason = endedReason(latest, now) ?? "used";
        await recordAuditEvent(tx, acceptAudit(ctx, meta, row, "failure", reason));
        return { kind: "ended", reason };
      }
      const [user] = await tx
        .insert(staffUsers)
        .values({
          email: row.email,
          role: row.role,
          passwordHash,
          mustChangePassword: false,
          passwordChangedAt: now,
          totpSecretEnc: row.totpSecretEnc,
          totpConfirmedAt: now,
          totpLastStep: step,
          lastSignInAt: now,
          createdAt: now,
          createdBy: row.invitedBy,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: staffUsers.email })
        .returning();
      if (!user) throw new AcceptAborted({ kind: "exists" });
      await tx.update(staffInvitations).set({ acceptedUserId: user.id }).where(eq(staffInvitations.id, row.id));
      await eraseInvitationLink(tx, row.id);
      const session = await startStaffSession(tx, user.id, "active", now);
      const who = { actorType: "staff" as const, actorId: user.id, actorRole: user.role, ip: meta.ip, requestId: meta.requestId, at: now };
      await recordAuditEvent(tx, { ...acceptAudit(ctx, meta, row, "success", null), ...who, details: { role: row.role, userId: user.id } });
      await recordAuditEvent(tx, {
        ...who,
        action: "staff.create",
        outcome: "success",
        subjectType: "staff_user",
        subjectId: user.id,
        details: { role: user.role, invitation: row.id },
      });
      await recordAuditEvent(tx, { ...who, action: "staff.totp.confirm", outcome: "success", subjectType: "staff_user", subjectId: user.id });
      if (user.role === "admin") await notifyOtherAdmins(tx, ctx, "created", [user.id]);
      return { kind: "signedIn", token: session.token, sessionId: session.sessionId, userId: user.id };
    });
  } catch (error) {
    if (error instanceof AcceptAborted) return error.result;
    throw error;
  }
}

function acceptAudit(ctx: AppContext, meta: RequestMeta, row: StaffInvitation, outcome: "success" | "failure", reason: InvitationEnded | null): AuditInput {
  return {
    at: ctx.now(),
    actorType: "system",
    actorId: null,
    actorRole: null,
    action: "staff.invite.accept",
    subjectType: "staff_invitation",
    subjectId: row.id,
    ip: meta.ip,
    requestId: meta.requestId,
    outcome,
    reason,
  };
}

async function auditAccept(
  ctx: AppContext,
  meta: RequestMeta,
  row: StaffInvitation,
  outcome: "success" | "failure",
  reason: InvitationEnded | null,
): Promise<void> {
  await ctx.db.transaction((tx) => recordAuditEvent(tx, acceptAudit(ctx, meta, row, outcome, reason)));
}

/** How many invitations an admin sent in the last hour (for the page's hint). */
export async function invitationsSentLastHour(ctx: AppContext, actorId: string): Promise<number> {
  const since = new Date(ctx.now().getTime() - HOUR_MS);
  const [row] = await ctx.db
    .select({ n: count() })
    .from(staffInvitations)
    .where(and(eq(staffInvitations.inviterId, actorId), gt(staffInvitations.createdAt, since)));
  return Number(row?.n ?? 0);
}
