// The set-up the database benchmarks share: a fresh PostgreSQL database of their own (never the
// `test` database; BENCH_DATABASE_URL names the server) and one HealthEC-shaped incident with its
// 17 organizations and one mailed batch each, so notices can be filled set-based around them.
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { migrateDatabase, openDatabase, type Database } from "../../db/client";

export const BENCH_INCIDENT = "00000000-0000-0000-0000-000000000001";
/** SQL for the organization (and batch) of notice number `g`: the 17 are taken in turn. */
export const orgOf = (g: string) => `('00000000-0000-0000-0001-' || lpad((1 + ${g} % 17)::text, 12, '0'))::uuid`;
export const batchOf = (g: string) => `('00000000-0000-0000-0002-' || lpad((1 + ${g} % 17)::text, 12, '0'))::uuid`;
/** SQL for a 12-digit reference number "0000-0000-0001" from `g`. */
export const referenceOf = (g: string) =>
  `substr(lpad(${g}::text, 12, '0'), 1, 4) || '-' || substr(lpad(${g}::text, 12, '0'), 5, 4) || '-' || substr(lpad(${g}::text, 12, '0'), 9, 4)`;

export type BenchDatabase = { database: Database; q: (text: string) => Promise<unknown[]>; drop(): Promise<void> };

/** A fresh, empty database `name` on the bench server: its URL, and how to drop it afterwards. */
export async function createBenchDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** A fresh, migrated database `name` on the bench server, opened. */
export async function freshBenchDatabase(name: string): Promise<BenchDatabase> {
  const created = await createBenchDatabase(name);
  const database = await openDatabase({ url: created.url });
  await migrateDatabase(database);
  return {
    database,
    q: (text: string) => database.rows(sql.raw(text)),
    async drop() {
      await database.close();
      await created.drop();
    },
  };
}

/** The incident (retained until `retainUntil`), its 17 organizations and their mailed batches. */
export async function fillIncident(q: BenchDatabase["q"], { retainUntil = "2026-12-22" } = {}): Promise<void> {
  await q(`insert into incidents (id, slug, name, breached_entity, intrusion_start, intrusion_end, discovered_on, review_ended_on, notice_date,
      what_happened, what_we_are_doing, not_involved, toll_free_phone, phone_hours, enroll_by, partner_name, partner_url, partner_phone, retain_until)
    values ('${BENCH_INCIDENT}', 'bench', 'Bench', 'Bench LLC', '2023-07-14', '2023-07-23', '2023-07-24', '2023-10-24', '2023-12-22',
      '{"en":"x","es":"x"}', '{"en":"x","es":"x"}', '{"en":[],"es":[]}', '1-855-555-0100', '{"en":"x","es":"x"}', '2024-03-22', 'TU', 'https://x', '1', '${retainUntil}')`);
  await q(`insert into organizations (id, incident_id, slug, name)
    select ('00000000-0000-0000-0001-' || lpad(g::text, 12, '0'))::uuid, '${BENCH_INCIDENT}', 'org-' || g, 'Organization ' || g from generate_series(1, 17) g`);
  await q(`insert into batches (id, incident_id, organization_id, file_name, file_sha256, status, mailing_date, mailed_on)
    select ('00000000-0000-0000-0002-' || lpad(g::text, 12, '0'))::uuid, '${BENCH_INCIDENT}',
      ('00000000-0000-0000-0001-' || lpad(g::text, 12, '0'))::uuid, 'b.csv', md5(g::text), 'mailed', '2023-12-22', '2023-12-22' from generate_series(1, 17) g`);
}
