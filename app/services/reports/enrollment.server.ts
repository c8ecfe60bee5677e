import { sql } from "drizzle-orm";
import type { AppContext } from "../context.server";

/**
 * Enrollment figures for the reports (issue 5). Aggregates only: no notice ids, no personal data.
 * Counts are of enrollments that hold a code (`enrolled`); people waiting for a code are counted
 * separately. Days are UTC calendar days. The report pages (and `report states`) wire these in.
 */
export type EnrollmentFilter = { incidentId: string };

export type DayCount = { day: string; enrolled: number };
export type ProductCount = { product: "adult" | "minor"; enrolled: number; waiting: number };
export type OrganizationCount = { organizationId: string; organization: string; notified: number; enrolled: number; rate: number };
export type StateCount = { state: string; notified: number; checked: number; enrolled: number; rate: number };
export type EnrollmentRate = {
  notified: number;
  checked: number;
  enrolled: number;
  waiting: number;
  /** enrolled / notified (0 when nobody was notified). */
  rate: number;
  /** enrolled / checked: how many of those who looked took the offer. */
  rateOfChecked: number;
};

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

export async function enrollmentsPerDay(ctx: AppContext, f: EnrollmentFilter): Promise<DayCount[]> {
  const rows = await ctx.database.rows<{ day: string; enrolled: number }>(sql`
    select to_char(enrolled_at at time zone 'UTC', 'YYYY-MM-DD') as day, count(*)::int as enrolled
    from enrollments
    where incident_id = ${f.incidentId} and status = 'enrolled'
    group by 1 order by 1`);
  return rows.map((r) => ({ day: r.day, enrolled: Number(r.enrolled) }));
}

export async function enrollmentsPerProduct(ctx: AppContext, f: EnrollmentFilter): Promise<ProductCount[]> {
  const rows = await ctx.database.rows<{ product: "adult" | "minor"; enrolled: number; waiting: number }>(sql`
    select product,
      count(*) filter (where status = 'enrolled')::int as enrolled,
      count(*) filter (where status = 'waiting')::int as waiting
    from enrollments where incident_id = ${f.incidentId}
    group by product order by product`);
  return (["adult", "minor"] as const).map((product) => {
    const r = rows.find((x) => x.product === product);
    return { product, enrolled: Number(r?.enrolled ?? 0), waiting: Number(r?.waiting ?? 0) };
  });
}

/*
 * Notified and checked figures come from the counter tables the batch import and the notice
 * triggers keep (notice_stats, notice_check_days), never from a scan of `notices`: at HealthEC
 * scale (4.45 M rows) a scan takes seconds, the counters a few milliseconds. Enrollments are few
 * by comparison and are counted directly.
 */
const MAILED_STATS = sql`notice_stats s join batches b on b.id = s.batch_id and b.status = 'mailed'`;

export async function enrollmentsPerOrganization(ctx: AppContext, f: EnrollmentFilter): Promise<OrganizationCount[]> {
  const rows = await ctx.database.rows<{ organization_id: string; name: string; notified: number; enrolled: number }>(sql`
    select o.id as organization_id, o.name,
      coalesce((select sum(s.notified) from ${MAILED_STATS} where s.organization_id = o.id), 0)::int as notified,
      (select count(*) from enrollments e where e.organization_id = o.id and e.status = 'enrolled')::int as enrolled
    from organizations o where o.incident_id = ${f.incidentId}
    order by o.name`);
  return rows.map((r) => ({
    organizationId: r.organization_id,
    organization: r.name,
    notified: Number(r.notified),
    enrolled: Number(r.enrolled),
    rate: ratio(Number(r.enrolled), Number(r.notified)),
  }));
}

export async function enrollmentsPerState(ctx: AppContext, f: EnrollmentFilter): Promise<StateCount[]> {
  const rows = await ctx.database.rows<{ state: string; notified: number; checked: number; enrolled: number }>(sql`
    with notified as (
      select s.state, sum(s.notified)::int as n from ${MAILED_STATS} where s.incident_id = ${f.incidentId} group by s.state
    ), checked as (
      select state, sum(first_checks)::int as n from notice_check_days where incident_id = ${f.incidentId} group by state
    ), enrolled as (
      select n.state, count(*)::int as n from enrollments e join notices n on n.id = e.notice_id
      where e.incident_id = ${f.incidentId} and e.status = 'enrolled' group by n.state
    )
    select notified.state, notified.n as notified, coalesce(checked.n, 0) as checked, coalesce(enrolled.n, 0) as enrolled
    from notified left join checked using (state) left join enrolled using (state)
    order by notified.state`);
  return rows.map((r) => ({
    state: r.state,
    notified: Number(r.notified),
    checked: Number(r.checked),
    enrolled: Number(r.enrolled),
    rate: ratio(Number(r.enrolled), Number(r.notified)),
  }));
}

export async function enrollmentRate(ctx: AppContext, f: EnrollmentFilter): Promise<EnrollmentRate> {
  const [r] = await ctx.database.rows<{ notified: number; checked: number; enrolled: number; waiting: number }>(sql`
    select
      coalesce((select sum(s.notified) from ${MAILED_STATS} where s.incident_id = ${f.incidentId}), 0)::int as notified,
      coalesce((select sum(first_checks) from notice_check_days where incident_id = ${f.incidentId}), 0)::int as checked,
      (select count(*) from enrollments where incident_id = ${f.incidentId} and status = 'enrolled')::int as enrolled,
      (select count(*) from enrollments where incident_id = ${f.incidentId} and status = 'waiting')::int as waiting`);
  const notified = Number(r?.notified ?? 0);
  const checked = Number(r?.checked ?? 0);
  const enrolled = Number(r?.enrolled ?? 0);
  return { notified, checked, enrolled, waiting: Number(r?.waiting ?? 0), rate: ratio(enrolled, notified), rateOfChecked: ratio(enrolled, checked) };
}
