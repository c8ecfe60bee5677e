import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { auditCommands } from "~/cli/audit";
import { recordAuditEvent } from "~/services/audit/record.server";
import { verifyAuditTrail } from "~/services/audit/verify.server";
import { openTestEnv, type TestEnv } from "../../support/db";
import { sealEverything } from "../../support/audit";

let env: TestEnv;
/** Ids in seal order, (txid, id). */
let ids: number[] = [];

async function append(i: number) {
  env.clock.advance(1000);
  await env.ctx.db.transaction((tx) =>
    recordAuditEvent(tx, {
      at: env.ctx.now(),
      actorType: "staff",
      actorId: `staff-${i % 3}`,
      actorRole: "agent",
      action: "notice.view",
      subjectType: "notice",
      subjectId: String(100 + i),
      reason: `caller asked ${i}`,
      ip: "203.0.113.9",
      requestId: `r-${i}`,
      outcome: "success",
      details: { z: i, a: "x", flag: true },
    }),
  );
}

beforeAll(async () => {
  env = await openTestEnv();
  // Three checkpoints of four rows each.
  for (let seal = 0; seal < 3; seal++) {
    for (let i = 0; i < 4; i++) await append(seal * 4 + i);
    await sealEverything(env);
  }
  ids = (await env.ctx.database.rows<{ id: number }>(sql`select id from audit_events order by txid, id`)).map((r) => Number(r.id));
});
afterAll(async () => {
  await env?.close();
});

async function runCli(args: string[] = []): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const spies = (["info", "error"] as const).map((k) => vi.spyOn(console, k).mockImplementation((...a: unknown[]) => void lines.push(a.join(" "))));
  try {
    const code = await auditCommands.find((c) => c.name === "audit verify")!.run(env.ctx, args);
    return { code, out: lines.join("\n") };
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
}

const verify = (expectHead?: string) => verifyAuditTrail(env.ctx.db, env.config.auditSealKey, { expectHead });

