import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { enrollments } from "../../db/schema/index";
import { openDatabase, type Database } from "../../db/client";
import { createAppContext } from "~/services/context.server";
import { redeemActivationCode } from "~/services/notices/check.server";
import { enrollInMonitoring } from "~/services/enrollment/enroll.server";
import { verifyAuditTrail } from "~/services/audit/verify.server";
import { openTestEnv, type TestEnv } from "../support/db";
import { sealEverything } from "../support/audit";
import { createMailedWorld, createNotice } from "../factories";
import { loadCodes, vendorCodes } from "../services/enrollment/support";

/**
 * The restore drill (db/backup.sh): back up a database with checks, enrollments and audit rows,
 * restore it into a new database, and the copy still answers checks, holds the enrollments and
 * verifies its audit chain. PostgreSQL only: pg_dump has nothing to dump on the embedded database.
 */
const onPostgres = process.env.TEST_DB_KIND === "postgres";

let env: TestEnv;
let restored: Database | undefined;
let restoredUrl: string;
let admin: postgres.Sql | undefined;
beforeAll(async () => {
  if (!onPostgres) return;
  env = await openTestEnv({ start: "2026-11-20T15:00:00Z" });
});
afterAll(async () => {
  await restored?.close().catch(() => {});
  if (admin && restoredUrl) await admin.unsafe(`drop database if exists ${new URL(restoredUrl).pathname.slice(1)} with (force)`);
  await admin?.end();
  await env?.close();
});

const meta = () => ({ ip: "198.51.100.77", requestId: randomBytes(4).toString("hex") });

describe.skipIf(!onPostgres)("backup and restore drill (postgres)", () => {
  it("a restored copy answers checks, keeps enrollments and verifies its audit chain", async () => {
    const { incident, batch } = await createMailedWorld(env.ctx);
    await loadCodes(env.ctx, incident.id, "adult", vendorCodes(5));
    const people = await Promise.all([0, 1, 2].map(() => createNotice(env.ctx, batch, { dateOfBirth: "1962-03-04" })));
    for (const p of people.slice(0, 2)) {
      expect((await redeemActivationCode(env.ctx, meta(), { code: p.code, dateOfBirth: "1962-03-04" })).kind).toBe("match");
      expect((await enrollInMonitoring(env.ctx, meta(), { noticeId: p.notice.id, termsAccepted: true, language: "en" })).kind).toBe("enrolled");
    }
    // Sealed before the backup: the copy must carry the checkpoints and verify to the same head.
    await sealEverything(env);
    const before = await verifyAuditTrail(env.ctx.db, env.config.auditSealKey);
    if (!before.ok) throw new Error(before.message);
    expect(before.sealedRows).toBeGreaterThan(0);

    const o = env.database.postgres!.options;
    const url = `postgres://${o.user}@${o.host[0]}:${o.port[0]}/${o.database}`;
    const dir = mkdtempSync(path.join(os.tmpdir(), "ec-backup-"));
    const file = path.join(dir, "drill.dump");
    const backup = spawnSync("bash", ["db/backup.sh", "backup", url, file], { encoding: "utf8" });
    expect(backup.status, backup.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(existsSync(`${file}.partial`)).toBe(false);

    restoredUrl = `postgres://${o.user}@${o.host[0]}:${o.port[0]}/${o.database}_restored`;
    admin = postgres(`postgres://${o.user}@${o.host[0]}:${o.port[0]}/postgres`, { max: 1, onnotice: () => {} });
    const restore = spawnSync("bash", ["db/backup.sh", "restore", file, restoredUrl], { encoding: "utf8" });
    expect(restore.status, restore.stderr).toBe(0);
    // A drill never overwrites: the same target again is refused.
    const again = spawnSync("bash", ["db/backup.sh", "restore", file, restoredUrl], { encoding: "utf8" });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("exists already");

    restored = await openDatabase({ url: restoredUrl, poolMax: 2 });
    const copy = createAppContext(restored, env.config, { now: env.clock.now, sleep: async () => {} });
    const after = await verifyAuditTrail(copy.db, env.config.auditSealKey, { expectHead: before.head ?? undefined });
    expect(after).toMatchObject({ ok: true, sealedRows: before.sealedRows, head: before.head });
    expect(await copy.db.$count(enrollments)).toBe(2);
    // The third person checks on the restored copy: codes, dates of birth and keys all came back.
    expect((await redeemActivationCode(copy, meta(), { code: people[2]!.code, dateOfBirth: "1962-03-04" })).kind).toBe("match");
    expect((await redeemActivationCode(copy, meta(), { code: people[2]!.code, dateOfBirth: "1962-03-05" })).kind).toBe("mismatch");
    // And the trail still verifies with the new rows appended after the restore (not sealed yet).
    expect(await verifyAuditTrail(copy.db, env.config.auditSealKey)).toMatchObject({ ok: true, sealedRows: before.sealedRows });
  });
});
