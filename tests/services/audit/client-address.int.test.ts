import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { exportAuditCsv, viewAuditTrail } from "~/services/audit/query.server";
import { CLIENT_ADDRESS_RETENTION_DAYS, sweepClientAddresses } from "~/services/audit/seal.server";
import { verifyAuditTrail } from "~/services/audit/verify.server";
import { redeemActivationCode } from "~/services/notices/check.server";
import { sha256Hex } from "~/utils/crypto.server";
import { createMailedWorld, createNotice } from "../../factories";
import { openTestEnv, type TestEnv } from "../../support/db";
import { sealEverything } from "../../support/audit";
import { createStaff, signedIn, testMeta } from "../../support/staff";

/** Finding 13 of issue 15: a client address is kept in clear only as long as abuse handling needs it. */
let env: TestEnv;
let supervisor: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  env = await openTestEnv({ start: "2026-12-01T09:00:00Z" });
  const world = await createMailedWorld(env.ctx);
  const notice = await createNotice(env.ctx, world.batch, { dateOfBirth: "1970-01-01" });
  supervisor = await signedIn(env.ctx, await createStaff(env.ctx, "supervisor"));
  await redeemActivationCode(env.ctx, { ip: "198.51.100.7", requestId: "r1" }, { code: notice.code, dateOfBirth: "1970-01-01" });
  await redeemActivationCode(env.ctx, { ip: "198.51.100.7", requestId: "r2" }, { code: notice.code, dateOfBirth: "1971-01-01" });
  await redeemActivationCode(env.ctx, { ip: "198.51.100.8", requestId: "r3" }, { code: notice.code, dateOfBirth: "1970-01-01" });
  await sealEverything(env);
});
afterAll(async () => {
  await env?.close();
});

const checks = async () => {
  const page = await viewAuditTrail(env.ctx, supervisor.actor, testMeta(), { action: "patient.check" }, 1);
  return page.rows.sort((a, b) => a.id - b.id);
};

describe(`client addresses in the audit trail (${process.env.TEST_DB_KIND})`, () => {
  it("the audit row keeps a keyed hash, never the address; the clear address sits in the side table", async () => {
    const rows = await env.ctx.database.rows<Record<string, unknown>>(sql`select * from audit_events where action = 'patient.check' order by id`);
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r).not.toHaveProperty("ip");
      expect(JSON.stringify(r)).not.toContain("198.51.100");
    }
    expect(rows[0]!.ip_hash).toBe(rows[1]!.ip_hash);
    expect(rows[2]!.ip_hash).not.toBe(rows[0]!.ip_hash);
    // Keyed: not the plain hash anyone could compute over the 2^32 IPv4 addresses.
    expect(sha256Hex("198.51.100.7")).not.toContain(String(rows[0]!.ip_hash));
    const side = await env.ctx.database.rows<{ ip: string }>(sql`select ip from audit_client_addresses order by audit_id`);
    expect(side.map((s) => s.ip)).toEqual(expect.arrayContaining(["198.51.100.7", "198.51.100.8"]));
  });

  it(`supervisors see the clear address for ${CLIENT_ADDRESS_RETENTION_DAYS} days, and only the hash after the sweep; the seal still holds`, async () => {
    const before = await checks();
    expect(before.map((r) => r.ip)).toEqual(["198.51.100.7", "198.51.100.7", "198.51.100.8"]);
    expect(before[0]!.ipHash).toBe(before[1]!.ipHash);

    // Day 29: nothing swept yet. Day 31: the clear addresses of those rows are gone.
    expect(await sweepClientAddresses(env.ctx.db, new Date(env.ctx.now().getTime() + 29 * 86_400_000))).toBe(0);
    env.clock.advance((CLIENT_ADDRESS_RETENTION_DAYS + 1) * 86_400_000);
    expect(await sweepClientAddresses(env.ctx.db, env.ctx.now())).toBeGreaterThanOrEqual(3);
    const after = await checks();
    expect(after.map((r) => r.ip)).toEqual(["", "", ""]);
    expect(after.map((r) => r.ipHash)).toEqual(before.map((r) => r.ipHash));

    const csv = await exportAuditCsv(env.ctx, supervisor.actor, testMeta(), { action: "patient.check" });
    const text = await new Response(csv.body).text();
    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(3);
    expect(text).not.toContain("198.51.100");
    expect(records.map((r) => r.ip_hash).sort()).toEqual(before.map((r) => r.ipHash).sort());

    await sealEverything(env);
    expect(await verifyAuditTrail(env.ctx.db, env.config.auditSealKey)).toMatchObject({ ok: true, unsealedRows: 0 });
  });
});
