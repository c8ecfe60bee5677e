import { sql, eq } from "drizzle-orm";
import { incidents, type Incident } from "../../../db/schema/index";
import { recordAuditEvent } from "../audit/record.server";
import type { Actor } from "../actor";
import type { AppContext, RequestMeta } from "../context.server";
import { CATEGORY_KEYS } from "~/content/categories";
import { csvCell } from "~/utils/csv";

/**
 * Reports for admins, read from the counters kept at import and by triggers
 * (db/schema/batches-extra.ts): a few hundred rows whatever the number of notices. Only
 * `locked` reads `notices`, through the partial index on `locked_until` (few rows are locked).
 * Counts are of batches whose letters are out or awaiting mailing (not failed or rejected ones).
 */
export type ReportRow = {
  key: string;
  label: string;
  notified: number;
  minors: number;
  deceased: number;
  checked: number;
  locked: number;
  returnedMail: number;
  enrolled: number;
};

/** HIPAA substitute notice: 10 or more people who could not be reached (45 CFR 164.404(d)(2)). */
export const SUBSTITUTE_NOTICE_THRESHOLD = 10;

const LIVE_BATCHES = sql.raw(`('awaiting_mailing', 'mailed')`);

async function groupRows(ctx: AppContext, incidentId: string, by: "state" | "organization"): Promise<ReportRow[]> {
  const now = ctx.now().toISOString();
  const keyStats = by === "state" ? sql`s.state` : sql`s.organization_id::text`;
  const keyPlain = by === "state" ? sql`state` : sql`organization_id::text`;
  const stats = await ctx.database.rows<{ key: string; notified: number; minors: number; deceased: number; returned: number }>(sql`
    select ${keyStats} as key, sum(s.notified)::int as notified, sum(s.minors)::int as minors,
           sum(s.deceased)::int as deceased, sum(s.returned_mail)::int as returned
    from notice_stats s join batches b on b.id = s.batch_id
    where s.incident_id = ${incidentId} and b.status in ${LIVE_BATCHES}
    group by 1`);
  const checks = await ctx.database.rows<{ key: string; checked: number }>(sql`
    select ${keyPlain} as key, sum(first_checks)::int as checked from notice_check_days
    where incident_id = ${incidentId} group by 1`);
  const locked = await ctx.database.rows<{ key: string; locked: number }>(sql`
    select ${keyPlain} as key, count(*)::int as locked from notices
    where locked_until is not null and locked_until > ${now}::timestamptz and incident_id = ${incidentId} group by 1`);
  const enrolled = await countEnrolled(ctx, incidentId, by);
  const labels =
    by === "organization"
      ? new Map(
          (await ctx.database.rows<{ id: string; name: string }>(sql`select id::text as id, name from organizations where incident_id = ${incidentId}`)).map(
            (o) => [o.id, o.name],
          ),
        )
      : null;
  const rows = new Map<string, ReportRow>();
  const row = (key: string) => {
    let r = rows.get(key);
    if (!r) {
      r = { key, label: labels?.get(key) ?? key, notified: 0, minors: 0, deceased: 0, checked: 0, locked: 0, returnedMail: 0, enrolled: 0 };
      rows.set(key, r);
    }
    return r;
  };
  if (labels) for (const k of labels.keys()) row(k);
  for (const s of stats) Object.assign(row(s.key), { notified: s.notified, minors: s.minors, deceased: s.deceased, returnedMail: s.returned });
  for (const c of checks) row(c.key).checked = c.checked;
  for (const l of locked) row(l.key).locked = l.locked;
  for (const [k, n] of enrolled) row(k).enrolled = n;
  return [...rows.values()].sort((a, b) => b.notified - a.notified || a.label.localeCompare(b.label));
}

/** Enrollments (issue 5's table) per state or organization; absent table → none. */
async function countEnrolled(ctx: AppContext, incidentId: string, by: "state" | "organization"): Promise<Map<string, number>> {
  try {
    const rows =
      by === "organization"
        ? await ctx.database.rows<{ key: string; n: number }>(sql`
            select organization_id::text as key, count(*)::int as n from enrollments
            where incident_id = ${incidentId} and enrolled_at is not null group by 1`)
        : await ctx.database.rows<{ key: string; n: number }>(sql`
            select n.state as key, count(*)::int as n from enrollments e join notices n on n.id = e.notice_id
            where e.incident_id = ${incidentId} and e.enrolled_at is not null group by 1`);
    return new Map(rows.map((r) => [r.key, r.n]));
  } catch {
    return new Map();
  }
}

