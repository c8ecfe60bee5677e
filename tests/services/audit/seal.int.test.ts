import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../../db/client";
import { recordAuditEvent } from "~/services/audit/record.server";
import { sealAuditTrail } from "~/services/audit/seal.server";
import { verifyAuditTrail } from "~/services/audit/verify.server";
import { openTestEnv, type TestEnv } from "../../support/db";
import { sealEverything, unsealedRows } from "../../support/audit";

let env: TestEnv;
beforeAll(async () => {
  env = await openTestEnv();
});
afterAll(async () => {
  await env?.close();
});

const verify = () => verifyAuditTrail(env.ctx.db, env.config.auditSealKey);
const row = (reason: string) => ({ at: env.ctx.now(), actorType: "system" as const, action: "incident.update" as const, outcome: "success" as const, reason });
const sealTotals = async () => (await env.ctx.database.rows<{ rows: number }>(sql`select rows from audit_seals order by seq`)).map((r) => Number(r.rows));
const sealOrder = async () => (await env.ctx.database.rows<{ reason: string }>(sql`select reason from audit_events order by txid, id`)).map((r) => r.reason);

describe(`the audit sealer (${process.env.TEST_DB_KIND})`, () => {
  it("a request's row is appended without a seal; the sealer adds it after the commit", async () => {
    await env.ctx.db.transaction((tx) => recordAuditEvent(tx, row("first")));
    expect(await unsealedRows(env)).toBe(1);
    expect(await verify()).toMatchObject({ ok: true, sealedRows: 0, unsealedRows: 1, head: null });
    await sealEverything(env);
    expect(await verify()).toMatchObject({ ok: true, sealedRows: 1, seals: 1, unsealedRows: 0 });
  });

  it("a seal that holds few rows never splits a transaction: it stops before it, or takes it whole", async () => {
    await env.ctx.db.transaction((tx) => recordAuditEvent(tx, row("t1")));
    await env.ctx.db.transaction(async (tx) => {
      for (const r of ["t2-a", "t2-b", "t2-c"]) await recordAuditEvent(tx, row(r));
    });
    await env.ctx.db.transaction((tx) => recordAuditEvent(tx, row("t3")));
    const until = Date.now() + 60_000;
    while ((await unsealedRows(env)) > 0 && Date.now() < until) await sealAuditTrail(env.ctx.db, env.config.auditSealKey, env.ctx.now(), { maxRows: 2 });
    expect(await sealTotals()).toEqual([1, 2, 5, 6]);
    expect(await sealOrder()).toEqual(["first", "t1", "t2-a", "t2-b", "t2-c", "t3"]);
    expect(await verify()).toMatchObject({ ok: true, sealedRows: 6, seals: 4 });
  });

  it("a crash in the middle of a seal loses nothing: its transaction rolls back and the next seal takes the rows", async () => {
    for (const r of ["c1", "c2", "c3"]) await env.ctx.db.transaction((tx) => recordAuditEvent(tx, row(r)));
    const crash = sealAuditTrail(env.ctx.db, env.config.auditSealKey, env.ctx.now(), {
      beforeCommit: async () => {
        throw new Error("power cut");
      },
    });
    await expect(crash).rejects.toThrow("power cut");
    expect(await verify()).toMatchObject({ ok: true, sealedRows: 6, unsealedRows: 3 });
    await sealEverything(env);
    expect(await verify()).toMatchObject({ ok: true, sealedRows: 9, unsealedRows: 0 });
    expect((await sealOrder()).slice(-3)).toEqual(["c1", "c2", "c3"]);
  });
});

