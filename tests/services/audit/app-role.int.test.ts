import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "../../../db/client";
import { recordAuditEvent } from "~/services/audit/record.server";
import { sealAuditTrail, sweepClientAddresses } from "~/services/audit/seal.server";
import { verifyAuditTrail } from "~/services/audit/verify.server";
import { openTestEnv, type TestEnv } from "../../support/db";
import { APP_ROLE_GRANTS } from "../../support/audit";

/**
 * Running the app as a role that does not own the tables (docs/audit.md): migrations run as the
 * owner; the app may only INSERT and SELECT audit rows and checkpoints, so it can neither change
 * them nor switch the append-only triggers off. PostgreSQL only (PGlite has one built-in role).
 */
describe.skipIf(process.env.TEST_DB_KIND !== "postgres")("the app as a role that may only append audit rows (postgres)", () => {
  let env: TestEnv;
  let app: Database;
  const role = `ec_app_${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    env = await openTestEnv();
    const d = (await env.ctx.database.rows<{ d: string }>(sql`select current_database() as d`))[0]!.d;
    await env.ctx.database.rows(sql.raw(`create role ${role} login`));
    for (const grant of APP_ROLE_GRANTS) await env.ctx.database.rows(sql.raw(grant.replaceAll("ec_app", role)));
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.username = role;
    url.password = "";
    url.pathname = `/${d}`;
    app = await openDatabase({ url: url.toString(), poolMax: 2 });
  });
  afterAll(async () => {
    await app?.close();
    if (env) {
      await env.ctx.database.rows(sql.raw(`drop owned by ${role}`));
      await env.ctx.database.rows(sql.raw(`drop role ${role}`));
      await env.close();
    }
  });

  async function refusal(statement: string): Promise<string> {
    try {
      await app.rows(sql.raw(statement));
    } catch (error) {
      const e = error as { code?: string; cause?: { code?: string; message?: string }; message?: string };
      return `${e.cause?.code ?? e.code ?? ""} ${e.cause?.message ?? e.message ?? ""}`;
    }
    return "(no error)";
  }

  it("appends, seals, verifies and sweeps as that role", async () => {
    await app.db.transaction((tx) =>
      recordAuditEvent(tx, { at: new Date(), actorType: "system", action: "incident.update", outcome: "success", ip: "198.51.100.1" }),
    );
    // A superuser's transaction stays open meanwhile: the app role still sees it running and does
    // not seal past it.
    const owner = await env.database.postgres!.reserve();
    try {
      await owner`begin`;
      await owner`insert into audit_events (at, actor_type, action, outcome) values (now(), 'cli', 'incident.update', 'success')`;
      await sealAuditTrail(app.db, env.config.auditSealKey, new Date());
      expect(await verifyAuditTrail(app.db, env.config.auditSealKey)).toMatchObject({ ok: true, sealedRows: 1, unsealedRows: 0 });
      await owner`commit`;
    } finally {
      await owner`rollback`.catch(() => {});
      owner.release();
    }
    await sealAuditTrail(app.db, env.config.auditSealKey, new Date());
    expect(await verifyAuditTrail(app.db, env.config.auditSealKey)).toMatchObject({ ok: true, sealedRows: 2, unsealedRows: 0 });
    expect(await sweepClientAddresses(app.db, new Date(Date.now() + 31 * 24 * 3600 * 1000))).toBe(1);
  });

  it("cannot change, remove or truncate audit rows or checkpoints, nor switch the triggers off", async () => {
    for (const [table, column] of [
      ["audit_events", "reason"],
      ["audit_seals", "head"],
    ] as const) {
      expect(await refusal(`update ${table} set ${column} = 'x'`)).toMatch(/42501 permission denied/);
      expect(await refusal(`delete from ${table}`)).toMatch(/42501 permission denied/);
      expect(await refusal(`truncate ${table}`)).toMatch(/42501 permission denied/);
      expect(await refusal(`alter table ${table} disable trigger user`)).toMatch(/42501 must be owner/);
    }
    expect(await refusal(`drop trigger audit_events_no_update_delete on audit_events`)).toMatch(/42501 must be owner/);
    expect(await refusal(`set session_replication_role = replica`)).toMatch(/42501 permission denied/);
    expect((await env.ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_events`))[0]!.n).toBe(2);
  });
});
