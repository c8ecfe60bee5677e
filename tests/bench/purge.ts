// `npm run bench -- purge [--notices 4452782]`: how long the retention purge takes on a
// HealthEC-sized incident. Fills a fresh PostgreSQL database set-based: notices with every personal
// column holding a value of realistic size, and an enrollment with an email for one in ten. The
// baseline, measured in the same run on the same rows: one bare UPDATE that nulls the same columns
// (rolled back, then vacuumed away). Then `purgeExpiredIncidents --apply`, in its batches of
// PURGE_BATCH_ROWS rows, each its own transaction, so it can be interrupted and run again.
import { parseArgs } from "node:util";
import { createAppContext } from "../../app/services/context.server";
import { testConfig } from "../../app/utils/env.server";
import { batchOf, BENCH_INCIDENT, fillIncident, freshBenchDatabase, orgOf } from "./fill";
import { countPersonal, purgeExpiredIncidents } from "../../app/services/incidents/purge.server";

export async function run(argv: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({ args: argv, options: { notices: { type: "string", default: "4452782" } } });
  const rows = Number(values.notices);
  if (!Number.isInteger(rows) || rows < 1) throw new Error("--notices takes a positive integer");
  const { database, q, drop } = await freshBenchDatabase("ec_bench_purge");
  const ctx = createAppContext(database, testConfig());
  const pg = database.postgres!;

  console.info(`filling ${rows.toLocaleString("en-US")} notices with personal columns…`);
  let t = performance.now();
  await fillIncident(q, { retainUntil: "2024-12-22" });
  // Sealed values are "<kid>.<base64url>" strings: ~70–150 characters each, as the import writes them.
  await pg.begin(async (tx) => {
    await tx.unsafe("select set_config('ec.bulk_import', 'on', true)");
    await tx.unsafe(`insert into notices (incident_id, organization_id, batch_id, reference_number, code_hash, code_enc, external_id_hash, external_id_enc,
        categories, state, name_enc, address_enc, dob_enc, email_enc, phone_enc, search_hash)
      select '${BENCH_INCIDENT}', ${orgOf("g")},
        ${batchOf("g")},
        substr(lpad(g::text, 12, '0'), 1, 4) || '-' || substr(lpad(g::text, 12, '0'), 5, 4) || '-' || substr(lpad(g::text, 12, '0'), 9, 4),
        sha256(('c' || g)::bytea), 'k1.' || md5('c' || g) || md5('d' || g), sha256(('e' || g)::bytea), 'k1.' || md5('e' || g) || md5('f' || g),
        array['name','ssn'], 'MI', 'k1.' || repeat(md5('n' || g), 3), 'k1.' || repeat(md5('a' || g), 4), 'k1.' || md5('b' || g),
        case when g % 3 = 0 then 'k1.' || repeat(md5('m' || g), 2) end, case when g % 4 = 0 then 'k1.' || md5('p' || g) || md5('q' || g) end,
        sha256(('s' || g)::bytea)
      from generate_series(1, ${rows}) g`);
  });
  await q(`insert into enrollments (incident_id, notice_id, organization_id, product, status, channel, requested_at, email_enc)
    select '${BENCH_INCIDENT}', id, organization_id, 'adult', 'waiting', 'web', now(), 'k1.' || repeat(md5('m' || id), 2) from notices where id % 10 = 0`);
  await q("vacuum analyze notices");
  await q("vacuum analyze enrollments");
  const fillS = (performance.now() - t) / 1000;
  console.info(`  filled in ${fillS.toFixed(1)} s`);

  console.info("baseline: one bare UPDATE nulling the same notice columns (rolled back)…");
  t = performance.now();
  await pg
    .begin(async (tx) => {
      await tx.unsafe(`update notices set name_enc = null, address_enc = null, dob_enc = null, email_enc = null, phone_enc = null,
      external_id_enc = null, code_enc = null, search_hash = null, external_id_hash = sha256(convert_to('purged:' || id::text, 'UTF8')),
      purged_at = now() where incident_id = '${BENCH_INCIDENT}'`);
      throw Object.assign(new Error("rollback"), { rollback: true });
    })
    .catch((error: unknown) => {
      if (!(error as { rollback?: boolean }).rollback) throw error;
    });
  const baselineS = (performance.now() - t) / 1000;
  await q("vacuum notices");
  console.info(`  ${baselineS.toFixed(1)} s`);

  console.info("purge --apply…");
  t = performance.now();
  const result = await purgeExpiredIncidents(ctx, { actorType: "system", actorId: "bench", actorRole: "system" }, { apply: true });
  const purgeS = (performance.now() - t) / 1000;
  const left = await countPersonal(ctx, BENCH_INCIDENT);
  const counts = result.incidents[0]?.counts;
  const ratio = Number((baselineS / purgeS).toFixed(3));
  console.info(
    `purge: ${purgeS.toFixed(1)} s for ${rows.toLocaleString("en-US")} notices (${Math.round(rows / purgeS).toLocaleString("en-US")} a second); ` +
      `bare UPDATE ${baselineS.toFixed(1)} s; ratio ${ratio} (bare / ours); left afterwards: ${JSON.stringify(left)}`,
  );
  await drop();
  return { notices: rows, fill_s: Number(fillS.toFixed(1)), baseline_s: Number(baselineS.toFixed(1)), purge_s: Number(purgeS.toFixed(1)), ratio, counts, left };
}
