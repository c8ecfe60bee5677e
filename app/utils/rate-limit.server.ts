import { and, eq, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { throttles } from "../../db/schema/index";
import { keyedHash } from "./crypto.server";

/**
 * Per-client-address attempt limiter with state in the database, so every app instance shares it.
 * We looked at rate-limiter-flexible (docs/decisions/004-rate-limiting-module.md): its PostgreSQL store needs `pg` or knex,
 * not postgres.js or PGlite, so this small limiter is our own — one upserted row per address.
 *
 * Policy: attempts are counted in a window of WINDOW_MS. From SLOW_AFTER_FAILURES on, each answer
 * is delayed (escalating); the BLOCK_AFTER_FAILURES-th attempt blocks the address for an escalating
 * time, answered 429 with Retry-After.
 *
 * Use (docs/decisions/070): `takeAttempt` BEFORE the work it guards — it counts the attempt and
 * says whether it may go ahead, in one statement, so concurrent requests cannot all read "not
 * blocked" and all do the work — then `giveBackAttempt` when the attempt succeeded. An attempt
 * that failed simply stays counted.
 */
export const THROTTLE_WINDOW_MS = 60 * 60 * 1000;
export const SLOW_AFTER_FAILURES = 5;
export const BLOCK_AFTER_FAILURES = 20;
export const FIRST_DELAY_MS = 250;
export const MAX_DELAY_MS = 4000;
export const FIRST_BLOCK_MS = 60 * 1000;
export const MAX_BLOCK_MS = 60 * 60 * 1000;

export type ThrottleState = { blockedForMs: number; delayMs: number; failures: number };

/** The answer of `takeAttempt`: go ahead (after `delayMs`), or refused for `retryAfterMs`. */
export type Attempt =
  /** `blocksNextForMs` > 0: this attempt reached the limit; if it fails, say so (429) at once. */
  { allowed: true; delayMs: number; failures: number; blocksNextForMs: number } | { allowed: false; retryAfterMs: number };

export function throttleKey(pepper: Buffer, scope: string, ip: string): string {
  return `${scope}:${keyedHash(pepper, `ip:${ip}`).toString("base64url").slice(0, 32)}`;
}

/** Is this address blocked right now, and by how long? (For pages that only show the state.) */
export async function readThrottle(db: Db, key: string, now: Date): Promise<ThrottleState> {
  const [row] = await db.select().from(throttles).where(eq(throttles.key, key));
  if (!row || now.getTime() - row.windowStart.getTime() > THROTTLE_WINDOW_MS) {
    return { blockedForMs: 0, delayMs: 0, failures: 0 };
  }
  const blockedForMs = row.blockedUntil ? Math.max(0, row.blockedUntil.getTime() - now.getTime()) : 0;
  return { blockedForMs, delayMs: delayFor(row.failures), failures: row.failures };
}

/** The delay before answering an attempt when `failures` earlier attempts failed. */
export function delayFor(failures: number): number {
  if (failures < SLOW_AFTER_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - SLOW_AFTER_FAILURES));
}

export function blockFor(failures: number): number {
  if (failures < BLOCK_AFTER_FAILURES) return 0;
  return Math.min(MAX_BLOCK_MS, FIRST_BLOCK_MS * 2 ** (failures - BLOCK_AFTER_FAILURES));
}

/** The block (ms) set when the counter reaches `failures`, as SQL over the counted value. */
function blockSql(failures: ReturnType<typeof sql>) {
  const steps = Math.ceil(Math.log2(MAX_BLOCK_MS / FIRST_BLOCK_MS));
  return sql`case when ${failures} < ${BLOCK_AFTER_FAILURES} then null
    else least(${MAX_BLOCK_MS}::float8, ${FIRST_BLOCK_MS}::float8 * power(2::float8, least(${failures} - ${BLOCK_AFTER_FAILURES}, ${steps})))::bigint end`;
}

/**
 * Count one attempt for `key` — as common table expressions for a caller that does its own work
 * in the same statement (the patient check: a failure's count, the notice's count and the audit
 * rows are one statement, decision 110). `attempt_t` returns the new count when the attempt is
 * allowed (nothing when the key is blocked right now: a blocked key is not counted further);
 * `attempt_b` returns the block's end when it is not. The row lock of the upsert serializes
 * attempts on one key, across app instances. Its text never varies (it may be prepared).
 */
