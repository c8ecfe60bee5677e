import { and, asc, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { staffLoginAttempts, staffUsers, type StaffUser } from "../../../db/schema/index";
import type { AppContext, RequestMeta } from "../context.server";
import { recordAuditEvent, type AuditInput } from "../audit/record.server";
import { assertRole, type StaffActor, type StaffRole } from "./roles";
import { TOTP_SECRET_FIELD, loginAttemptKey, normalizeEmail } from "./login.server";
import { generateOneTimePassword, hashPassword } from "./password.server";
import { endAllStaffSessions } from "./session.server";
import { newTotpSecret, totpUri } from "./totp.server";
import { notifyOtherAdmins } from "./admin-notice.server";

/** Who changes an account: a signed-in admin on the staff page, or the command line. */
export type AccountChanger =
  | { kind: "staff"; actor: StaffActor; meta: RequestMeta }
  | { kind: "cli"; name: string }
  /** The demo seed at start-up (never in production). */
  | { kind: "system"; name: string };

export type Credentials = { oneTimePassword?: string; totpSecret?: string; otpauthUri?: string };
export type AccountResult =
  ({ ok: true; user: StaffUserSummary } & Credentials) | { ok: false; problem: "exists" | "notFound" | "self" | "lastAdmin" | "unchanged" | "adminOnServer" };

export type StaffUserSummary = {
  id: string;
  email: string;
  role: StaffRole;
  status: "active" | "disabled" | "awaitingFirstSignIn" | "locked";
  lastSignInAt: Date | null;
  createdAt: Date;
  isDemo: boolean;
};

function auditFor(ctx: AppContext, changer: AccountChanger, rest: Pick<AuditInput, "action"> & Partial<AuditInput>): AuditInput {
  const who =
    changer.kind === "staff"
      ? { actorType: "staff" as const, actorId: changer.actor.id, actorRole: changer.actor.role, ip: changer.meta.ip, requestId: changer.meta.requestId }
      : { actorType: changer.kind, actorId: changer.name, actorRole: changer.kind === "cli" ? "admin" : null };
  return { at: ctx.now(), outcome: "success", subjectType: "staff_user", ...who, ...rest };
}

/** Account changes are for admins; the CLI runs with the operator's database access. */
function checkChanger(changer: AccountChanger): void {
  if (changer.kind === "staff") assertRole(changer.actor, "admin");
}

export function summarize(ctx: AppContext, user: StaffUser, lockedUntil: Date | null = null): StaffUserSummary {
  const now = ctx.now();
  const status = user.disabledAt
    ? "disabled"
    : lockedUntil && lockedUntil > now
      ? "locked"
      : user.mustChangePassword || !user.totpConfirmedAt
        ? "awaitingFirstSignIn"
        : "active";
  return { id: user.id, email: user.email, role: user.role, status, lastSignInAt: user.lastSignInAt, createdAt: user.createdAt, isDemo: user.isDemo };
}

/** An email as we accept it for a staff account. */
export function isPlausibleEmail(email: string): boolean {
  return /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/.test(email) && email.length <= 254;
}

/**
 * Create (invite) an account: a one-time password and a TOTP secret, both shown once to whoever
 * created it, to hand over out of band. The first sign-in confirms the code and replaces the password.
 */
export async function createStaffAccount(
  ctx: AppContext,
  changer: AccountChanger,
  input: { email: string; role: StaffRole },
  fixed?: { password: string; totpSecret: string; isDemo: true },
): Promise<AccountResult> {
  checkChanger(changer);
  const email = normalizeEmail(input.email);
  const oneTimePassword = fixed?.password ?? generateOneTimePassword();
  const totpSecret = fixed?.totpSecret ?? newTotpSecret();
  const passwordHash = await hashPassword(oneTimePassword);
  const now = ctx.now();
  return ctx.db.transaction(async (tx): Promise<AccountResult> => {
    const [user] = await tx
      .insert(staffUsers)
      .values({
        email,
        role: input.role,
        passwordHash,
        mustChangePassword: !fixed,
        passwordChangedAt: fixed ? now : null,
        totpSecretEnc: ctx.cipher.encrypt(TOTP_SECRET_FIELD, totpSecret),
        totpConfirmedAt: fixed ? now : null,
        isDemo: Boolean(fixed),
        createdAt: now,
        createdBy: changer.kind === "staff" ? changer.actor.id : `${changer.kind}:${changer.name}`,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: staffUsers.email })
      .returning();
    if (!user) return { ok: false, problem: "exists" };
    await recordAuditEvent(tx, auditFor(ctx, changer, { action: "staff.create", subjectId: user.id, details: { role: user.role, demo: Boolean(fixed) } }));
    if (user.role === "admin" && !fixed) await notifyOtherAdmins(tx, ctx, "created", [user.id, changerId(changer)]);
    return { ok: true, user: summarize(ctx, user), oneTimePassword, totpSecret, otpauthUri: totpUri(email, totpSecret) };
  });
}

/** Every account, for the admin staff page (admins only). */
export async function listStaffAccounts(ctx: AppContext, actor: StaffActor): Promise<StaffUserSummary[]> {
  assertRole(actor, "admin");
  const users = await ctx.db.select().from(staffUsers).orderBy(asc(staffUsers.email));
  const attempts = await ctx.db.select().from(staffLoginAttempts);
  const lockByKey = new Map(attempts.map((a) => [a.key, a.lockedUntil]));
  return users.map((u) => summarize(ctx, u, lockByKey.get(loginAttemptKey(ctx.config.codePepper, u.email)) ?? null));
}

/** Staff members by email, for the audit page's filter (supervisors and up). */
export async function listStaffNames(ctx: AppContext, actor: StaffActor): Promise<{ id: string; email: string; role: StaffRole }[]> {
  assertRole(actor, "supervisor");
  return ctx.db.select({ id: staffUsers.id, email: staffUsers.email, role: staffUsers.role }).from(staffUsers).orderBy(asc(staffUsers.email));
}

export async function findStaffByEmail(ctx: AppContext, email: string): Promise<StaffUser | null> {
  const [user] = await ctx.db
    .select()
    .from(staffUsers)
    .where(eq(staffUsers.email, normalizeEmail(email)));
  return user ?? null;
}

async function lockUser(tx: Db, id: string): Promise<StaffUser | null> {
  const [user] = await tx.select().from(staffUsers).where(eq(staffUsers.id, id)).for("update");
  return user ?? null;
}

/** Would this change leave no enabled admin? (Serialized by the row locks taken before.) */
async function isLastAdmin(tx: Db, user: StaffUser): Promise<boolean> {
  if (user.role !== "admin" || user.disabledAt) return false;
  const others = await tx
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, "admin"), isNull(staffUsers.disabledAt), ne(staffUsers.id, user.id)))
    .for("update");
  return others.length === 0;
}

