import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql, eq } from "drizzle-orm";
import { auditCommands } from "~/cli/audit";
import { auditEvents } from "../../../db/schema/index";
import { chainHash, recordAuditEvent } from "~/services/audit/record.server";
import { verifyAuditChain } from "~/services/audit/verify.server";
import { openTestEnv, type TestEnv } from "../../support/db";

let env: TestEnv;
let ids: number[] = [];

beforeAll(async () => {
  env = await openTestEnv();
  for (let i = 0; i < 12; i++) {
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
  ids = (await env.ctx.database.rows<{ id: number }>(sql`select id from audit_events order by id`)).map((r) => Number(r.id));
});
afterAll(async () => {
  await env?.close();
});

async function runVerify(): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const spies = (["info", "error"] as const).map((k) => vi.spyOn(console, k).mockImplementation((...a: unknown[]) => void lines.push(a.join(" "))));
  try {
    const code = await auditCommands.find((c) => c.name === "audit verify")!.run(env.ctx, []);
    return { code, out: lines.join("\n") };
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
}

/** What an attacker with superuser rights could do: switch the trigger off, edit, switch it back on. */
async function tamper(statement: ReturnType<typeof sql>) {
  await env.ctx.database.rows(sql`alter table audit_events disable trigger user`);
  try {
    await env.ctx.database.rows(statement);
  } finally {
    await env.ctx.database.rows(sql`alter table audit_events enable trigger user`);
  }
}

describe(`audit verify (${process.env.TEST_DB_KIND})`, () => {
  it("finds an untouched chain intact: exit 0", async () => {
    const report = await verifyAuditChain(env.ctx.db);
    expect(report).toMatchObject({ ok: true, rows: 12, headId: ids.at(-1) });
    const { code, out } = await runVerify();
    expect(code).toBe(0);
    expect(out).toContain("Audit trail intact: 12 rows");
  });

  it("flipping one stored byte of one row makes verify name that row: exit 1", async () => {
    const target = ids[6]!;
    // One character of the reason: "caller asked 6" → "caller asked 7".
    await tamper(sql`update audit_events set reason = 'caller asked 7' where id = ${target}`);
    const report = await verifyAuditChain(env.ctx.db);
    expect(report).toMatchObject({ ok: false, firstAlteredId: target, problem: "content", rows: 6 });
    const { code, out } = await runVerify();
    expect(code).toBe(1);
    expect(out).toContain(`first altered row id ${target}`);
    // Put it back: intact again (the check is on content, not on who touched it).
    await tamper(sql`update audit_events set reason = 'caller asked 6' where id = ${target}`);
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
  });

  it("names an earlier row first, and sees a change in the details or the time too", async () => {
    await tamper(sql`update audit_events set details = jsonb_set(details, '{z}', '99') where id = ${ids[9]!}`);
    await tamper(sql`update audit_events set at = at + interval '1 millisecond' where id = ${ids[2]!}`);
    expect(await verifyAuditChain(env.ctx.db)).toMatchObject({ ok: false, firstAlteredId: ids[2], problem: "content" });
    await tamper(sql`update audit_events set at = at - interval '1 millisecond' where id = ${ids[2]!}`);
    expect(await verifyAuditChain(env.ctx.db)).toMatchObject({ ok: false, firstAlteredId: ids[9] });
    await tamper(sql`update audit_events set details = jsonb_set(details, '{z}', '9') where id = ${ids[9]!}`);
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
  });

  it("a row rewritten with a freshly computed hash breaks the link to the next row, which names it; so does a removed row", async () => {
    const target = ids[4]!;
    const [row] = await env.ctx.db.select().from(auditEvents).where(eq(auditEvents.id, target));
    const { id: _id, hash: _hash, prevHash, ...fields } = row!;
    const forged = chainHash(prevHash, { ...fields, reason: "nothing to see" });
    await tamper(sql`update audit_events set reason = 'nothing to see', hash = ${forged} where id = ${target}`);
    const report = await verifyAuditChain(env.ctx.db);
    expect(report).toMatchObject({ ok: false, firstAlteredId: target, problem: "link" });
    await tamper(sql`update audit_events set reason = ${row!.reason}, hash = ${row!.hash} where id = ${target}`);
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);

    await tamper(sql`delete from audit_events where id = ${ids[8]!}`);
    expect(await verifyAuditChain(env.ctx.db)).toMatchObject({ ok: false, firstAlteredId: ids[7], problem: "link" });
  });
});
