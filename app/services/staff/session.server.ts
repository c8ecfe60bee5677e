import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { staffSessions, staffUsers, type StaffSession, type StaffUser } from "../../../db/schema/index";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import type { AppContext, RequestMeta } from "../context.server";
import { recordAuditEvent } from "../audit/record.server";

export const STAFF_IDLE_MS = 30 * 60 * 1000;
export const STAFF_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** A half-done sign-in (password accepted, code awaited) is good for this long. */
export const STAFF_SIGN_IN_STEP_MS = 10 * 60 * 1000;
/** Start a session (a sign-in stage); call inside the transaction that decided it. Returns the token. */
export async function startStaffSession(tx: Db, userId: string, stage: StaffSession["stage"], now: Date): Promise<{ token: string; sessionId: string }> {
  const token = randomToken(32);
  const [row] = await tx
    .insert(staffSessions)
    .values({ tokenHash: sha256Hex(token), userId, stage, createdAt: now, lastSeenAt: now })
    .returning({ id: staffSessions.id });
  return { token, sessionId: row!.id };
}

/** End one session; true when this call ended it (false: it had already ended). */
export async function endStaffSession(tx: Db, sessionId: string, now: Date, reason: string): Promise<boolean> {
  const ended = await tx
    .update(staffSessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.endedAt)))
    .returning({ id: staffSessions.id });
  return ended.length > 0;
}

/** End every open session of an account (disabled, second factor or password reset). */
export async function endAllStaffSessions(tx: Db, userId: string, now: Date, reason: string): Promise<number> {
  const ended = await tx
    .update(staffSessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(staffSessions.userId, userId), isNull(staffSessions.endedAt)))
    .returning({ id: staffSessions.id });
  return ended.length;
}

export type OpenStaffSession = { session: StaffSession; user: StaffUser };

/** The open session row behind a token and its account, whatever its stage; no expiry check. */
export async function findStaffSession(db: Db, token: string | null): Promise<OpenStaffSession | null> {
  if (!token) return null;
  const [row] = await db
    .select({ session: staffSessions, user: staffUsers })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
    .where(and(eq(staffSessions.tokenHash, sha256Hex(token)), isNull(staffSessions.endedAt)));
  return row ?? null;
}

/** Why an open session no longer counts, or null while it does. */
export function staffSessionEndReason(open: OpenStaffSession, now: Date): "idle" | "absolute" | "disabled" | null {
  const { session, user } = open;
  if (user.disabledAt) return "disabled";
  const t = now.getTime();
  if (session.stage !== "active") return t - session.createdAt.getTime() > STAFF_SIGN_IN_STEP_MS ? "absolute" : null;
  if (t - session.createdAt.getTime() > STAFF_ABSOLUTE_MS) return "absolute";
  if (t - session.lastSeenAt.getTime() > STAFF_IDLE_MS) return "idle";
  return null;
}

export type ActiveStaffSession = { kind: "active"; session: StaffSession; user: StaffUser };
export type StaffSessionState = ActiveStaffSession | { kind: "expired" } | { kind: "none" };

/**
 * The signed-in person behind a request: an active session that is neither idle for 30 minutes
 * nor older than 12 hours, of an account that is not disabled. Every read moves the idle deadline.
 * An expired session is ended (and audited) the first time it is seen.
 */
export async function readActiveStaffSession(ctx: AppContext, meta: RequestMeta | undefined, token: string | null): Promise<StaffSessionState> {
  if (!token) return { kind: "none" };
  const [open] = await ctx.db
    .select({ session: staffSessions, user: staffUsers })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
    .where(eq(staffSessions.tokenHash, sha256Hex(token)));
  if (!open || open.session.stage !== "active") return { kind: "none" };
  // Ended by time already (e.g. by a parallel loader of the same page): still "expired", not "none".
  if (open.session.endedAt) return open.session.endReason === "idle" || open.session.endReason === "absolute" ? { kind: "expired" } : { kind: "none" };
  const now = ctx.now();
  const reason = staffSessionEndReason(open, now);
  if (reason) {
    await ctx.db.transaction(async (tx) => {
      if (!(await endStaffSession(tx, open.session.id, now, reason))) return; // someone else ended it just now
      await recordAuditEvent(tx, {
        at: now,
        actorType: "staff",
        actorId: open.user.id,
        actorRole: open.user.role,
        action: "staff.session.expired",
        subjectType: "staff_session",
        subjectId: open.session.id,
        reason,
        ip: meta?.ip,
        requestId: meta?.requestId,
        outcome: "success",
      });
    });
    return { kind: "expired" };
  }
  await ctx.db.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.id, open.session.id));
  return { kind: "active", session: { ...open.session, lastSeenAt: now }, user: open.user };
}