function changerId(changer: AccountChanger): string | null {
  return changer.kind === "staff" ? changer.actor.id : null;
}

/**
 * Decision 073: on the web an admin resets agents and supervisors only. An admin account (another's
 * or one's own) is reset on the server (`npm run cli -- staff reset`), which every other admin hears of.
 */
function refusedOnTheWeb(changer: AccountChanger, user: StaffUser): boolean {
  return changer.kind === "staff" && user.role === "admin";
}

function isSelf(changer: AccountChanger, id: string): boolean {
  return changer.kind === "staff" && changer.actor.id === id;
}

export async function changeStaffRole(ctx: AppContext, changer: AccountChanger, id: string, role: StaffRole): Promise<AccountResult> {
  checkChanger(changer);
  if (isSelf(changer, id)) return { ok: false, problem: "self" };
  const now = ctx.now();
  return ctx.db.transaction(async (tx): Promise<AccountResult> => {
    const user = await lockUser(tx, id);
    if (!user) return { ok: false, problem: "notFound" };
    if (user.role === role) return { ok: false, problem: "unchanged" };
    if (role !== "admin" && (await isLastAdmin(tx, user))) return { ok: false, problem: "lastAdmin" };
    const [updated] = await tx.update(staffUsers).set({ role, updatedAt: now }).where(eq(staffUsers.id, id)).returning();
    await recordAuditEvent(tx, auditFor(ctx, changer, { action: "staff.role.change", subjectId: id, details: { from: user.role, to: role } }));
    if (role === "admin") await notifyOtherAdmins(tx, ctx, "promoted", [id, changerId(changer)]);
    else if (user.role === "admin") await notifyOtherAdmins(tx, ctx, "demoted", [id, changerId(changer)]);
    return { ok: true, user: summarize(ctx, updated!) };
  });
}

/** Disable: sign-in refused and every open session ends now. The row stays (the audit names it). */
export async function disableStaffAccount(ctx: AppContext, changer: AccountChanger, id: string): Promise<AccountResult> {
  checkChanger(changer);
  if (isSelf(changer, id)) return { ok: false, problem: "self" };
  const now = ctx.now();
  return ctx.db.transaction(async (tx): Promise<AccountResult> => {
    const user = await lockUser(tx, id);
    if (!user) return { ok: false, problem: "notFound" };
    if (user.disabledAt) return { ok: false, problem: "unchanged" };
    if (await isLastAdmin(tx, user)) return { ok: false, problem: "lastAdmin" };
    const [updated] = await tx.update(staffUsers).set({ disabledAt: now, updatedAt: now }).where(eq(staffUsers.id, id)).returning();
    const ended = await endAllStaffSessions(tx, id, now, "disabled");
    await recordAuditEvent(tx, auditFor(ctx, changer, { action: "staff.disable", subjectId: id, details: { sessionsEnded: ended } }));
    if (user.role === "admin") await notifyOtherAdmins(tx, ctx, "disabled", [id, changerId(changer)]);
    return { ok: true, user: summarize(ctx, updated!) };
  });
}

