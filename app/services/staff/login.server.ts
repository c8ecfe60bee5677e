import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { staffLoginAttempts, staffUsers, type StaffUser } from "../../../db/schema/index";
import { keyedHash } from "~/utils/crypto.server";
import { giveBackAttempt, takeAttempt, throttleKey } from "~/utils/rate-limit.server";
import type { AppContext, RequestMeta } from "../context.server";
import { recordAuditEvent, type AuditInput } from "../audit/record.server";
import { burnPasswordCheck, checkNewPassword, hashPassword, verifyPassword, type PasswordProblem } from "./password.server";
import { checkTotp } from "./totp.server";
import { endStaffSession, findStaffSession, startStaffSession, staffSessionEndReason, type OpenStaffSession } from "./session.server";

/** Consecutive failed sign-in steps (password or code) before an email address waits. */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MS = 15 * 60 * 1000;
/** Failures further apart than this do not add up. */
const FAILURES_FORGOTTEN_AFTER_MS = 24 * 60 * 60 * 1000;
/** The field name the TOTP secret is encrypted under. */
export const TOTP_SECRET_FIELD = "staff.totp_secret";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The lock counter's key: a keyed hash of the email, the same whether or not an account has it. */
export function loginAttemptKey(pepper: Buffer, email: string): string {
  return `staff-login:${keyedHash(pepper, `staff-email:${normalizeEmail(email)}`)
    .toString("base64url")
    .slice(0, 32)}`;
}

/** A short keyed hash of a typed email for audit rows of failed sign-ins (never the address itself). */
function emailTag(pepper: Buffer, email: string): string {
  return keyedHash(pepper, `staff-email-tag:${normalizeEmail(email)}`)
    .toString("hex")
    .slice(0, 16);
}

export type SignInStep = "totp" | "new_password";
export type SignInResult =
  | { kind: "next"; step: SignInStep; token: string }
  | { kind: "signedIn"; token: string; sessionId: string }
  /** Email or password not right — the same answer for an unknown, a disabled or a real account. */
  | { kind: "refused" }
  | { kind: "wrongCode" }
  | { kind: "badPassword"; problem: PasswordProblem }
  | { kind: "locked"; retryAfterSeconds: number }
  /** The half-done sign-in ended (too slow, locked, or unknown): start again with the password. */
  | { kind: "restart" };

/**
 * Count one sign-in step for an email (password or code) BEFORE it is verified, in one statement:
 * the LOCK_AFTER_FAILURES-th attempt locks the email for LOCK_MS, and while it is locked nothing is
 * counted or verified. Concurrent attempts for one email are serialized by the upsert's row lock,
 * so twenty at once verify exactly LOCK_AFTER_FAILURES (issue 15, finding 3). A success gives its
 * attempt back (`giveBackLoginAttempt`) or clears the counter (`clearLoginAttempts`).
 */
async function takeLoginAttempt(db: Db, key: string, now: Date): Promise<{ allowed: true; locksNext: boolean } | { allowed: false; lockMs: number }> {
  const forgetBefore = new Date(now.getTime() - FAILURES_FORGOTTEN_AFTER_MS).toISOString();
  const nowText = now.toISOString();
  const t = staffLoginAttempts;
  const counted = sql`(case when ${t.updatedAt} < ${forgetBefore}::timestamptz or ${t.lockedUntil} is not null then 1 else ${t.failures} + 1 end)`;
  const [row] = await db
    .insert(t)
    .values({ key, failures: 1, updatedAt: now, lockedUntil: LOCK_AFTER_FAILURES <= 1 ? new Date(now.getTime() + LOCK_MS) : null })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        failures: counted,
        lockedUntil: sql`case when ${counted} >= ${LOCK_AFTER_FAILURES} then ${nowText}::timestamptz + ${LOCK_MS} * interval '1 millisecond' else null end`,
        updatedAt: now,
      },
      // Locked right now: not counted, not verified.
      setWhere: sql`${t.lockedUntil} is null or ${t.lockedUntil} <= ${nowText}::timestamptz`,
    })
    .returning({ failures: t.failures });
  if (row) return { allowed: true, locksNext: row.failures >= LOCK_AFTER_FAILURES };
  const [locked] = await db.select({ lockedUntil: t.lockedUntil }).from(t).where(eq(t.key, key));
  return { allowed: false, lockMs: Math.max(1000, (locked?.lockedUntil?.getTime() ?? now.getTime()) - now.getTime()) };
}