export type ChecksPerDay = { day: string; checks: number; firstChecks: number }[];

export async function checksPerDay(ctx: AppContext, incidentId: string): Promise<ChecksPerDay> {
  const rows = await ctx.database.rows<{ day: string; checks: number; first: number }>(sql`
    select to_char(day, 'YYYY-MM-DD') as day, sum(checks)::int as checks, sum(first_checks)::int as first
    from notice_check_days where incident_id = ${incidentId} group by day order by day`);
  return rows.map((r) => ({ day: r.day, checks: r.checks, firstChecks: r.first }));
}

function totals(rows: ReportRow[]): ReportRow {
  const t: ReportRow = { key: "total", label: "Total", notified: 0, minors: 0, deceased: 0, checked: 0, locked: 0, returnedMail: 0, enrolled: 0 };
  for (const r of rows) {
    t.notified += r.notified;
    t.minors += r.minors;
    t.deceased += r.deceased;
    t.checked += r.checked;
    t.locked += r.locked;
    t.returnedMail += r.returnedMail;
    t.enrolled += r.enrolled;
  }
  return t;
}

export type IncidentReport = {
  incidentId: string;
  incidentName: string;
  byOrganization: ReportRow[];
  byState: ReportRow[];
  total: ReportRow;
  checksPerDay: ChecksPerDay;
  substituteNoticeRequired: boolean;
};

async function loadIncident(ctx: AppContext, incidentId: string): Promise<Incident> {
  const [incident] = await ctx.db.select().from(incidents).where(eq(incidents.id, incidentId));
  if (!incident) throw new Error("no such incident");
  return incident;
}

/**
 * The admin report page: per organization and per state, and checks per day. Aggregates only (no
 * personal data); the view is still audited (`report.view`) in the same transaction as its reads.
 */
/** Every view or download of a report is audited (aggregates only: no notice is named). */
export async function auditReport(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta | null,
  incidentId: string,
  action: "report.view" | "report.download",
  details: Record<string, string>,
): Promise<void> {
  await ctx.db.transaction((tx) =>
    recordAuditEvent(tx, {
      at: ctx.now(),
      ...actor,
      action,
      subjectType: "incident",
      subjectId: incidentId,
      ip: meta?.ip ?? null,
      requestId: meta?.requestId ?? null,
      outcome: "success",
      details,
    }),
  );
}

export async function getIncidentReport(ctx: AppContext, actor: Actor, meta: RequestMeta | null, incidentId: string): Promise<IncidentReport> {
  const incident = await loadIncident(ctx, incidentId);
  const [byOrganization, byState, days] = [
    await groupRows(ctx, incidentId, "organization"),
    await groupRows(ctx, incidentId, "state"),
    await checksPerDay(ctx, incidentId),
  ];
  const total = totals(byState);
  await auditReport(ctx, actor, meta, incidentId, "report.view", { report: "incident" });
  return {
    incidentId,
    incidentName: incident.name,
    byOrganization,
    byState,
    total,
    checksPerDay: days,
    substituteNoticeRequired: total.returnedMail >= SUBSTITUTE_NOTICE_THRESHOLD,
  };
}

export async function reportByState(ctx: AppContext, incidentId: string): Promise<ReportRow[]> {
  return groupRows(ctx, incidentId, "state");
}

export async function reportByOrganization(ctx: AppContext, incidentId: string): Promise<ReportRow[]> {
  return groupRows(ctx, incidentId, "organization");
}

const CSV_COLUMNS: [keyof ReportRow, string][] = [
  ["label", "name"],
  ["notified", "notified"],
  ["minors", "minors"],
  ["deceased", "deceased"],
  ["checked", "checked"],
  ["locked", "locked"],
  ["returnedMail", "returned_mail"],
  ["enrolled", "enrolled"],
];

export function reportToCsv(rows: ReportRow[], keyHeader: string): string {
  const head = [keyHeader, ...CSV_COLUMNS.slice(1).map(([, h]) => h)].join(",");
  const body = [...rows, totals(rows)].map((r) => CSV_COLUMNS.map(([k]) => csvCell(String(r[k]))).join(","));
  return `${[head, ...body].join("\r\n")}\r\n`;
}

