import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "~/services/audit/record.server";
import { startAuditSealer } from "~/services/audit/sealer.server";
import { verifyAuditTrail } from "~/services/audit/verify.server";
import { openTestEnv, type TestEnv } from "../../support/db";
import { unsealedRows } from "../../support/audit";

let env: TestEnv;
beforeAll(async () => {
  env = await openTestEnv();
});
afterAll(async () => {
  await env?.close();
});

describe(`the sealing loop a server runs (${process.env.TEST_DB_KIND})`, () => {
  it("seals what requests append within moments, and once more when it stops", async () => {
    const stop = startAuditSealer(env.ctx, { intervalMs: 50 });
    const append = (reason: string) =>
      env.ctx.db.transaction((tx) => recordAuditEvent(tx, { at: env.ctx.now(), actorType: "system", action: "incident.update", outcome: "success", reason }));
    try {
      for (let i = 0; i < 5; i++) await append(`r${i}`);
      const until = Date.now() + 60_000;
      while ((await unsealedRows(env)) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(await unsealedRows(env)).toBe(0);
      await append("just before the stop");
    } finally {
      await stop();
    }
    // The final round after the drain sealed the last row (or, were a transaction of this database still open, left it for the next instance).
    const report = await verifyAuditTrail(env.ctx.db, env.config.auditSealKey);
    expect(report).toMatchObject({ ok: true });
    expect(report.ok && report.sealedRows + report.unsealedRows).toBe(6);
  });
});
