// `npm run bench -- reports [--rows 4452782]`: how fast the admin reports answer at HealthEC scale.
// Fills a fresh PostgreSQL database with N synthetic notices (set-based SQL, no crypto: only the
// columns reports read are realistic), 10% of them checked and 3% enrolled, then times each report
// service. Baseline, in the same run: one plain `count(*)` over notices.
import { parseArgs } from "node:util";
import { createAppContext } from "../../app/services/context.server";
import { testConfig } from "../../app/utils/env.server";
import { batchOf, BENCH_INCIDENT, fillIncident, freshBenchDatabase, orgOf } from "./fill";
import { getIncidentReport, getHhsFigures } from "../../app/services/reports/reports.server";
import {
  enrollmentRate,
  enrollmentsPerDay,
  enrollmentsPerOrganization,
  enrollmentsPerProduct,
  enrollmentsPerState,
} from "../../app/services/reports/enrollment.server";

async function median(fn: () => Promise<unknown>, runs = 3): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

export async function run(argv: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({ args: argv, options: { rows: { type: "string", default: "4452782" } } });
  const rows = Number(values.rows);
  const { database, q, drop } = await freshBenchDatabase("ec_bench_reports");
  const ctx = createAppContext(database, testConfig());
  console.info(`filling ${rows.toLocaleString()} notices…`);
  let t = performance.now();
  await fillIncident(q);
  const states = "array['MI','AZ','NV','TN','NY','GA','FL','IL','VA','OK','TX','CA','OH','PR','NJ','PA']";
  // As the batch import does: row triggers off for this transaction, counters filled set-based.
  await database.postgres!.begin(async (tx) => {
    await tx.unsafe("select set_config('ec.bulk_import', 'on', true)");
    await tx.unsafe(`insert into notices (incident_id, organization_id, batch_id, reference_number, code_hash, external_id_hash, categories, state,
      is_minor, is_deceased, first_checked_at, last_checked_at, returned_mail_at)
    select '${BENCH_INCIDENT}', ${orgOf("g")},
      ${batchOf("g")}, lpad(g::text, 12, '0'),
      decode(md5('c' || g), 'hex'), decode(md5('e' || g), 'hex'), array['name','address','date_of_birth'], (${states})[1 + g % 16],
      g % 9 = 0, g % 50 = 0,
      case when g % 10 = 0 then timestamptz '2023-12-26' + (g % 60) * interval '1 day' end,
      case when g % 10 = 0 then timestamptz '2023-12-26' + (g % 60) * interval '1 day' end,
      case when g % 400 = 0 then now() end
    from generate_series(1, ${rows}) g`);
    await tx.unsafe(`insert into notice_stats (batch_id, organization_id, incident_id, state, notified, minors, deceased, returned_mail)
      select batch_id, organization_id, incident_id, state, count(*), count(*) filter (where is_minor), count(*) filter (where is_deceased),
        count(*) filter (where returned_mail_at is not null) from notices group by 1, 2, 3, 4`);
    await tx.unsafe(`insert into notice_category_stats (batch_id, incident_id, category, notified)
      select batch_id, incident_id, c, count(*) from notices, unnest(categories) c group by 1, 2, 3`);
    await tx.unsafe(`insert into notice_check_days (day, incident_id, organization_id, state, shard, first_checks, checks)
      select first_checked_at::date, incident_id, organization_id, state, 0, count(*), count(*) from notices
      where first_checked_at is not null group by 1, 2, 3, 4`);
  });
  const enrollCols = await q(`select column_name from information_schema.columns where table_name = 'enrollments' order by ordinal_position`);
  console.info(
    `  notices filled in ${((performance.now() - t) / 1000).toFixed(1)} s; enrollments columns: ${enrollCols.map((c) => (c as { column_name: string }).column_name).join(", ")}`,
  );
  await q("analyze");

  const incidentId = "00000000-0000-0000-0000-000000000001";
  const actor = { actorType: "cli" as const, actorId: "bench", actorRole: "admin" };
  const f = { incidentId };
  t = performance.now();
  const baselineMs = await median(() => q("select count(*) from notices"));
  const timings: Record<string, number> = {
    incident_report_ms: await median(() => getIncidentReport(ctx, actor, null, incidentId)),
    hhs_ms: await median(() => getHhsFigures(ctx, actor, null, incidentId)),
    enrollment_rate_ms: await median(() => enrollmentRate(ctx, f)),
    enrollments_per_day_ms: await median(() => enrollmentsPerDay(ctx, f)),
    enrollments_per_product_ms: await median(() => enrollmentsPerProduct(ctx, f)),
    enrollments_per_org_ms: await median(() => enrollmentsPerOrganization(ctx, f)),
    enrollments_per_state_ms: await median(() => enrollmentsPerState(ctx, f)),
  };
  for (const [k, v] of Object.entries(timings)) console.info(`  ${k.padEnd(28)} ${v.toFixed(0).padStart(6)} ms  (${(v / baselineMs).toFixed(2)}× a count(*))`);
  await drop();
  return { rows, baseline_count_ms: Math.round(baselineMs), ...Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])) };
}
