import { sql } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record.server";
import { rowsOf } from "../batches/sql.server";
import type { AppContext, RequestMeta } from "../context.server";
import { assertRole, type StaffActor } from "../staff/roles";
import { STAFF_ABSOLUTE_MS, STAFF_IDLE_MS } from "../staff/session.server";
import { closeAbandonedCalls } from "./abandoned.server";

export const OVERVIEW_HOURS = 24;
/** "Unusual" in the last hour: this many lookups that found no one, or failed verifications. */
export const UNUSUAL_MISSES_PER_HOUR = 15;
export const UNUSUAL_VERIFY_FAILURES_PER_HOUR = 5;

export type CallCenterOverview = {
  callsPerHour: { label: string; value: number }[];
  perDisposition: { label: string; value: number }[];
  callsTotal: number;
  averageHandlingSeconds: number | null;
  agentsSignedIn: { email: string; role: string; openCalls: number; lastSeenAt: string }[];
  alerts: { email: string; at: string; lookups: number; limitPerHour: number }[];
  /** Notices held after a third lock from repeated wrong dates of birth (decision 043), last 24 hours. */
  heldNotices: { referenceNumber: string; at: string; stillHeld: boolean }[];
  unusual: { email: string; misses: number; verifyFailures: number }[];
  recentCalls: { referenceNumber: string; agent: string; startedAt: string; disposition: string | null }[];
};

/**
 * The supervisor's view of the call center: calls per hour and per disposition over the last 24
 * hours, average handling time (ended calls, abandoned ones left out), who is signed in now with
 * their open calls, lookup-limit alerts and other unusual activity (many misses or failed
 * verifications in the last hour), and the latest calls with their notice reference (to open the
 * notice's audit trail). Closes abandoned calls first. Audited as `calls.overview.view`.
 */
