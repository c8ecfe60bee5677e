import { sql } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record.server";
import type { AppContext } from "../context.server";
import { rowsOf } from "../batches/sql.server";
import { describeError, log } from "~/utils/log.server";
import { STAFF_ABSOLUTE_MS, STAFF_IDLE_MS } from "../staff/session.server";

/** How often the server sweeps for calls left open by a session that ended. */
export const ABANDONED_SWEEP_MS = 60 * 1000;

/**
 * Close, as `abandoned`, every open call whose staff session has ended — signed out, idle for 30
 * minutes, 12 hours old, or its account disabled — whether or not anyone saw the session end.
 * One statement picks and closes them (safe to run on every instance at once: a call is closed
 * once, by whoever's UPDATE gets it), and each closure is audited in the same transaction.
 * Run by a timer in the server, and before the call-center pages read open calls.
 */
export async function closeAbandonedCalls(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const nowText = now.toISOString();
  const idleCutoff = new Date(now.getTime() - STAFF_IDLE_MS).toISOString();
  const absoluteCutoff = new Date(now.getTime() - STAFF_ABSOLUTE_MS).toISOString();
  return ctx.db.transaction(async (tx) => {
    const closed = await rowsOf<{ id: string; notice_id: number; agent_id: string; call_reference: string; started_at: string | Date }>(
      tx,
      sql`update calls c set ended_at = ${nowText}::timestamptz, disposition = 'abandoned'
          from staff_sessions s join staff_users u on u.id = s.user_id
          where c.ended_at is null and s.id = c.staff_session_id
            and (s.ended_at is not null or s.last_seen_at < ${idleCutoff}::timestamptz
                 or s.created_at < ${absoluteCutoff}::timestamptz or u.disabled_at is not null)
          returning c.id, c.notice_id, c.agent_id, c.call_reference, c.started_at`,
    );
    for (const c of closed) {
      await recordAuditEvent(tx, {
        at: now,
        actorType: "system",
        action: "call.end",
        subjectType: "notice",
        subjectId: String(c.notice_id),
        callReference: c.call_reference,
        outcome: "success",
        details: {
          callId: c.id,
          agentId: c.agent_id,
          disposition: "abandoned",
          handlingSeconds: Math.round((now.getTime() - new Date(c.started_at).getTime()) / 1000),
        },
      });
    }
    return closed.length;
  });
}

/** The server's sweeper: every minute, off the request path. Returns its stop function. */
export function startAbandonedCallSweeper(ctx: AppContext, intervalMs = ABANDONED_SWEEP_MS): () => Promise<void> {
  let current: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    current = closeAbandonedCalls(ctx).catch((error: unknown) => log.warn("calls.abandoned_sweep_failed", describeError(error)));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await current;
  };
}