/** The report as a CSV download (audited as `report.download`). */
export async function downloadReport(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta | null,
  input: { incidentId: string; by: "state" | "organization" | "day" },
): Promise<{ fileName: string; csv: string }> {
  let csv: string;
  if (input.by === "day") {
    const days = await checksPerDay(ctx, input.incidentId);
    csv = `day,checks,first_checks\r\n${days.map((d) => `${d.day},${d.checks},${d.firstChecks}`).join("\r\n")}\r\n`;
  } else {
    csv = reportToCsv(await groupRows(ctx, input.incidentId, input.by), input.by);
  }
  await auditReport(ctx, actor, meta, input.incidentId, "report.download", { by: input.by });
  return { fileName: `report-by-${input.by}.csv`, csv };
}

export type HhsFigures = {
  incidentName: string;
  breachedEntity: string;
  individualsAffected: number;
  minors: number;
  deceased: number;
  statesAffected: number;
  byState: { state: string; notified: number }[];
  breachStart: string;
  breachEnd: string;
  discoveredOn: string;
  reviewEndedOn: string;
  noticeDate: string;
  firstMailedOn: string | null;
  lastMailedOn: string | null;
  typeOfBreach: string;
  locationOfBreach: string;
  informationTypes: { category: string; notified: number }[];
  returnedMail: number;
  substituteNoticeRequired: boolean;
  mediaNoticeStates: string[];
  organizations: { name: string; notified: number }[];
};

/**
 * The figures the HHS breach portal asks for, on one page: individuals affected, dates, type and
 * location of the breach, the types of information involved, and the notices given (individual
 * letters, substitute notice when 10+ letters came back, media notice for a state with 500+).
 */
export async function getHhsFigures(ctx: AppContext, actor: Actor, meta: RequestMeta | null, incidentId: string): Promise<HhsFigures> {
  const incident = await loadIncident(ctx, incidentId);
  const byStateRows = await groupRows(ctx, incidentId, "state");
  const byOrg = await groupRows(ctx, incidentId, "organization");
  const cats = await ctx.database.rows<{ category: string; notified: number }>(sql`
    select c.category, sum(c.notified)::int as notified from notice_category_stats c join batches b on b.id = c.batch_id
    where c.incident_id = ${incidentId} and b.status in ${LIVE_BATCHES} group by 1`);
  const [mailed] = await ctx.database.rows<{ first: string | null; last: string | null }>(sql`
    select to_char(min(mailed_on), 'YYYY-MM-DD') as first, to_char(max(mailed_on), 'YYYY-MM-DD') as last
    from batches where incident_id = ${incidentId} and status = 'mailed'`);
  const order = new Map<string, number>(CATEGORY_KEYS.map((k, i) => [k, i]));
  const total = totals(byStateRows);
  await auditReport(ctx, actor, meta, incidentId, "report.view", { report: "hhs" });
  return {
    incidentName: incident.name,
    breachedEntity: incident.breachedEntity,
    individualsAffected: total.notified,
    minors: total.minors,
    deceased: total.deceased,
    statesAffected: byStateRows.filter((r) => r.notified > 0).length,
    byState: byStateRows.filter((r) => r.notified > 0).map((r) => ({ state: r.key, notified: r.notified })),
    breachStart: incident.intrusionStart,
    breachEnd: incident.intrusionEnd,
    discoveredOn: incident.discoveredOn,
    reviewEndedOn: incident.reviewEndedOn,
    noticeDate: incident.noticeDate,
    firstMailedOn: mailed?.first ?? null,
    lastMailedOn: mailed?.last ?? null,
    typeOfBreach: "Hacking/IT incident",
    locationOfBreach: "Network server",
    informationTypes: cats
      .filter((c) => c.notified > 0)
      .sort((a, b) => (order.get(a.category) ?? 99) - (order.get(b.category) ?? 99))
      .map((c) => ({ category: c.category, notified: c.notified })),
    returnedMail: total.returnedMail,
    substituteNoticeRequired: total.returnedMail >= SUBSTITUTE_NOTICE_THRESHOLD,
    mediaNoticeStates: byStateRows.filter((r) => r.notified > 500).map((r) => r.key),
    organizations: byOrg.filter((o) => o.notified > 0).map((o) => ({ name: o.label, notified: o.notified })),
  };
}
