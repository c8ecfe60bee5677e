import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditEvents } from "../../../db/schema/index";
import { LOCK_AFTER_FAILURES, redeemActivationCode } from "~/services/notices/check.server";
import { unlockNotice } from "~/services/notices/unlock.server";
import { openTestEnv, type TestEnv } from "../../support/db";
import { createMailedWorld, createNotice, reloadNotice } from "../../factories";

let env: TestEnv;
beforeAll(async () => {
  env = await openTestEnv();
});
afterAll(async () => {
  await env?.close();
});

const agent = { id: "00000000-0000-0000-0000-0000000000a1", email: "agent@example.test", role: "agent" as const, sessionId: "s" };
const meta = { ip: "10.0.0.5", requestId: "r-unlock" };

describe(`the call center unlocks a locked notice (${process.env.TEST_DB_KIND})`, () => {
  it("an agent lifts the lock after verifying the caller; the caller's next check works; it is audited", async () => {
    const { batch } = await createMailedWorld(env.ctx);
    const n = await createNotice(env.ctx, batch, { dateOfBirth: "1949-03-03" });
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) {
      await redeemActivationCode(env.ctx, { ip: `192.0.2.${i}`, requestId: "r" }, { code: n.code, dateOfBirth: "1949-03-04" });
    }
    expect((await reloadNotice(env.ctx, n.notice.id)).lockedUntil).not.toBeNull();

    const result = await unlockNotice(env.ctx, agent, meta, {
      referenceNumber: n.notice.referenceNumber.replace(/-/g, " "),
      callReference: "CALL-1234",
      reason: "caller verified by name, address and date of birth",
    });
    expect(result).toEqual({ kind: "unlocked" });
    expect((await reloadNotice(env.ctx, n.notice.id)).lockedUntil).toBeNull();
    expect((await redeemActivationCode(env.ctx, { ip: "192.0.2.99", requestId: "r" }, { code: n.code, dateOfBirth: "1949-03-03" })).kind).toBe("match");

    const rows = await env.ctx.db.select().from(auditEvents).where(eq(auditEvents.action, "notice.unlock"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: agent.id, actorRole: "agent", callReference: "CALL-1234", outcome: "success", subjectId: String(n.notice.id) });
  });

  it("a notice that is not locked, or a reference that does not exist, changes nothing and is still audited", async () => {
    const { batch } = await createMailedWorld(env.ctx);
    const n = await createNotice(env.ctx, batch);
    expect(await unlockNotice(env.ctx, agent, meta, { referenceNumber: n.notice.referenceNumber, callReference: "C2", reason: "r" })).toEqual({
      kind: "notLocked",
    });
    expect(await unlockNotice(env.ctx, agent, meta, { referenceNumber: "0000-0000-0000", callReference: "C3", reason: "r" })).toEqual({ kind: "notFound" });
    const rows = await env.ctx.db.select().from(auditEvents).where(eq(auditEvents.action, "notice.unlock"));
    expect(rows.filter((r) => r.outcome === "failure")).toHaveLength(2);
  });
});
