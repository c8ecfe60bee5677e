import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { auditEvents } from "../../../db/schema/index";
import { recordAuditEvent } from "~/services/audit/record.server";
import { openTestEnv, type TestEnv } from "../../support/db";
import { sealEverything } from "../../support/audit";

let env: TestEnv;
beforeAll(async () => {
  env = await openTestEnv();
  await env.ctx.db.transaction((tx) =>
    recordAuditEvent(tx, { at: env.ctx.now(), actorType: "system", action: "incident.update", outcome: "success", reason: "seed row" }),
  );
});
afterAll(async () => {
  await env?.close();
});

/** The database's own message (drizzle wraps it as `cause`). */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    const e = error as { message?: string; cause?: { message?: string } };
    return `${e.cause?.message ?? ""} ${e.message ?? ""}`;
  }
  return "(no error)";
}

describe(`the audit table is append-only (${process.env.TEST_DB_KIND})`, () => {
  it("refuses UPDATE, DELETE and TRUNCATE, whoever asks, and the row stays as it was", async () => {
    const before = await env.ctx.database.rows(sql`select id, reason, txid::text from audit_events order by id`);
    expect(before).toHaveLength(1);
    expect(await refusal(env.ctx.database.rows(sql`update audit_events set reason = 'changed'`))).toMatch(/append-only \(UPDATE refused\)/);
    expect(await refusal(env.ctx.db.update(auditEvents).set({ reason: "changed" }))).toMatch(/append-only \(UPDATE refused\)/);
    expect(await refusal(env.ctx.database.rows(sql`delete from audit_events`))).toMatch(/append-only \(DELETE refused\)/);
    expect(await refusal(env.ctx.db.delete(auditEvents))).toMatch(/append-only \(DELETE refused\)/);
    expect(await refusal(env.ctx.database.rows(sql`truncate audit_events`))).toMatch(/append-only \(TRUNCATE refused\)/);
    expect(await env.ctx.database.rows(sql`select id, reason, txid::text from audit_events order by id`)).toEqual(before);
  });

  it("the triggers fire ALWAYS: replica mode (which skips ordinary triggers) does not open the table", async () => {
    const triggers = await env.ctx.database.rows<{ tgname: string; tgenabled: string }>(
      sql`select tgname, tgenabled from pg_trigger where tgrelid in ('audit_events'::regclass, 'audit_seals'::regclass) and not tgisinternal order by tgname`,
    );
    expect(triggers.map((t) => `${t.tgname}:${t.tgenabled}`)).toEqual([
      "audit_events_no_truncate:A",
      "audit_events_no_update_delete:A",
      "audit_seals_no_truncate:A",
      "audit_seals_no_update_delete:A",
    ]);
    const inReplicaMode = (statement: ReturnType<typeof sql>) =>
      env.ctx.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(statement);
      });
    expect(await refusal(inReplicaMode(sql`update audit_events set reason = 'changed'`))).toMatch(/append-only \(UPDATE refused\)/);
    expect(await refusal(inReplicaMode(sql`delete from audit_events`))).toMatch(/append-only \(DELETE refused\)/);
    await sealEverything(env);
    expect(await refusal(inReplicaMode(sql`update audit_seals set head = 'x'`))).toMatch(/append-only \(UPDATE refused\)/);
    expect(await refusal(env.ctx.database.rows(sql`delete from audit_seals`))).toMatch(/append-only \(DELETE refused\)/);
    expect(await refusal(env.ctx.database.rows(sql`truncate audit_seals`))).toMatch(/append-only \(TRUNCATE refused\)/);
  });

  it("when the audit row cannot be written, the change it records is rolled back with it", async () => {
    const before = await env.ctx.db.select().from(auditEvents);
    await expect(
      env.ctx.db.transaction(async (tx) => {
        await tx.execute(sql`create temporary table if not exists side_effect (x int)`);
        await tx.execute(sql`insert into side_effect values (1)`);
        // An action outside the closed list cannot be recorded: the whole transaction fails.
        await recordAuditEvent(tx, { at: env.ctx.now(), actorType: "system", action: "no.such.event" as never, outcome: "success" });
      }),
    ).rejects.toThrow(/unknown audit action/);
    expect(await env.ctx.db.select().from(auditEvents)).toHaveLength(before.length);
  });
});
