import { and, asc, eq, isNull, lte, sql, type SQL } from "drizzle-orm";
import { incidents, type Incident } from "../../../db/schema/index";
import { recordAuditEvent } from "../audit/record.server";
import { rowsOf } from "../batches/sql.server";
import type { AppContext } from "../context.server";
import { forgetPublicIncident } from "./current.server";
import type { IncidentActor } from "./manage.server";

/** Rows changed per transaction: short transactions, so the site stays responsive and a kill loses little. */
export const PURGE_BATCH_ROWS = 5000;

/** What a purge erases (or would erase), per kind of row. Counts only: never a value. */
export type PurgeCounts = {
  notices: number;
  enrollments: number;
  emails: number;
  monitoringCodes: number;
  patientSessions: number;
  /** Call-center calls whose free-text note was erased, and reissued letters' pending codes. */
  callNotes: number;
  reprints: number;
};

export type IncidentPurge = { slug: string; retainUntil: string; counts: PurgeCounts; finished: boolean };
export type PurgeRun = { apply: boolean; incidents: IncidentPurge[] };

const zero = (): PurgeCounts => ({ notices: 0, enrollments: 0, emails: 0, monitoringCodes: 0, patientSessions: 0, callNotes: 0, reprints: 0 });
const n = (v: unknown) => Number(v ?? 0);

/**
 * Erase the personal data of every incident whose retention date has come (`retainUntil` ≤
 * today), or report what would be erased (`apply: false`, the default of the CLI).
 *
 * What goes: on notices every encrypted personal field (name, address, date of birth, email,
 * phone, external id, the pending mailing code), the search blind index, and the external-id hash
 * (replaced by a hash of the row id, so it stays unique and says nothing); on enrollments the
 * confirmation email and guardian name; on queued email the address (pending mail is given up);
 * the incident's monitoring codes; call-center notes and reissued letters' pending codes; and its
 * patient sessions (deleted).
 *
 * What stays: the rows themselves with their non-personal facts (state, categories, minor,
 * deceased, check and enrollment dates), so reports, the HHS figures and the pre-aggregated stats
 * add up as before; the activation-code hash (an HMAC of a random code, not personal), so a code
 * answers "this response has ended"; and the whole audit trail.
 *
 * Safe to interrupt and to run again: each step updates at most PURGE_BATCH_ROWS rows per
 * transaction and only rows still holding data, and the incident is marked purged (with its one
 * audit row, in one transaction) only when nothing is left.
 */
export async function purgeExpiredIncidents(
  ctx: AppContext,
  actor: IncidentActor | { actorType: "system"; actorId: string; actorRole: string },
  options: { apply: boolean; batchRows?: number },
): Promise<PurgeRun> {
  const today = ctx.now().toISOString().slice(0, 10);
  const due = await ctx.db
    .select()
    .from(incidents)
    .where(and(lte(incidents.retainUntil, today), isNull(incidents.purgedAt)))
    .orderBy(asc(incidents.retainUntil));
  const out: PurgeRun = { apply: options.apply, incidents: [] };
  for (const incident of due) {
    const counts = options.apply ? await eraseIncident(ctx, incident, options.batchRows ?? PURGE_BATCH_ROWS) : await countPersonal(ctx, incident.id);
    if (options.apply) await finishIncident(ctx, actor, incident, counts);
    out.incidents.push({ slug: incident.slug, retainUntil: incident.retainUntil, counts, finished: options.apply });
  }
  return out;
}

/** What is still held for an incident (the dry run's figures). */
export async function countPersonal(ctx: AppContext, incidentId: string): Promise<PurgeCounts> {
  const [row] = await rowsOf<Record<keyof PurgeCounts, unknown>>(
    ctx.db,
    sql`select
      (select count(*) from notices where incident_id = ${incidentId} and (${NOTICE_HOLDS})) as "notices",
      (select count(*) from enrollments where incident_id = ${incidentId} and (email_enc is not null or guardian_name_enc is not null)) as "enrollments",
      (select count(*) from email_messages m join notices n on n.id = m.notice_id where n.incident_id = ${incidentId} and m.to_enc <> '') as "emails",
      (select count(*) from monitoring_codes where incident_id = ${incidentId} and code_enc <> '') as "monitoringCodes",
      (select count(*) from patient_sessions s join notices n on n.id = s.notice_id where n.incident_id = ${incidentId}) as "patientSessions",
      (select count(*) from calls c join notices n on n.id = c.notice_id where n.incident_id = ${incidentId} and c.note is not null) as "callNotes",
      (select count(*) from reprint_requests r join notices n on n.id = r.notice_id where n.incident_id = ${incidentId} and r.code_enc is not null) as "reprints"`,
  );
  return {
    notices: n(row?.notices),
    enrollments: n(row?.enrollments),
    emails: n(row?.emails),
    monitoringCodes: n(row?.monitoringCodes),
    patientSessions: n(row?.patientSessions),
    callNotes: n(row?.callNotes),
    reprints: n(row?.reprints),
  };
}

/** Run one statement repeatedly (each in its own transaction) until it changes no more rows. */
async function untilNone(ctx: AppContext, statement: (limit: number) => SQL, limit: number): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await ctx.db.transaction((tx) => rowsOf<{ id: unknown }>(tx, statement(limit)));
    total += rows.length;
    if (rows.length < limit) return total;
  }
}