/** The password was right: the attempt is given back (and a lock it set is lifted). */
async function giveBackLoginAttempt(db: Db, key: string): Promise<void> {
  const t = staffLoginAttempts;
  await db
    .update(t)
    .set({
      failures: sql`greatest(${t.failures} - 1, 0)`,
      lockedUntil: sql`case when ${t.failures} - 1 < ${LOCK_AFTER_FAILURES} then null else ${t.lockedUntil} end`,
    })
    .where(eq(t.key, key));
}

/**
 * Demo accounts (their passwords and TOTP secrets are published in the repository) never sign in
 * in production, even if a database once seeded outside production is reused (issue 15, finding 2).
 */
export function demoRefused(ctx: AppContext, user: Pick<StaffUser, "isDemo" | "email">): boolean {
  return ctx.config.env === "production" && (user.isDemo || user.email.endsWith("@demo.test"));
}

function audit(ctx: AppContext, meta: RequestMeta, user: StaffUser | null, rest: Pick<AuditInput, "action" | "outcome"> & Partial<AuditInput>): AuditInput {
  return {
    at: ctx.now(),
    actorType: "staff",
    actorId: user?.id ?? null,
    actorRole: user?.role ?? null,
    subjectType: "staff_user",
    subjectId: user?.id ?? null,
    ip: meta.ip,
    requestId: meta.requestId,
    ...rest,
  };
}

/**
 * Step 1: email and password. Answers the same for an unknown email, a disabled account and a wrong
 * password (and costs the same argon2 time). After LOCK_AFTER_FAILURES failures in a row the
 * address waits LOCK_MS, real or not. Every attempt writes an audit row with the counter change.
 */
export async function signInWithPassword(ctx: AppContext, meta: RequestMeta, input: { email: string; password: string }): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const now = ctx.now();
  const key = loginAttemptKey(ctx.config.codePepper, email);
  const ipKey = throttleKey(ctx.config.codePepper, "staff-login", meta.ip);
  const [user] = await ctx.db.select().from(staffUsers).where(eq(staffUsers.email, email));
  const tag = emailTag(ctx.config.codePepper, email);

  // Both counters are taken before argon2 runs (and given back on success).
  const ipAttempt = await takeAttempt(ctx.db, ipKey, now);
  const attempt = ipAttempt.allowed ? await takeLoginAttempt(ctx.db, key, now) : null;
  if (!ipAttempt.allowed || !attempt?.allowed) {
    if (ipAttempt.allowed) await giveBackAttempt(ctx.db, ipKey); // the email's lock refused it, not the address
    const lockMs = !ipAttempt.allowed ? ipAttempt.retryAfterMs : attempt && !attempt.allowed ? attempt.lockMs : LOCK_MS;
    await ctx.db.transaction((tx) =>
      recordAuditEvent(tx, audit(ctx, meta, user ?? null, { action: "staff.login", outcome: "denied", reason: "locked", details: { emailTag: tag } })),
    );
    return { kind: "locked", retryAfterSeconds: Math.ceil(lockMs / 1000) };
  }
  if (ipAttempt.delayMs > 0) await ctx.sleep(ipAttempt.delayMs);

  let ok = false;
  if (user && !user.disabledAt && !demoRefused(ctx, user)) ok = await verifyPassword(user.passwordHash, input.password);
  else await burnPasswordCheck(input.password);

  if (!ok) {
    const reason = !user ? "unknown_email" : user.disabledAt ? "disabled" : demoRefused(ctx, user) ? "demo_account_in_production" : "wrong_password";
    await ctx.db.transaction(async (tx) => {
      await recordAuditEvent(
        tx,
        audit(ctx, meta, user ?? null, { action: "staff.login", outcome: "failure", reason, details: { emailTag: tag, locked: attempt.locksNext } }),
      );
    });
    return { kind: "refused" };
  }
  await giveBackLoginAttempt(ctx.db, key);
  await giveBackAttempt(ctx.db, ipKey);
  const token = await ctx.db.transaction(async (tx) => {
    const started = await startStaffSession(tx, user!.id, "totp", now);
    await recordAuditEvent(
      tx,
      audit(ctx, meta, user!, { action: "staff.login", outcome: "success", reason: "password_accepted", details: { step: "password" } }),
    );
    return started.token;
  });
  return { kind: "next", step: "totp", token };
}

