import { and, eq, isNull, lt, notInArray, or } from "drizzle-orm";
import { calls, emailMessages, patientSessions, staffLoginAttempts, staffSessions } from "../../../db/schema/index";
import { sweepThrottles } from "~/utils/rate-limit.server";
import type { AppContext } from "../context.server";
import { PATIENT_ABSOLUTE_MS } from "../patient/session.server";
import { STAFF_ABSOLUTE_MS } from "../staff/session.server";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Dead sessions are kept this long after they could last have been used (for an investigation). */
export const SESSION_KEEP_AFTER_END_MS = DAY_MS;
/**
 * Sent email is kept this long, then deleted. Longer than the reminder window (30 days before
 * enroll-by), so a reminder's dedupe key is still there for as long as it could be queued again.
 */
export const EMAIL_SENT_KEEP_MS = 90 * DAY_MS;
/** Staff sign-in failure counters with no lock left and no failure for this long. */
export const LOGIN_ATTEMPTS_KEEP_MS = DAY_MS;

export type SweepCounts = {
  throttles: number;
  patientSessions: number;
  staffSessions: number;
  staffLoginAttempts: number;
  sentEmails: number;
};

/**
 * Housekeeping, so tables do not grow without bound over a months-long response: rate-limit rows
 * whose window and block are over, patient and staff sessions past their absolute lifetime (or
 * ended) by more than a day, old sign-in counters, and sent email
 * past EMAIL_SENT_KEEP_MS. Failed and pending email stays (the outbox page shows it). Safe on
 * several instances at once: each step is one idempotent DELETE.
 */
export async function runHousekeeping(ctx: AppContext): Promise<SweepCounts> {
  const now = ctx.now();
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const throttleRows = await sweepThrottles(ctx.db, now);
  const patient = await ctx.db
    .delete(patientSessions)
    .where(or(lt(patientSessions.createdAt, ago(PATIENT_ABSOLUTE_MS + SESSION_KEEP_AFTER_END_MS)), lt(patientSessions.endedAt, ago(SESSION_KEEP_AFTER_END_MS))))
    .returning({ k: patientSessions.tokenHash });
  // A session a call was taken in stays: the call names it (calls.staff_session_id).
  const staff = await ctx.db
    .delete(staffSessions)
    .where(
      and(
        or(lt(staffSessions.createdAt, ago(STAFF_ABSOLUTE_MS + SESSION_KEEP_AFTER_END_MS)), lt(staffSessions.endedAt, ago(SESSION_KEEP_AFTER_END_MS))),
        notInArray(staffSessions.id, ctx.db.select({ id: calls.staffSessionId }).from(calls)),
      ),
    )
    .returning({ k: staffSessions.id });
  const attempts = await ctx.db
    .delete(staffLoginAttempts)
    .where(
      and(lt(staffLoginAttempts.updatedAt, ago(LOGIN_ATTEMPTS_KEEP_MS)), or(isNull(staffLoginAttempts.lockedUntil), lt(staffLoginAttempts.lockedUntil, now))),
    )
    .returning({ k: staffLoginAttempts.key });
  const sent = await ctx.db
    .delete(emailMessages)
    .where(and(eq(emailMessages.status, "sent"), lt(emailMessages.sentAt, ago(EMAIL_SENT_KEEP_MS))))
    .returning({ k: emailMessages.id });
  return {
    throttles: throttleRows,
    patientSessions: patient.length,
    staffSessions: staff.length,
    staffLoginAttempts: attempts.length,
    sentEmails: sent.length,
  };
}
