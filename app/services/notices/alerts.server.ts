import { sql } from "drizzle-orm";
import type { AppContext } from "../context.server";

/** The window we watch, and the history it is compared with. */
export const ALERT_WINDOW_MS = 5 * 60 * 1000;
export const ALERT_BASELINE_MS = 24 * 60 * 60 * 1000;
/** "Far above normal": this many times the usual rate, and at least this many failures. */
export const ALERT_FACTOR = 10;
export const ALERT_MIN_FAILURES = 50;

export type CheckFailureAlert = {
  raised: boolean;
  recentFailures: number;
  /** Failures per window in the day before, on average. */
  usualFailures: number;
  windowMinutes: number;
};

/**
 * Portal-wide guessing alarm (DESIGN.md "Guessing"): failed checks in the last five minutes
 * against the average five minutes of the day before. Read from the audit trail, which already has
 * every check with its outcome, through its index on time — so all app instances see one picture.
 */
export async function getCheckFailureAlert(ctx: AppContext): Promise<CheckFailureAlert> {
  const now = ctx.now().getTime();
  const windowStart = new Date(now - ALERT_WINDOW_MS).toISOString();
  const baselineStart = new Date(now - ALERT_WINDOW_MS - ALERT_BASELINE_MS).toISOString();
  const [row] = await ctx.database.rows<{ recent: number; before: number }>(sql`
    select
      count(*) filter (where at >= ${windowStart}::timestamptz) as recent,
      count(*) filter (where at < ${windowStart}::timestamptz) as before
    from audit_events
    where at >= ${baselineStart}::timestamptz
      and at <= ${new Date(now).toISOString()}::timestamptz
      and action in ('patient.check', 'patient.check.locked')
      and outcome = 'failure'`);
  const recent = Number(row?.recent ?? 0);
  const usual = Number(row?.before ?? 0) / (ALERT_BASELINE_MS / ALERT_WINDOW_MS);
  return {
    raised: recent >= ALERT_MIN_FAILURES && recent > ALERT_FACTOR * usual,
    recentFailures: recent,
    usualFailures: Math.round(usual * 10) / 10,
    windowMinutes: ALERT_WINDOW_MS / 60000,
  };
}