/** The half-done sign-in behind a token, if it is still in time and at this stage. */
async function pendingSession(ctx: AppContext, token: string | null, stage: "totp" | "new_password"): Promise<OpenStaffSession | null> {
  const open = await findStaffSession(ctx.db, token);
  if (!open || open.session.stage !== stage) return null;
  if (staffSessionEndReason(open, ctx.now())) {
    await endStaffSession(ctx.db, open.session.id, ctx.now(), "sign_in_timeout");
    return null;
  }
  return open;
}

/** Where a sign-in stands, for the login page: which form to show. */
export async function signInStage(ctx: AppContext, token: string | null): Promise<"password" | SignInStep | "active"> {
  const open = await findStaffSession(ctx.db, token);
  if (!open || staffSessionEndReason(open, ctx.now())) return "password";
  return open.session.stage === "active" ? "active" : open.session.stage;
}

/**
 * Step 2: the code from the authenticator app (±1 step, never a step already used). On the first
 * sign-in (or after a reset) this also confirms the second factor. Wrong codes count towards the
 * same lock as wrong passwords. Success ends the pending session and starts a new one (new id).
 */
export async function signInWithTotp(ctx: AppContext, meta: RequestMeta, token: string | null, code: string): Promise<SignInResult> {
  const open = await pendingSession(ctx, token, "totp");
  if (!open) return { kind: "restart" };
  const { user, session } = open;
  const now = ctx.now();
  const key = loginAttemptKey(ctx.config.codePepper, user.email);
  // Counted before the code is checked: twenty codes at once on one half-signed-in session check
  // exactly LOCK_AFTER_FAILURES of them (issue 15, finding 3).
  const attempt = await takeLoginAttempt(ctx.db, key, now);
  if (!attempt.allowed) {
    await ctx.db.transaction(async (tx) => {
      await endStaffSession(tx, session.id, now, "locked");
      await recordAuditEvent(tx, audit(ctx, meta, user, { action: "staff.login.totp", outcome: "denied", reason: "locked" }));
    });
    return { kind: "locked", retryAfterSeconds: Math.ceil(attempt.lockMs / 1000) };
  }
  const secret = ctx.cipher.decrypt(TOTP_SECRET_FIELD, user.totpSecretEnc);
  const step = checkTotp(secret, code, now, user.totpLastStep ?? null);

  if (step === null) {
    const replayed = user.totpLastStep !== null && checkTotp(secret, code, now, null) !== null;
    const locked = attempt.locksNext;
    await ctx.db.transaction(async (tx) => {
      if (locked) await endStaffSession(tx, session.id, now, "locked");
      await recordAuditEvent(
        tx,
        audit(ctx, meta, user, { action: "staff.login.totp", outcome: "failure", reason: replayed ? "code_already_used" : "wrong_code", details: { locked } }),
      );
    });
    return locked ? { kind: "locked", retryAfterSeconds: LOCK_MS / 1000 } : { kind: "wrongCode" };
  }

  return ctx.db.transaction(async (tx): Promise<SignInResult> => {
    // Store the step only if it is newer: two requests racing with one code, one wins.
    const [claimed] = await tx
      .update(staffUsers)
      .set({
        totpLastStep: step,
        ...(user.totpConfirmedAt ? {} : { totpConfirmedAt: now }),
        ...(user.mustChangePassword ? {} : { lastSignInAt: now }),
        updatedAt: now,
      })
      .where(and(eq(staffUsers.id, user.id), or(isNull(staffUsers.totpLastStep), lt(staffUsers.totpLastStep, step))))
      .returning({ id: staffUsers.id });
    if (!claimed) {
      await recordAuditEvent(tx, audit(ctx, meta, user, { action: "staff.login.totp", outcome: "failure", reason: "code_already_used" }));
      return { kind: "wrongCode" };
    }
    await tx.delete(staffLoginAttempts).where(eq(staffLoginAttempts.key, key));
    await endStaffSession(tx, session.id, now, "next_step");
    if (!user.totpConfirmedAt) {
      await recordAuditEvent(tx, audit(ctx, meta, user, { action: "staff.totp.confirm", outcome: "success" }));
    }
    if (user.mustChangePassword) {
      const next = await startStaffSession(tx, user.id, "new_password", now);
      await recordAuditEvent(tx, audit(ctx, meta, user, { action: "staff.login.totp", outcome: "success", reason: "new_password_required" }));
      return { kind: "next", step: "new_password", token: next.token };
    }
    const active = await startStaffSession(tx, user.id, "active", now);
    await recordAuditEvent(
      tx,
      audit(ctx, meta, user, { action: "staff.login.totp", outcome: "success", reason: "signed_in", details: { sessionId: active.sessionId } }),
    );
    return { kind: "signedIn", token: active.token, sessionId: active.sessionId };
  });
}

