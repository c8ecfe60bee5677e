import { sql, type SQL } from "drizzle-orm";

/**
 * Per-notice guessing locks (DESIGN.md "Guessing", decision 043). 10 consecutive wrong dates of
 * birth lock a notice. The lock escalates when the guessing comes back soon after a lock: the first
 * lock lasts an hour, a second one within ESCALATION_WINDOW_MS of the first lasts a day, and a third
 * holds the notice until a call-center agent unlocks it for a verified caller — with a supervisor
 * alert (`notice.lock.held` in the audit trail, shown on the call-center overview). A match resets
 * the level; an agent's unlock does not (guessing that resumes within the window is held again).
 */
export const LOCK_AFTER_FAILURES = 10;
/** The first lock. */
export const LOCK_DURATION_MS = 60 * 60 * 1000;
/** The second lock within the window. */
export const SECOND_LOCK_MS = 24 * 60 * 60 * 1000;
/** A lock set this soon after the previous one was set goes one level up. */
export const ESCALATION_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
export const HELD_LEVEL = 3;
/** `locked_until` of a held notice: far enough to never run out, and an ordinary timestamp for every reader. */
export const HELD_UNTIL = new Date("9999-12-31T00:00:00Z");

/** Is this lock held until the call center lifts it (not one that runs out)? */
export function isHeld(lockedUntil: Date | string | null | undefined): boolean {
  return lockedUntil != null && new Date(lockedUntil).getTime() >= HELD_UNTIL.getTime();
}

/**
 * The SET list of one wrong attempt on a notice that is not locked right now (the caller's WHERE
 * must say `locked_until is null or locked_until <= now`): count it — a lock that ran out starts
 * the count again — and at the LOCK_AFTER_FAILURES-th lock the notice at the next level. Every
 * expression reads the row as it was before this statement, so counting and escalating are one
 * atomic step under the row lock: concurrent wrong attempts count exactly, and exactly one of them
 * sets the lock. Pair with `lockReturning` to learn what it did.
 */
export function countWrongAttemptSet(now: Date): SQL {
  const nowText = now.toISOString();
  const windowStart = new Date(now.getTime() - ESCALATION_WINDOW_MS).toISOString();
  const counted = sql`(case when locked_until is not null then 1 else failed_checks + 1 end)`;
  const locks = sql`${counted} >= ${LOCK_AFTER_FAILURES}`;
  const level = sql`(case when lock_level > 0 and locked_at > ${windowStart}::timestamptz then least(lock_level + 1, ${HELD_LEVEL}) else 1 end)`;
  return sql`failed_checks = case when ${locks} then 0 else ${counted} end,
    lock_level = case when ${locks} then ${level} else lock_level end,
    locked_at = case when ${locks} then ${nowText}::timestamptz else locked_at end,
    locked_until = case when not ${locks} then null
      when ${level} = 1 then ${new Date(now.getTime() + LOCK_DURATION_MS).toISOString()}::timestamptz
      when ${level} = 2 then ${new Date(now.getTime() + SECOND_LOCK_MS).toISOString()}::timestamptz
      else ${HELD_UNTIL.toISOString()}::timestamptz end`;
}

/** What `countWrongAttemptSet` did: `locked` (this attempt set a lock) and the new `level`. */
export const lockReturning = sql`locked_until is not null as locked, lock_level as level`;
