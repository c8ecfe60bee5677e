// `npm run bench -- lookup [--notices 4452782] [--lookups 600]`: how fast an agent's lookup answers
// on a HealthEC-sized notices table. Fills a fresh PostgreSQL database set-based (random 32-byte
// hashes for every notice), then gives a sample of notices the real keyed hashes of invented people
// (search index and activation code), so the service's lookups hit the same indexes as in production.
// Measured in the same run: the bare indexed SELECT (postgres.js, no framework) for the same keys,
// and `lookupCaller` — limit counter, the SELECT, the call row and the audit row in one transaction.
import { parseArgs } from "node:util";
import { createAppContext } from "../../app/services/context.server";
import { testConfig } from "../../app/utils/env.server";
import { batchOf, BENCH_INCIDENT, fillIncident, freshBenchDatabase, orgOf } from "./fill";
import { lookupCaller } from "../../app/services/calls/lookup.server";
import type { LookupCriteria } from "../../app/services/calls/schemas";
import { generateActivationCode, hashActivationCode } from "../../app/services/notices/activation-code.server";
import { searchHashFor } from "../../app/services/notices/seal.server";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summarize(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1]! };
}

export async function run(argv: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({ args: argv, options: { notices: { type: "string", default: "4452782" }, lookups: { type: "string", default: "600" } } });
  const rows = Number(values.notices);
  const lookups = Number(values.lookups);
  const sample = Math.min(rows, Math.max(lookups, 1000));
  const { database, q, drop } = await freshBenchDatabase("ec_bench_lookup");
  const config = testConfig({ callLookupsPerHour: 1_000_000 });
  const ctx = createAppContext(database, config);
  const pg = database.postgres!;

  console.info(`filling ${rows.toLocaleString()} notices…`);
  let t = performance.now();
  await fillIncident(q);
  await pg.begin(async (tx) => {
    await tx.unsafe("select set_config('ec.bulk_import', 'on', true)");
    await tx.unsafe(`insert into notices (incident_id, organization_id, batch_id, reference_number, code_hash, external_id_hash, categories, state, search_hash)
      select '${BENCH_INCIDENT}', ${orgOf("g")},
        ${batchOf("g")},
        substr(lpad(g::text, 12, '0'), 1, 4) || '-' || substr(lpad(g::text, 12, '0'), 5, 4) || '-' || substr(lpad(g::text, 12, '0'), 9, 4),
        sha256(('c' || g)::bytea), sha256(('e' || g)::bytea), array['name','ssn'], 'MI', sha256(('s' || g)::bytea)
      from generate_series(1, ${rows}) g`);
  });
  console.info(`  filled in ${((performance.now() - t) / 1000).toFixed(1)} s; giving ${sample.toLocaleString()} of them real keyed hashes…`);

  // The sample: every (rows / sample)-th notice gets an invented person's search hash and a real code.
  type Key = { id: number; reference: string; code: string; lastName: string; dob: string; zip: string };
  const keys: Key[] = [];
  const step = Math.floor(rows / sample);
  for (let i = 0; i < sample; i++) {
    const g = 1 + i * step;
    const padded = String(g).padStart(12, "0");
    keys.push({
      id: g,
      reference: `${padded.slice(0, 4)}-${padded.slice(4, 8)}-${padded.slice(8)}`,
      code: generateActivationCode(),
      lastName: `Benchperson${i}`,
      dob: `19${String(30 + (i % 70)).padStart(2, "0")}-0${1 + (i % 9)}-1${i % 10}`,
      zip: String(48000 + (i % 999)).padStart(5, "0"),
    });
  }
  for (let i = 0; i < keys.length; i += 500) {
    const part = keys.slice(i, i + 500);
    await pg.begin(async (tx) => {
      for (const k of part) {
        await tx`update notices set search_hash = ${searchHashFor(config.codePepper, k.lastName, k.dob, k.zip)},
          code_hash = ${hashActivationCode(config.codePepper, k.code)} where reference_number = ${k.reference}`;
      }
    });
  }
  await q("analyze");
  t = performance.now();
  const [staff] = await pg`insert into staff_users (email, role, password_hash, totp_secret_enc, created_at, created_by, updated_at)
    values ('bench-agent@example.test', 'agent', 'x', 'x', now(), 'bench', now()) returning id`;
  const [session] = await pg`insert into staff_sessions (token_hash, user_id, stage, created_at, last_seen_at)
    values ('bench', ${staff!.id}, 'active', now(), now()) returning id`;
  const actor = { id: staff!.id as string, email: "bench-agent@example.test", role: "agent" as const, sessionId: session!.id as string };

  const criteriaFor = (k: Key, i: number): LookupCriteria =>
    i % 3 === 0
      ? { by: "reference", referenceNumber: k.reference }
      : i % 3 === 1
        ? { by: "code", activationCode: k.code }
        : { by: "search", lastName: k.lastName, dateOfBirth: k.dob, zip: k.zip };

  // Warm both paths, then alternate them so the machine's noise falls on both alike.
  const bare = async (k: Key, i: number) => {
    const c = criteriaFor(k, i);
    const where =
      c.by === "reference"
        ? pg`reference_number = ${c.referenceNumber}`
        : c.by === "code"
          ? pg`code_hash = ${hashActivationCode(config.codePepper, k.code)}`
          : pg`search_hash = ${searchHashFor(config.codePepper, c.lastName, c.dateOfBirth, c.zip)}`;
    const found = await pg`select id from notices where ${where} limit 2`;
    if (found.length !== 1) throw new Error(`bare lookup found ${found.length}`);
  };
  const ours = async (k: Key, i: number) => {
    const r = await lookupCaller(
      ctx,
      actor,
      { ip: "127.0.0.1", requestId: `bench-${i}` },
      { callReference: `BENCH-${i}`, reason: "bench", criteria: criteriaFor(k, i) },
    );
    if (r.kind !== "found") throw new Error(`lookup answered ${r.kind}`);
  };
  for (let i = 0; i < 30; i++) {
    await bare(keys[i]!, i);
    await ours(keys[i]!, i);
  }
  const bareMs: number[] = [];
  const oursMs: number[] = [];
  for (let i = 0; i < lookups; i++) {
    const k = keys[(i * 7919) % keys.length]!;
    let s = performance.now();
    await bare(k, i);
    bareMs.push(performance.now() - s);
    s = performance.now();
    await ours(k, i);
    oursMs.push(performance.now() - s);
  }
  const b = summarize(bareMs);
  const o = summarize(oursMs);
  const [{ n }] = (await pg`select count(*)::int as n from notices`) as unknown as [{ n: number }];
  console.info(`notices: ${n.toLocaleString()}; ${lookups} lookups each way (a third by reference, code, name+DOB+ZIP)`);
  console.info(`  bare indexed SELECT  p50 ${b.p50.toFixed(2)} ms  p95 ${b.p95.toFixed(2)} ms  p99 ${b.p99.toFixed(2)} ms`);
  console.info(
    `  lookupCaller         p50 ${o.p50.toFixed(2)} ms  p95 ${o.p95.toFixed(2)} ms  p99 ${o.p99.toFixed(2)} ms  (limit count + SELECT + call row + audit row, one commit)`,
  );
  console.info(`  timed part took ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await drop();
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    notices: n,
    lookups,
    baseline_select_p50_ms: r2(b.p50),
    baseline_select_p99_ms: r2(b.p99),
    lookup_p50_ms: r2(o.p50),
    lookup_p95_ms: r2(o.p95),
    lookup_p99_ms: r2(o.p99),
    ratio_p50: r2(o.p50 / b.p50),
  };
}