export async function getCallCenterOverview(ctx: AppContext, actor: StaffActor, meta: RequestMeta): Promise<CallCenterOverview> {
  assertRole(actor, "supervisor");
  await closeAbandonedCalls(ctx);
  const now = ctx.now();
  const since = new Date(now.getTime() - OVERVIEW_HOURS * 3600_000).toISOString();
  const hourAgo = new Date(now.getTime() - 3600_000).toISOString();
  const idleCutoff = new Date(now.getTime() - STAFF_IDLE_MS).toISOString();
  const absoluteCutoff = new Date(now.getTime() - STAFF_ABSOLUTE_MS).toISOString();
  return ctx.db.transaction(async (tx) => {
    const hours = await rowsOf<{ hour: string; n: number }>(
      tx,
      sql`select to_char(date_trunc('hour', started_at at time zone 'UTC'), 'YYYY-MM-DD"T"HH24') as hour, count(*)::int as n
          from calls where started_at >= ${since}::timestamptz group by 1 order by 1`,
    );
    const byHour = new Map(hours.map((h) => [h.hour, h.n]));
    const callsPerHour: { label: string; value: number }[] = [];
    const firstHour = Math.floor(now.getTime() / 3600_000) - (OVERVIEW_HOURS - 1);
    for (let h = firstHour; h <= firstHour + OVERVIEW_HOURS - 1; h++) {
      const label = new Date(h * 3600_000).toISOString().slice(0, 13);
      callsPerHour.push({ label, value: byHour.get(label) ?? 0 });
    }
    const dispositions = await rowsOf<{ disposition: string | null; n: number }>(
      tx,
      sql`select coalesce(disposition, 'open') as disposition, count(*)::int as n from calls
          where started_at >= ${since}::timestamptz group by 1 order by 2 desc, 1`,
    );
    const [aht] = await rowsOf<{ avg: number | string | null }>(
      tx,
      sql`select avg(extract(epoch from ended_at - started_at))::float8 as avg from calls
          where started_at >= ${since}::timestamptz and ended_at is not null and disposition <> 'abandoned'`,
    );
    const agents = await rowsOf<{ email: string; role: string; open_calls: number; last_seen_at: string | Date }>(
      tx,
      sql`select u.email, u.role, max(s.last_seen_at) as last_seen_at,
            (select count(*)::int from calls c where c.agent_id = u.id and c.ended_at is null) as open_calls
          from staff_sessions s join staff_users u on u.id = s.user_id
          where s.ended_at is null and s.stage = 'active' and u.disabled_at is null
            and s.last_seen_at >= ${idleCutoff}::timestamptz and s.created_at >= ${absoluteCutoff}::timestamptz
            and u.role in ('agent', 'supervisor')
          group by u.id, u.email, u.role order by u.email`,
    );
    const alerts = await rowsOf<{ email: string | null; at: string | Date; lookups: string | number | null; limit_per_hour: string | number | null }>(
      tx,
      sql`select u.email, a.at, a.details->>'lookups' as lookups, a.details->>'limitPerHour' as limit_per_hour
          from audit_events a left join staff_users u on u.id::text = a.actor_id
          where a.action = 'call.lookup.limit' and a.at >= ${since}::timestamptz order by a.at desc limit 50`,
    );
    const held = await rowsOf<{ reference_number: string; at: string | Date; still_held: boolean }>(
      tx,
      sql`select n.reference_number, a.at, n.locked_until > ${now.toISOString()}::timestamptz as still_held
          from audit_events a join notices n on n.id::text = a.subject_id
          where a.action = 'notice.lock.held' and a.at >= ${since}::timestamptz order by a.at desc limit 50`,
    );
    const unusual = await rowsOf<{ email: string | null; misses: number; verify_failures: number }>(
      tx,
      sql`select u.email,
            count(*) filter (where a.action = 'notice.search' and a.outcome = 'failure')::int as misses,
            count(*) filter (where a.action = 'call.verify' and a.outcome = 'failure')::int as verify_failures
          from audit_events a left join staff_users u on u.id::text = a.actor_id
          where a.at >= ${hourAgo}::timestamptz and a.action in ('notice.search', 'call.verify') and a.actor_type = 'staff'
          group by u.email
          having count(*) filter (where a.action = 'notice.search' and a.outcome = 'failure') >= ${UNUSUAL_MISSES_PER_HOUR}
              or count(*) filter (where a.action = 'call.verify' and a.outcome = 'failure') >= ${UNUSUAL_VERIFY_FAILURES_PER_HOUR}`,
    );
    const recent = await rowsOf<{ reference_number: string; email: string; started_at: string | Date; disposition: string | null }>(
      tx,
      sql`select n.reference_number, u.email, c.started_at, c.disposition from calls c
          join notices n on n.id = c.notice_id join staff_users u on u.id = c.agent_id
          order by c.started_at desc limit 20`,
    );
    await recordAuditEvent(tx, {
      at: now,
      actorType: "staff",
      actorId: actor.id,
      actorRole: actor.role,
      action: "calls.overview.view",
      ip: meta.ip,
      requestId: meta.requestId,
      outcome: "success",
    });
    const iso = (d: string | Date) => new Date(d).toISOString();
    return {
      callsPerHour,
      perDisposition: dispositions.map((d) => ({ label: d.disposition ?? "open", value: Number(d.n) })),
      callsTotal: dispositions.reduce((a, d) => a + Number(d.n), 0),
      averageHandlingSeconds: aht?.avg == null ? null : Math.round(Number(aht.avg)),
      agentsSignedIn: agents.map((a) => ({ email: a.email, role: a.role, openCalls: Number(a.open_calls), lastSeenAt: iso(a.last_seen_at) })),
      alerts: alerts.map((a) => ({
        email: a.email ?? "(unknown)",
        at: iso(a.at),
        lookups: Number(a.lookups ?? 0),
        limitPerHour: Number(a.limit_per_hour ?? 0),
      })),
      heldNotices: held.map((h) => ({ referenceNumber: h.reference_number, at: iso(h.at), stillHeld: Boolean(h.still_held) })),
      unusual: unusual.map((u) => ({ email: u.email ?? "(unknown)", misses: Number(u.misses), verifyFailures: Number(u.verify_failures) })),
      recentCalls: recent.map((r) => ({ referenceNumber: r.reference_number, agent: r.email, startedAt: iso(r.started_at), disposition: r.disposition })),
    };
  });
}