describe.skipIf(process.env.TEST_DB_KIND !== "postgres")("the audit sealer with transactions interleaved (postgres)", () => {
  const insert = (reason: string) =>
    `insert into audit_events (at, actor_type, action, outcome, reason) values (now(), 'system', 'incident.update', 'success', '${reason}')`;

  it("a transaction that commits late is sealed in its place, never skipped, though a later one committed and was sealed first", async () => {
    const pg = env.database.postgres!;
    const a = await pg.reserve();
    const b = await pg.reserve();
    try {
      // A starts writing first (it holds the older transaction id) but commits last.
      await a`begin`;
      await a`select pg_current_xact_id()`;
      // B appends a row, and commits: its id is lower than A's row will get.
      await b`begin`;
      await b.unsafe(insert("B"));
      await b`commit`;
      await a.unsafe(insert("A"));
      const [ids] = await a`select (select id from audit_events where reason = 'B') as b, (select id from audit_events where reason = 'A') as a`;
      expect(Number(ids!.b)).toBeLessThan(Number(ids!.a));

      // While A is in flight, B's committed row must not be sealed: sealing it now would put A's
      // row, later, behind a checkpoint that already passed its place.
      const before = (await verify()) as { sealedRows: number };
      await sealAuditTrail(env.ctx.db, env.config.auditSealKey, env.ctx.now());
      expect(await verify()).toMatchObject({ ok: true, sealedRows: before.sealedRows, unsealedRows: 1 });

      await a`commit`;
      await sealEverything(env);
      expect(await verify()).toMatchObject({ ok: true, sealedRows: before.sealedRows + 2, unsealedRows: 0 });
      // Seal order is transaction order: A (the older transaction, the higher id) before B.
      expect((await sealOrder()).slice(-2)).toEqual(["A", "B"]);
    } finally {
      for (const c of [a, b]) {
        await c`rollback`.catch(() => {});
        c.release();
      }
    }
  });

  it("rows of a rolled-back transaction leave no gap in the chain", async () => {
    await expect(
      env.ctx.db.transaction(async (tx) => {
        await recordAuditEvent(tx, row("rolled back"));
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    await env.ctx.db.transaction((tx) => recordAuditEvent(tx, row("after")));
    await sealEverything(env);
    expect(await verify()).toMatchObject({ ok: true, unsealedRows: 0 });
    expect(await sealOrder()).not.toContain("rolled back");
  });

  it("several instances sealing at once take turns: contiguous checkpoints, each row sealed once", async () => {
    for (let i = 0; i < 20; i++) await env.ctx.db.transaction((tx) => recordAuditEvent(tx, row(`m${i}`)));
    const other = await openDatabase({
      url: process.env.TEST_DATABASE_URL!.replace(/\/[^/]*$/, `/${(await env.ctx.database.rows<{ d: string }>(sql`select current_database() as d`))[0]!.d}`),
    });
    try {
      const runs = await Promise.all(
        Array.from({ length: 6 }, (_, i) => sealAuditTrail(i % 2 ? other.db : env.ctx.db, env.config.auditSealKey, env.ctx.now(), { maxRows: 5 })),
      );
      expect(runs.some((r) => r.busy)).toBe(true);
      await sealEverything(env);
      const report = await verify();
      expect(report).toMatchObject({ ok: true, unsealedRows: 0 });
      const n = (await env.ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_events`))[0]!.n;
      expect(report.ok && report.sealedRows).toBe(Number(n));
    } finally {
      await other.close();
    }
  });

  it("a crash between append and seal loses nothing: another instance, started afterwards, seals the rows", async () => {
    const dbName = (await env.ctx.database.rows<{ d: string }>(sql`select current_database() as d`))[0]!.d;
    const url = process.env.TEST_DATABASE_URL!.replace(/\/[^/]*$/, `/${dbName}`);
    const dying = await openDatabase({ url });
    await dying.db.transaction((tx) => recordAuditEvent(tx, row("before the crash")));
    await dying.close(); // the instance is gone before any seal
    expect(await unsealedRows(env)).toBe(1);
    await sealEverything(env);
    expect(await verify()).toMatchObject({ ok: true, unsealedRows: 0 });
    expect((await sealOrder()).at(-1)).toBe("before the crash");
  });
});
