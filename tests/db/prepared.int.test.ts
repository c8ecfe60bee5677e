// `Database.prepared` (decisions 105, 109): the hot path's fixed statements run prepared on
// PostgreSQL and answer exactly as `rows` does on both drivers; they are planned once per
// connection, with sequential scans priced out, so a plan made while a table was empty still uses
// its index when the table is full.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { openTestDatabase, TEST_DB_KIND } from "../support/db";

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(async () => {
  await drop?.();
});

describe(`prepared statements (${TEST_DB_KIND})`, () => {
  it("answer as an unprepared statement does, run after run, with bytes, text, numbers and nulls", async () => {
    await database.rows(sql`create table prep_probe (k text primary key, n int, b bytea)`);
    for (let i = 0; i < 12; i++) {
      const query = sql`with t as (insert into prep_probe (k, n, b) values (${`k${i}`}, ${i}, ${Buffer.from([i, 255])}) returning k, n, b)
        select k, n, b, ${null}::text as nothing from t`;
      const [row] = await database.prepared<{ k: string; n: number; b: Uint8Array; nothing: null }>(query);
      expect(row).toMatchObject({ k: `k${i}`, n: i, nothing: null });
      expect([...row!.b]).toEqual([i, 255]);
    }
    const [count] = await database.rows<{ c: number }>(sql`select count(*)::int as c from prep_probe`);
    expect(count!.c).toBe(12);
  });

  it.runIf(TEST_DB_KIND === "postgres")("run on connections that plan once and price sequential scans out (every pooled hot connection)", async () => {
    const settings = await Promise.all(
      Array.from({ length: 4 }, () =>
        database.prepared<{ mode: string; seq: string; jit: string; app: string }>(
          sql`select current_setting('plan_cache_mode') as mode, current_setting('enable_seqscan') as seq, current_setting('application_name') as app, current_setting('jit') as jit, ${1}::int as one`,
        ),
      ),
    );
    expect(settings.map(([s]) => ({ mode: s!.mode, seq: s!.seq, jit: s!.jit, app: s!.app }))).toEqual(
      Array(4).fill({ mode: "force_generic_plan", seq: "off", jit: "off", app: "exposure-check-hot" }),
    );
    // The rest of the app keeps the planner's defaults (reports scan millions of rows).
    const [main] = await database.rows<{ mode: string; seq: string }>(
      sql`select current_setting('plan_cache_mode') as mode, current_setting('enable_seqscan') as seq`,
    );
    expect(main).toEqual({ mode: "auto", seq: "on" });
  });

  it.runIf(TEST_DB_KIND === "postgres")(
    "a plan made while the table was empty uses the index once it is full; with sequential scans allowed it would not",
    async () => {
      await database.rows(sql`create table plan_probe (k text primary key, v int)`);
      const plan = async (seqscan: "on" | "off") =>
        database.postgres!.begin(async (tx) => {
          await tx.unsafe(`set local plan_cache_mode = force_generic_plan`);
          await tx.unsafe(`set local enable_seqscan = ${seqscan}`);
          await tx.unsafe(`prepare probe_${seqscan}(text) as select v from plan_probe where k = $1`);
          await tx.unsafe(`analyze plan_probe`); // empty: the plan is made now, as on notice-day morning
          const early = (await tx.unsafe(`explain execute probe_${seqscan}('a')`)).map((r) => Object.values(r)[0]).join("\n");
          await tx.unsafe(`deallocate probe_${seqscan}`);
          return early;
        });
      expect(await plan("on")).toMatch(/Seq Scan on plan_probe/); // the hazard: cached, it stays a sequential scan as the table grows
      expect(await plan("off")).toMatch(/Index Scan using plan_probe_pkey/);
      // The hot pool itself: a statement first run on the empty table, run again over 20,000 rows,
      // answers from the index (its own connection's counters: no sequential scan of the table).
      const lookup = "select v from plan_probe where k = $1";
      for (let i = 0; i < 20; i++) expect(await database.query(lookup, [`k${i}`])).toEqual([]);
      await database.rows(sql`insert into plan_probe select 'k' || g, g from generate_series(1, 20000) g`);
      await database.rows(sql`analyze plan_probe`);
      for (let i = 0; i < 20; i++) expect(await database.query<{ v: number }>(lookup, [`k${i + 1}`])).toEqual([{ v: i + 1 }]);
      const [plans] = await database.prepared<{ generic: number }>(
        sql`select coalesce(sum(generic_plans), 0)::int as generic from pg_prepared_statements where ${1}::int = 1`,
      );
      expect(plans!.generic).toBeGreaterThan(0); // this connection's statements run generic plans
    },
  );
});