export async function enableStaffAccount(ctx: AppContext, changer: AccountChanger, id: string): Promise<AccountResult> {
  checkChanger(changer);
  const now = ctx.now();
  return ctx.db.transaction(async (tx): Promise<AccountResult> => {
    const user = await lockUser(tx, id);
    if (!user) return { ok: false, problem: "notFound" };
    if (!user.disabledAt) return { ok: false, problem: "unchanged" };
    const [updated] = await tx.update(staffUsers).set({ disabledAt: null, updatedAt: now }).where(eq(staffUsers.id, id)).returning();
    await recordAuditEvent(tx, auditFor(ctx, changer, { action: "staff.enable", subjectId: id }));
    if (user.role === "admin") await notifyOtherAdmins(tx, ctx, "enabled", [id, changerId(changer)]);
    return { ok: true, user: summarize(ctx, updated!) };
  });
}

/** `notifyAdmins: false`: the caller makes two resets of one admin and lets only the second tell the others. */
export type ResetOptions = { notifyAdmins?: boolean };

/**
 * A lost phone: a new TOTP secret (shown once, to hand over), to be confirmed at the next sign-in.
 * Open sessions end. The password stays.
 */
export async function resetStaffTotp(ctx: AppContext, changer: AccountChanger, id: string, options: ResetOptions = {}): Promise<AccountResult> {
  checkChanger(changer);
  const totpSecret = newTotpSecret();
  const now = ctx.now();
  return ctx.db.transaction(async (tx): Promise<AccountResult> => {
    const user = await lockUser(tx, id);
    if (!user) return { ok: false, problem: "notFound" };
    if (refusedOnTheWeb(changer, user)) return refuseAdminReset(tx, ctx, changer, user, "staff.totp.reset");
    const [updated] = await tx
      .update(staffUsers)
      .set({ totpSecretEnc: ctx.cipher.encrypt(TOTP_SECRET_FIELD, totpSecret), totpConfirmedAt: null, totpLastStep: null, updatedAt: now })
      .where(eq(staffUsers.id, id))
      .returning();
    const ended = await endAllStaffSessions(tx, id, now, "second_factor_reset");
    await recordAuditEvent(tx, auditFor(ctx, changer, { action: "staff.totp.reset", subjectId: id, details: { sessionsEnded: ended } }));
    if (user.role === "admin" && options.notifyAdmins !== false) await notifyOtherAdmins(tx, ctx, "reset", [id]);
    return { ok: true, user: summarize(ctx, updated!), totpSecret, otpauthUri: totpUri(user.email, totpSecret) };
  });
}

/**
 * A forgotten password: a new one-time password (shown once), replaced at the next sign-in. Open
 * sessions end and a sign-in lock on the address is lifted. The second factor stays.
 */
export async function resetStaffPassword(ctx: AppContext, changer: AccountChanger, id: string, options: ResetOptions = {}): Promise<AccountResult> {
  checkChanger(changer);
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const now = ctx.now();
  return ctx.db.transaction(async (tx): Promise<AccountResult> => {
    const user = await lockUser(tx, id);
    if (!user) return { ok: false, problem: "notFound" };
    if (refusedOnTheWeb(changer, user)) return refuseAdminReset(tx, ctx, changer, user, "staff.password.reset");
    const [updated] = await tx.update(staffUsers).set({ passwordHash, mustChangePassword: true, updatedAt: now }).where(eq(staffUsers.id, id)).returning();
    await tx.delete(staffLoginAttempts).where(eq(staffLoginAttempts.key, loginAttemptKey(ctx.config.codePepper, user.email)));
    const ended = await endAllStaffSessions(tx, id, now, "password_reset");
    await recordAuditEvent(tx, auditFor(ctx, changer, { action: "staff.password.reset", subjectId: id, details: { sessionsEnded: ended } }));
    if (user.role === "admin" && options.notifyAdmins !== false) await notifyOtherAdmins(tx, ctx, "reset", [id]);
    return { ok: true, user: summarize(ctx, updated!), oneTimePassword };
  });
}

/** The web refusal of an admin reset: audited as denied, nothing changed, no secret made visible. */
async function refuseAdminReset(
  tx: Db,
  ctx: AppContext,
  changer: AccountChanger,
  user: StaffUser,
  action: "staff.password.reset" | "staff.totp.reset",
): Promise<AccountResult> {
  await recordAuditEvent(tx, auditFor(ctx, changer, { action, subjectId: user.id, outcome: "denied", reason: "admin_reset_on_server_only" }));
  return { ok: false, problem: "adminOnServer" };
}
