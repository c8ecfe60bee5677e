// `Database.prepared` (decision 105): the hot path's fixed statements run prepared on PostgreSQL and
// answer exactly as `rows` does on both drivers; and a prepared statement is planned for its
// parameters on every run, so a plan made while a table was empty cannot outlive the table's growth.
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

  it.runIf(TEST_DB_KIND === "postgres")("plans for the parameters every time (plan_cache_mode on every pooled connection)", async () => {
    const modes = await Promise.all(
      Array.from({ length: 4 }, () => database.prepared<{ mode: string }>(sql`select current_setting('plan_cache_mode') as mode, ${1}::int as one`)),
    );
    expect(modes.map(([m]) => m!.mode)).toEqual(Array(4).fill("force_custom_plan"));
  });
});