/** What an attacker with the owner's or a superuser's rights could do: switch the triggers off, change, switch back. */
async function tamper(...statements: ReturnType<typeof sql>[]) {
  await env.ctx.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_events disable trigger user`);
    await tx.execute(sql`alter table audit_seals disable trigger user`);
    for (const s of statements) await tx.execute(s);
    for (const t of ["audit_events_no_update_delete", "audit_events_no_truncate"])
      await tx.execute(sql.raw(`alter table audit_events enable always trigger ${t}`));
    for (const t of ["audit_seals_no_update_delete", "audit_seals_no_truncate"])
      await tx.execute(sql.raw(`alter table audit_seals enable always trigger ${t}`));
  });
}

describe(`audit verify over the sealed trail (${process.env.TEST_DB_KIND})`, () => {
  it("finds an untouched trail intact, prints the head, and accepts that head back with --expect-head", async () => {
    const report = await verify();
    expect(report).toMatchObject({ ok: true, sealedRows: 12, seals: 3, unsealedRows: 0, headSeq: 3 });
    const { code, out } = await runCli();
    expect(code).toBe(0);
    expect(out).toContain("Audit trail intact: 12 sealed rows in 3 checkpoints");
    expect(out).toContain("Not sealed yet: 0 rows");
    const head = /Head: checkpoint 3, ([0-9a-f]{64})/.exec(out)![1]!;
    expect(await runCli(["--expect-head", head])).toMatchObject({ code: 0 });
    expect((await runCli(["--expect-head", "nothex"])).code).toBe(2);
  });

  it("reports rows appended since the last seal as not sealed yet, and they do not make it fail", async () => {
    await append(100);
    expect(await verify()).toMatchObject({ ok: true, sealedRows: 12, unsealedRows: 1 });
    expect((await runCli()).out).toContain("Not sealed yet: 1 row ");
    await sealEverything(env);
    expect(await verify()).toMatchObject({ ok: true, sealedRows: 13, seals: 4, unsealedRows: 0 });
    ids = (await env.ctx.database.rows<{ id: number }>(sql`select id from audit_events order by txid, id`)).map((r) => Number(r.id));
  });

  it("an edited row (one character of its reason) makes its checkpoint fail: exit 1", async () => {
    const target = ids[6]!; // in checkpoint 2
    await tamper(sql`update audit_events set reason = 'caller asked 7' where id = ${target}`);
    expect(await verify()).toMatchObject({ ok: false, badSeq: 2, problem: "rows", sealedRows: 8 });
    const { code, out } = await runCli();
    expect(code).toBe(1);
    expect(out).toContain("ALTERED at checkpoint 2");
    await tamper(sql`update audit_events set reason = 'caller asked 6' where id = ${target}`);
    expect((await verify()).ok).toBe(true);
  });

  it("sees a change in the details, the time or the address hash too", async () => {
    await tamper(sql`update audit_events set details = jsonb_set(details, '{z}', '99') where id = ${ids[9]!}`);
    expect(await verify()).toMatchObject({ ok: false, badSeq: 3 });
    await tamper(sql`update audit_events set details = jsonb_set(details, '{z}', '9') where id = ${ids[9]!}`);
    await tamper(sql`update audit_events set at = at + interval '1 millisecond' where id = ${ids[1]!}`);
    expect(await verify()).toMatchObject({ ok: false, badSeq: 1 });
    await tamper(sql`update audit_events set at = at - interval '1 millisecond' where id = ${ids[1]!}`);
    await tamper(sql`update audit_events set ip_hash = 'someone-else' where id = ${ids[2]!}`);
    expect(await verify()).toMatchObject({ ok: false, badSeq: 1 });
    await tamper(sql`update audit_events set ip_hash = (select ip_hash from audit_events where id = ${ids[3]!}) where id = ${ids[2]!}`);
    expect((await verify()).ok).toBe(true);
  });

  it("reordered rows (two rows' contents swapped, or a row moved by its transaction id) make the checkpoint fail", async () => {
    const [a, b] = [ids[4]!, ids[5]!];
    const swap = sql`update audit_events t set at = o.at, actor_id = o.actor_id, subject_id = o.subject_id, reason = o.reason, request_id = o.request_id, details = o.details
      from audit_events o where (t.id, o.id) in ((${a}, ${b}), (${b}, ${a}))`;
    // The same two rows, in the other order.
    await tamper(swap);
    expect(await verify()).toMatchObject({ ok: false, badSeq: 2, problem: "rows" });
    await tamper(swap);
    expect((await verify()).ok).toBe(true);
    // Moving a row into the next checkpoint's range by its transaction id fails both.
    const { txid } = (await env.ctx.database.rows<{ txid: string }>(sql`select txid::text as txid from audit_events where id = ${ids[8]!}`))[0]!;
    const { old } = (await env.ctx.database.rows<{ old: string }>(sql`select txid::text as old from audit_events where id = ${ids[7]!}`))[0]!;
    await tamper(sql`update audit_events set txid = ${txid}::xid8 where id = ${ids[7]!}`);
    expect(await verify()).toMatchObject({ ok: false, badSeq: 2 });
    await tamper(sql`update audit_events set txid = ${old}::xid8 where id = ${ids[7]!}`);
    expect((await verify()).ok).toBe(true);
  });

  it("a deleted row makes its checkpoint fail; so does a row slipped into a sealed range", async () => {
    const [row] = await env.ctx.database.rows<Record<string, unknown>>(sql`select id, txid::text as txid from audit_events where id = ${ids[10]!}`);
    await tamper(sql`delete from audit_events where id = ${ids[10]!}`);
    expect(await verify()).toMatchObject({ ok: false, badSeq: 3, problem: "rows" });
    // Put a forged row in its place (same id and txid, other content): still caught.
    await tamper(sql`insert into audit_events (id, txid, at, actor_type, action, outcome) overriding system value
      values (${row!.id as number}, ${row!.txid as string}::xid8, now(), 'system', 'incident.update', 'success')`);
    expect(await verify()).toMatchObject({ ok: false, badSeq: 3 });
  });
});

describe(`audit verify against checkpoints (${process.env.TEST_DB_KIND})`, () => {
  let env2: TestEnv;
  beforeAll(async () => {
    env2 = env;
    env = await openTestEnv();
    for (let seal = 0; seal < 3; seal++) {
      for (let i = 0; i < 2; i++) await append(i);
      await sealEverything(env);
    }
  });
  afterAll(async () => {
    await env.close();
    env = env2;
  });

  it("an altered checkpoint, a removed middle checkpoint, and a wrong key are each named", async () => {
    expect((await verify()).ok).toBe(true);
    const [seal] = await env.ctx.database.rows<{ rows: number }>(sql`select rows from audit_seals where seq = 2`);
    await tamper(sql`update audit_seals set rows = rows + 1 where seq = 2`);
    expect(await verify()).toMatchObject({ ok: false, badSeq: 2, problem: "seal" });
    await tamper(sql`update audit_seals set rows = ${seal!.rows} where seq = 2`);
    expect(await verifyAuditTrail(env.ctx.db, Buffer.from("another-key-of-enough-length-0123456789"))).toMatchObject({ ok: false, badSeq: 1, problem: "seal" });
    expect((await verify()).ok).toBe(true);
  });

  it("removing the newest rows and their checkpoint looks intact from inside, and is caught with --expect-head", async () => {
    const before = await verify();
    expect(before).toMatchObject({ ok: true, seals: 3 });
    const head = before.ok ? before.head! : "";
    await tamper(sql`delete from audit_events where txid >= (select from_txid from audit_seals where seq = 3)`, sql`delete from audit_seals where seq = 3`);
    expect(await verify()).toMatchObject({ ok: true, seals: 2, sealedRows: 4 });
    expect(await verify(head)).toMatchObject({ ok: false, problem: "expected-head" });
    const { code, out } = await runCli(["--expect-head", head]);
    expect(code).toBe(1);
    expect(out).toContain("the head kept elsewhere is not in this trail");
  });
});