/**
 * Walk a table in primary-key order, `limit` rows of the incident per transaction, erasing what
 * each window still holds. Keyset steps use the primary key, so a large table is read once.
 */
async function byKeyset(
  ctx: AppContext,
  table: "notices" | "monitoring_codes" | "enrollments",
  incidentId: string,
  erase: SQL,
  holds: SQL,
  limit: number,
): Promise<number> {
  let last = 0;
  let total = 0;
  for (;;) {
    const [r] = await ctx.db.transaction((tx) =>
      rowsOf<{ last: unknown; changed: unknown; seen: unknown }>(
        tx,
        sql`with w as (select id from ${sql.identifier(table)} where incident_id = ${incidentId} and id > ${last} order by id limit ${limit}),
          u as (update ${sql.identifier(table)} set ${erase} where id in (select id from w) and (${holds}) returning id)
          select (select max(id) from w) as "last", (select count(*) from w) as "seen", (select count(*) from u) as "changed"`,
      ),
    );
    total += n(r?.changed);
    if (n(r?.seen) < limit) return total;
    last = n(r?.last);
  }
}

const NOTICE_HOLDS = sql.raw(
  "purged_at is null or name_enc is not null or address_enc is not null or dob_enc is not null or email_enc is not null or phone_enc is not null or external_id_enc is not null or code_enc is not null or search_hash is not null",
);

async function eraseIncident(ctx: AppContext, incident: Incident, limit: number): Promise<PurgeCounts> {
  const id = incident.id;
  const now = ctx.now().toISOString();
  const counts = zero();
  // Sessions first: once they are gone, nobody is looking at a notice while it is erased.
  counts.patientSessions = await untilNone(
    ctx,
    (l) => sql`delete from patient_sessions where token_hash in (
      select s.token_hash from patient_sessions s join notices n on n.id = s.notice_id
      where n.incident_id = ${id} limit ${l}) returning token_hash as id`,
    limit,
  );
  counts.emails = await untilNone(
    ctx,
    (l) => sql`update email_messages set to_enc = '',
        status = case when status in ('pending', 'sending') then 'failed' else status end,
        last_error = case when status in ('pending', 'sending') then 'purged' else last_error end,
        lease_until = null
      where id in (select m.id from email_messages m join notices n on n.id = m.notice_id
        where n.incident_id = ${id} and m.to_enc <> '' limit ${l}) returning id`,
    limit,
  );
  // Call notes are free text an agent typed: they may name the caller.
  counts.callNotes = await untilNone(
    ctx,
    (l) => sql`update calls set note = null where id in (select c.id from calls c join notices n on n.id = c.notice_id
        where n.incident_id = ${id} and c.note is not null limit ${l}) returning id`,
    limit,
  );
  counts.reprints = await untilNone(
    ctx,
    (l) => sql`update reprint_requests set code_enc = null where id in (select r.id from reprint_requests r join notices n on n.id = r.notice_id
        where n.incident_id = ${id} and r.code_enc is not null limit ${l}) returning id`,
    limit,
  );
  counts.enrollments = await byKeyset(
    ctx,
    "enrollments",
    id,
    sql`email_enc = null, guardian_name_enc = null`,
    sql`email_enc is not null or guardian_name_enc is not null`,
    limit,
  );
  counts.monitoringCodes = await byKeyset(ctx, "monitoring_codes", id, sql`code_enc = ''`, sql`code_enc <> ''`, limit);
  counts.notices = await byKeyset(
    ctx,
    "notices",
    id,
    sql`name_enc = null, address_enc = null, dob_enc = null, email_enc = null, phone_enc = null,
        external_id_enc = null, code_enc = null, search_hash = null,
        external_id_hash = sha256(convert_to('purged:' || id::text, 'UTF8')),
        purged_at = coalesce(purged_at, ${now}::timestamptz)`,
    NOTICE_HOLDS,
    limit,
  );
  return counts;
}

/** Mark the incident purged and write its one audit row, together; only when nothing is left. */
async function finishIncident(
  ctx: AppContext,
  actor: { actorType: "staff" | "cli" | "system"; actorId: string; actorRole: string },
  incident: Incident,
  counts: PurgeCounts,
): Promise<void> {
  const left = await countPersonal(ctx, incident.id);
  if (Object.values(left).some((v) => v > 0)) throw new Error(`purge of ${incident.slug} left personal data behind; run it again`);
  await ctx.db.transaction(async (tx) => {
    const marked = await tx
      .update(incidents)
      .set({ purgedAt: ctx.now() })
      .where(and(eq(incidents.id, incident.id), isNull(incidents.purgedAt)))
      .returning({ id: incidents.id });
    if (marked.length === 0) return; // another run finished it meanwhile
    const [totals] = await rowsOf<{ notices: unknown }>(tx, sql`select count(*) as "notices" from notices where incident_id = ${incident.id}`);
    await recordAuditEvent(tx, {
      at: ctx.now(),
      ...actor,
      action: "incident.purge",
      subjectType: "incident",
      subjectId: incident.id,
      outcome: "success",
      details: {
        slug: incident.slug,
        retainUntil: incident.retainUntil,
        notices: counts.notices,
        enrollments: counts.enrollments,
        emails: counts.emails,
        monitoringCodes: counts.monitoringCodes,
        patientSessions: counts.patientSessions,
        callNotes: counts.callNotes,
        reprints: counts.reprints,
        noticesPurgedInAll: n(totals?.notices),
      },
    });
  });
  forgetPublicIncident(ctx);
}
