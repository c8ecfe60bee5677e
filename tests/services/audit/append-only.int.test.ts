import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { auditEvents } from "../../../db/schema/index";
import { recordAuditEvent } from "~/services/audit/record.server";
import { openTestEnv, type TestEnv } from "../../support/db";

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
    const before = await env.ctx.database.rows(sql`select id, reason, hash from audit_events order by id`);
    expect(before).toHaveLength(1);
    expect(await refusal(env.ctx.database.rows(sql`update audit_events set reason = 'changed'`))).toMatch(/append-only \(UPDATE refused\)/);
    expect(await refusal(env.ctx.db.update(auditEvents).set({ reason: "changed" }))).toMatch(/append-only \(UPDATE refused\)/);
    expect(await refusal(env.ctx.database.rows(sql`delete from audit_events`))).toMatch(/append-only \(DELETE refused\)/);
    expect(await refusal(env.ctx.db.delete(auditEvents))).toMatch(/append-only \(DELETE refused\)/);
    expect(await refusal(env.ctx.database.rows(sql`truncate audit_events`))).toMatch(/append-only \(TRUNCATE refused\)/);
    expect(await env.ctx.database.rows(sql`select id, reason, hash from audit_events order by id`)).toEqual(before);
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
