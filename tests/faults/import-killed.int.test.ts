// Fault under load (issue 12 item 5d): a batch import is killed (SIGKILL, no clean-up) mid-COPY
// while people are checking in. Nothing of the batch is ever visible — not while it loads, not
// after the kill — checks answer 303 (or a plain 503 "busy" while the load holds its lock), never
// 500, and the same file then imports cleanly. The unloaded version is in
// tests/cli/batches.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { isLockTimeout } from "../../db/client";
import type { AppServer } from "../../app/server";
import { importBatch } from "~/services/batches/import.server";
import { listStages } from "~/services/batches/import/stage.server";
import { openTestEnv, type TestEnv } from "../support/db";
import { startTestServer } from "../support/server";
import { createMailedWorld, createNotice } from "../factories";
import { writeSyntheticBatch } from "../bench/synthetic";
import { checkLoad } from "./support";

const onPostgres = process.env.TEST_DB_KIND === "postgres";
const ROWS = 30_000;

let env: TestEnv;
let server: AppServer;
let dir: string;
let childEnv: NodeJS.ProcessEnv;
let world: Awaited<ReturnType<typeof createMailedWorld>>;
beforeAll(async () => {
  if (!onPostgres) return;
  // A short lock timeout: a check that meets the direct load's lock answers "busy" after a second.
  env = await openTestEnv({ start: new Date(), lockTimeoutMs: 1000, config: { trustProxy: true, trustProxySetting: { hops: 1 } } });
  world = await createMailedWorld(env.ctx);
  server = await startTestServer(env);
  dir = mkdtempSync(path.join(os.tmpdir(), "ec-fault-import-"));
  const o = env.database.postgres!.options;
  childEnv = {
    ...process.env,
    NODE_ENV: "development",
    DATABASE_URL: `postgres://${o.user}@${o.host[0]}:${o.port[0]}/${o.database}`,
    DATA_DIR: dir,
    LOG_LEVEL: "silent",
    INCIDENT_SLUG: world.incident.slug,
  };
});
afterAll(async () => {
  await server?.close();
  await env?.close();
});

const count = async (orgId: string) =>
  (await env.ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from notices where organization_id = ${orgId}`))[0]!.n;
/** The same count while the load runs, giving up on its lock after 100 ms (so the probe keeps pace with the COPY). */
const countNow = (orgId: string) =>
  env.ctx.db.transaction(async (tx) => {
    await tx.execute(sql`set local lock_timeout = '100ms'`);
    const result = (await tx.execute(sql`select count(*)::int as n from notices where organization_id = ${orgId}`)) as unknown as { n: number }[];
    return Number(result[0]!.n);
  });

describe.skipIf(!onPostgres)("an import killed under load (postgres only: the import runs as its own process)", () => {
  it.each(["staging", "direct"])(
    "%s load: nothing half-visible while it loads or after the kill; checks never 500; the re-import is clean",
    async (load) => {
      const slug = `killed-${load}`;
      const org = spawnSync("node_modules/.bin/tsx", ["app/cli.ts", "org", "create", "--slug", slug, "--name", `Killed ${load}`], {
        env: childEnv,
        encoding: "utf8",
      });
      expect(org.status, org.stderr).toBe(0);
      const [{ id: orgId }] = (await env.ctx.database.rows<{ id: string }>(sql`select id from organizations where slug = ${slug}`)) as [{ id: string }];
      const file = path.join(dir, `${slug}.csv`);
      await writeSyntheticBatch(file, ROWS, load === "staging" ? 21 : 22);
      const people = await Promise.all(
        Array.from({ length: 8 }, async (_, i) => {
          const dob = `1982-02-${String(i + 1).padStart(2, "0")}`;
          return { code: (await createNotice(env.ctx, world.batch, { dateOfBirth: dob })).code, dob };
        }),
      );
      const checks = checkLoad(server.url, people, { workers: 3, timeoutMs: 20_000 });

      const child = spawn(process.execPath, ["--import", "tsx", "app/cli.ts", "batch", "import", "--org", slug, "--file", file], {
        env: { ...childEnv, IMPORT_LOAD: load },
      });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      let exited = false;
      child.once("exit", () => (exited = true));
      const visibleWhileLoading: number[] = [];
      for (;;) {
        if (exited) throw new Error(`the import ended before it could be killed: ${stderr}`);
        const [copy] = await env.ctx.database.rows<{ n: number }>(
          sql`select coalesce(max(tuples_processed), 0)::int as n from pg_stat_progress_copy where datname = current_database() and command = 'COPY FROM'`,
        );
        // A direct load holds its lock on notices: a read waits, then gives up — it sees nothing either (-1).
        if (copy!.n > 0) visibleWhileLoading.push(await countNow(orgId).catch((e: unknown) => (isLockTimeout(e) ? -1 : Promise.reject(e))));
        if (copy!.n >= 4000) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      child.kill("SIGKILL");
      if (!exited) await new Promise((r) => child.once("exit", r));
      expect(visibleWhileLoading.length).toBeGreaterThan(0);
      expect(visibleWhileLoading.filter((n) => n > 0)).toEqual([]);
      expect(await count(orgId)).toBe(0);

      // PostgreSQL notices the dead connection and releases the import's advisory lock (namespace
      // 0x45c4) — slower on a busy machine; until then the stage still belongs to a live import.
      for (let i = 0; i < 200; i++) {
        const [held] = await env.ctx.database.rows<{ n: number }>(
          sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and classid = ${0x45c4}
              and database = (select oid from pg_database where datname = current_database())`,
        );
        if (held!.n === 0) break;
        if (i === 199) console.warn("the killed import's lock is still held");
        await new Promise((r) => setTimeout(r, 50));
      }
      const again = await importBatch(env.ctx, { actorType: "cli", actorId: "test", actorRole: "admin" }, null, {
        organizationId: orgId,
        filePath: file,
        fileName: `${slug}.csv`,
        source: "cli",
      });
      const reimportedAt = checks.now();
      await new Promise((r) => setTimeout(r, 500));
      const samples = await checks.stop();
      expect(again.outcome).toBe("imported");
      expect(await count(orgId)).toBe(ROWS);
      expect(await listStages(env.ctx.database), "staging tables left").toEqual([]);

      // The checks: answered all along, never a 500, never a hang.
      expect(samples.filter((s) => s.error !== null).map((s) => s.error)).toEqual([]);
      const statuses = samples.map((s) => s.status!);
      expect(samples.filter((s) => s.status !== 303 && s.status !== 503).map((s) => `${s.status} ${s.body.slice(0, 300)}`)).toEqual([]);
      expect(statuses.filter((s) => s === 303).length).toBeGreaterThan(0);
      const after = samples.filter((s) => s.start > reimportedAt);
      expect(after.every((s) => s.status === 303)).toBe(true);
      console.info(
        `import killed (${load}, postgres): ${JSON.stringify({ checks: samples.length, busy_503: statuses.filter((s) => s === 503).length, reads_while_loading: visibleWhileLoading.length, reimported: again.imported })}`,
      );
    },
    180_000,
  );
});