/**
 * Step 3, first sign-in only (or after an admin reset): replace the one-time password. Both
 * factors are already proved; the new password must pass the policy. Then the person is signed in.
 */
export async function signInWithNewPassword(
  ctx: AppContext,
  meta: RequestMeta,
  token: string | null,
  input: { password: string; confirm: string },
): Promise<SignInResult> {
  const open = await pendingSession(ctx, token, "new_password");
  if (!open) return { kind: "restart" };
  const { user, session } = open;
  if (input.password !== input.confirm) return { kind: "badPassword", problem: "mismatch" };
  const problem = await checkNewPassword(input.password, user.email);
  if (problem) return { kind: "badPassword", problem };
  if (await verifyPassword(user.passwordHash, input.password)) return { kind: "badPassword", problem: "sameAsBefore" };
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    await tx
      .update(staffUsers)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: now, lastSignInAt: now, updatedAt: now })
      .where(eq(staffUsers.id, user.id));
    await endStaffSession(tx, session.id, now, "next_step");
    const active = await startStaffSession(tx, user.id, "active", now);
    await recordAuditEvent(tx, audit(ctx, meta, user, { action: "staff.password.change", outcome: "success", details: { sessionId: active.sessionId } }));
    return { kind: "signedIn", token: active.token, sessionId: active.sessionId };
  });
}

/** Sign-out: the session ends now, whatever its stage, and the audit says so. */
export async function signOutStaff(ctx: AppContext, meta: RequestMeta, token: string | null): Promise<boolean> {
  const open = await findStaffSession(ctx.db, token);
  if (!open) return false;
  await ctx.db.transaction(async (tx) => {
    await endStaffSession(tx, open.session.id, ctx.now(), "signout");
    await recordAuditEvent(
      tx,
      audit(ctx, meta, open.user, { action: "staff.logout", outcome: "success", subjectType: "staff_session", subjectId: open.session.id }),
    );
  });
  return true;
}