export function attemptCtes(key: string, now: Date): SQL {
  // Dates inside sql`` go as ISO text: postgres.js (under drizzle) cannot serialize a raw Date.
  const nowText = now.toISOString();
  const cutoff = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
  const stale = sql`th.window_start < ${cutoff}::timestamptz`;
  const counted = sql`(case when ${stale} then 1 else th.failures + 1 end)`;
  return sql`attempt_t as (
      insert into throttles as th (key, failures, window_start, updated_at) values (${key}, 1, ${nowText}::timestamptz, ${nowText}::timestamptz)
      on conflict (key) do update set
        failures = ${counted},
        window_start = case when ${stale} then ${nowText}::timestamptz else th.window_start end,
        blocked_until = ${nowText}::timestamptz + (${blockSql(counted)} * interval '1 millisecond'),
        updated_at = ${nowText}::timestamptz
      where th.blocked_until is null or th.blocked_until <= ${nowText}::timestamptz
      returning th.failures
    ),
    attempt_b as (select blocked_until from throttles where key = ${key} and not exists (select 1 from attempt_t))`;
}

/** The columns `attemptFrom` reads: select them from `attemptCtes` (`left join`s, so there is a row). */
export const attemptColumns = sql`(select failures from attempt_t) as attempt_failures, (select blocked_until from attempt_b) as attempt_blocked_until`;

export type AttemptRow = { attempt_failures: number | string | null; attempt_blocked_until: Date | string | null };

/** What `attemptCtes` decided, from the row `attemptColumns` selected. */
export function attemptFrom(row: AttemptRow | undefined, now: Date): Attempt {
  if (row && row.attempt_failures !== null) {
    const failures = Number(row.attempt_failures);
    return { allowed: true, delayMs: delayFor(failures - 1), failures, blocksNextForMs: blockFor(failures) };
  }
  const until = row?.attempt_blocked_until ? new Date(row.attempt_blocked_until).getTime() : null;
  return { allowed: false, retryAfterMs: until === null ? 1000 : Math.max(1000, until - now.getTime()) };
}

/**
 * Count one attempt for `key` and say whether it may go ahead — one statement, so it holds under
 * any concurrency, across app instances. The attempt that reaches BLOCK_AFTER_FAILURES is still
 * allowed and sets the block for the next ones. `db` may be a transaction or the pool.
 */
export async function takeAttempt(db: Db, key: string, now: Date): Promise<Attempt> {
  const result = await db.execute(sql`with ${attemptCtes(key, now)} select ${attemptColumns}`);
  const [row] = (Array.isArray(result) ? result : (result as { rows: AttemptRow[] }).rows) as AttemptRow[];
  return attemptFrom(row, now);
}

/**
 * The columns of a read-only look at `key`'s row (`th`, left-joined by the caller): the failures
 * counted in its window and the block's end. For a caller that decides in its own later statement
 * — counting with `attemptCtes` there when the attempt fails — and only needs to know now whether
 * to stop at once or slow down (the patient check, decision 110).
 */
export function peekColumns(now: Date): SQL {
  const cutoff = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
  return sql`(case when th.window_start >= ${cutoff}::timestamptz then th.failures else 0 end) as peek_failures, th.blocked_until as peek_blocked_until`;
}

export type PeekRow = { peek_failures: number | string | null; peek_blocked_until: Date | string | null };

/** What `peekColumns` says: blocked now (for how long), or go ahead after `delayMs`. */
export function peekFrom(row: PeekRow | undefined, now: Date): { blocked: true; retryAfterMs: number } | { blocked: false; delayMs: number } {
  const until = row?.peek_blocked_until ? new Date(row.peek_blocked_until).getTime() : null;
  if (until !== null && until > now.getTime()) return { blocked: true, retryAfterMs: Math.max(1000, until - now.getTime()) };
  // This attempt would be the (failures + 1)-th: the delay takeAttempt gives it.
  return { blocked: false, delayMs: delayFor(Number(row?.peek_failures ?? 0)) };
}

/**
 * The attempt succeeded: give it back (the counter goes down by one, never below zero, and a block
 * this very attempt set is lifted). Failures before it stay counted: a success does not wipe out a
 * guessing run.
 */
export async function giveBackAttempt(db: Db, key: string): Promise<void> {
  await db.execute(sql`update throttles set
      failures = greatest(failures - 1, 0),
      blocked_until = case when failures - 1 < ${BLOCK_AFTER_FAILURES} then null else blocked_until end
    where key = ${key} and failures > 0`);
}

/**
 * Forget windows that ended long ago and blocks that are over (the housekeeping sweep runs it).
 * Returns how many rows went.
 */
export async function sweepThrottles(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - 2 * THROTTLE_WINDOW_MS);
  const gone = await db
    .delete(throttles)
    .where(and(lt(throttles.updatedAt, cutoff), or(isNull(throttles.blockedUntil), lt(throttles.blockedUntil, now))))
    .returning({ key: throttles.key });
  return gone.length;
}
