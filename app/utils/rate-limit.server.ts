import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { throttles } from "../../db/schema/index";
import { keyedHash } from "./crypto.server";

/**
 * Per-client-address failure limiter with state in the database, so every app instance shares it.
 * We looked at rate-limiter-flexible (README, Decisions): its PostgreSQL store needs `pg` or knex,
 * not postgres.js or PGlite, so this small limiter is our own — one upserted row per address.
 *
 * Policy: failures are counted in a window of WINDOW_MS. From SLOW_AFTER_FAILURES on, each answer
 * is delayed (escalating); from BLOCK_AFTER_FAILURES on, the address is blocked for an escalating
 * time and answered 429 with Retry-After.
 */
export const THROTTLE_WINDOW_MS = 60 * 60 * 1000;
export const SLOW_AFTER_FAILURES = 5;
export const BLOCK_AFTER_FAILURES = 20;
export const FIRST_DELAY_MS = 250;
export const MAX_DELAY_MS = 4000;
export const FIRST_BLOCK_MS = 60 * 1000;
export const MAX_BLOCK_MS = 60 * 60 * 1000;

export type ThrottleState = { blockedForMs: number; delayMs: number; failures: number };

export function throttleKey(pepper: Buffer, scope: string, ip: string): string {
  return `${scope}:${keyedHash(pepper, `ip:${ip}`).toString("base64url").slice(0, 32)}`;
}

/** Before doing the work: is this address blocked right now, and by how long? */
export async function readThrottle(db: Db, key: string, now: Date): Promise<ThrottleState> {
  const [row] = await db.select().from(throttles).where(eq(throttles.key, key));
  if (!row || now.getTime() - row.windowStart.getTime() > THROTTLE_WINDOW_MS) {
    return { blockedForMs: 0, delayMs: 0, failures: 0 };
  }
  const blockedForMs = row.blockedUntil ? Math.max(0, row.blockedUntil.getTime() - now.getTime()) : 0;
  return { blockedForMs, delayMs: delayFor(row.failures), failures: row.failures };
}

export function delayFor(failures: number): number {
  if (failures < SLOW_AFTER_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - SLOW_AFTER_FAILURES));
}

export function blockFor(failures: number): number {
  if (failures < BLOCK_AFTER_FAILURES) return 0;
  return Math.min(MAX_BLOCK_MS, FIRST_BLOCK_MS * 2 ** (failures - BLOCK_AFTER_FAILURES));
}

/** Count one failure atomically (one statement, safe under concurrency across instances). */
export async function recordFailure(db: Db, key: string, now: Date): Promise<ThrottleState> {
  // Dates inside sql`` go as ISO text: postgres.js (under drizzle) cannot serialize a raw Date.
  const windowStartCutoff = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
  const nowText = now.toISOString();
  const [row] = await db
    .insert(throttles)
    .values({ key, failures: 1, windowStart: now, updatedAt: now })
    .onConflictDoUpdate({
      target: throttles.key,
      set: {
        failures: sql`case when ${throttles.windowStart} < ${windowStartCutoff}::timestamptz then 1 else ${throttles.failures} + 1 end`,
        windowStart: sql`case when ${throttles.windowStart} < ${windowStartCutoff}::timestamptz then ${nowText}::timestamptz else ${throttles.windowStart} end`,
        updatedAt: now,
      },
    })
    .returning();
  const failures = row?.failures ?? 1;
  const block = blockFor(failures);
  if (block > 0) {
    await db
      .update(throttles)
      .set({ blockedUntil: new Date(now.getTime() + block) })
      .where(eq(throttles.key, key));
  }
  return { blockedForMs: block, delayMs: delayFor(failures), failures };
}

/** Forget windows that ended long ago (run from time to time). */
export async function sweepThrottles(db: Db, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - 2 * THROTTLE_WINDOW_MS);
  await db.delete(throttles).where(lt(throttles.updatedAt, cutoff));
}
