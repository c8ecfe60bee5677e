import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { callLookupWindows } from "../../../db/schema/index";
import { recordAuditEvent } from "../audit/record.server";
import type { AppContext, RequestMeta } from "../context.server";
import type { StaffActor } from "../staff/roles";

/**
 * Anti-scraping: each agent's lookups are counted per clock hour (UTC), one atomic upsert BEFORE
 * the lookup runs, so concurrent lookups from several tabs or instances cannot slip past.
 *
 * With a limit L (CALL_LOOKUPS_PER_HOUR, default 60):
 * - lookups 1..L run at once;
 * - lookups L+1 .. L+SLOW_BAND run after an escalating delay (1 s, 2 s, 4 s, capped at 8 s), and
 *   the first of them raises a supervisor alert (audit `call.lookup.limit`, once per hour);
 * - beyond that, lookups are refused until the hour ends (429 with Retry-After).
 * Refused attempts are counted too: hammering does not shorten the wait.
 */
export const LOOKUP_WINDOW_MS = 60 * 60 * 1000;
export const FIRST_SLOW_DELAY_MS = 1000;
export const MAX_SLOW_DELAY_MS = 8000;

export function slowBandFor(limit: number): number {
  return Math.max(5, Math.ceil(limit / 4));
}

export type LookupAllowance = { kind: "allowed"; lookups: number; delayMs: number } | { kind: "refused"; lookups: number; retryAfterSeconds: number };

export function windowStartOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / LOOKUP_WINDOW_MS) * LOOKUP_WINDOW_MS);
}

/**
 * Count one lookup for this agent, then say whether it may run (and after what delay). Call it
 * first in the lookup's transaction: the count commits with the lookup (or alone, when refused),
 * and the window row's lock queues this agent's concurrent lookups behind it.
 */
export async function countLookup(tx: Db, ctx: AppContext, actor: StaffActor, meta: RequestMeta, callReference: string): Promise<LookupAllowance> {
  const now = ctx.now();
  const limit = ctx.config.callLookupsPerHour;
  const windowStart = windowStartOf(now);
  const [row] = await tx
    .insert(callLookupWindows)
    .values({ staffId: actor.id, windowStart, lookups: 1 })
    .onConflictDoUpdate({
      target: [callLookupWindows.staffId, callLookupWindows.windowStart],
      set: { lookups: sql`${callLookupWindows.lookups} + 1` },
    })
    .returning({ lookups: callLookupWindows.lookups });
  const lookups = row?.lookups ?? 1;
  if (lookups <= limit) return { kind: "allowed", lookups, delayMs: 0 };

  await raiseAlertOnce(tx, ctx, actor, meta, { windowStart, lookups, limit, callReference });
  const over = lookups - limit;
  if (over <= slowBandFor(limit)) {
    return { kind: "allowed", lookups, delayMs: Math.min(MAX_SLOW_DELAY_MS, FIRST_SLOW_DELAY_MS * 2 ** (over - 1)) };
  }
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + LOOKUP_WINDOW_MS - now.getTime()) / 1000));
  return { kind: "refused", lookups, retryAfterSeconds };
}

/** The first lookup past the limit in a window writes the supervisors' alert; later ones do not. */
async function raiseAlertOnce(
  tx: Db,
  ctx: AppContext,
  actor: StaffActor,
  meta: RequestMeta,
  input: { windowStart: Date; lookups: number; limit: number; callReference: string },
): Promise<void> {
  const now = ctx.now();
  const marked = await tx
    .update(callLookupWindows)
    .set({ alertedAt: now })
    .where(and(eq(callLookupWindows.staffId, actor.id), eq(callLookupWindows.windowStart, input.windowStart), isNull(callLookupWindows.alertedAt)))
    .returning({ staffId: callLookupWindows.staffId });
  if (!marked.length) return;
  await recordAuditEvent(tx, {
    at: now,
    actorType: "staff",
    actorId: actor.id,
    actorRole: actor.role,
    action: "call.lookup.limit",
    subjectType: "staff",
    subjectId: actor.id,
    callReference: input.callReference,
    ip: meta.ip,
    requestId: meta.requestId,
    outcome: "denied",
    details: { limitPerHour: input.limit, lookups: input.lookups, windowStart: input.windowStart.toISOString() },
  });
}
