import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { batches } from "../../db/schema/index";
import { importBatch } from "~/services/batches/import.server";
import { listStages } from "~/services/batches/import/stage.server";
import { openTestEnv, type TestEnv } from "../support/db";
import { createIncident } from "../factories";
import { writeSyntheticBatch } from "../bench/synthetic";

/**
 * The admin command line as an operator runs it: a real child process on the test database.
 * PostgreSQL only — an embedded PGlite database cannot be opened by two processes at once.
 */
const onPostgres = process.env.TEST_DB_KIND === "postgres";

let env: TestEnv;
let dir: string;
let childEnv: NodeJS.ProcessEnv;
beforeAll(async () => {
  env = await openTestEnv({ start: new Date() });
  dir = mkdtempSync(path.join(os.tmpdir(), "ec-cli-"));
  if (onPostgres) {
    const o = env.database.postgres!.options;
    const url = `postgres://${o.user}@${o.host[0]}:${o.port[0]}/${o.database}`;
    // The CLI uses the test secrets' shape through its own dev secrets file in a temp DATA_DIR.
    childEnv = { ...process.env, NODE_ENV: "development", DATABASE_URL: url, DATA_DIR: dir, LOG_LEVEL: "silent", INCIDENT_SLUG: "" };
  }
});
afterAll(async () => {
  await env?.close();
});

function cli(args: string[]) {
  const r = spawnSync("node_modules/.bin/tsx", ["app/cli.ts", ...args], { env: childEnv, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe.skipIf(!onPostgres)("the admin command line (postgres)", () => {
  // Eight CLI processes, each starting tsx and opening the database: 45 s on a busy 2-core machine.
  it("creates an organization, imports a batch with its mailing file, marks it mailed, and reports per state", { timeout: 180_000 }, async () => {
    const incident = await createIncident(env.ctx);
    process.env.INCIDENT_SLUG = incident.slug;
    childEnv.INCIDENT_SLUG = incident.slug;
    expect(cli(["org", "create", "--slug", "lakeshore", "--name", "Lakeshore Physicians ACO"]).code).toBe(0);
    expect(cli(["org", "create", "--slug", "lakeshore", "--name", "Again"]).code).toBe(1);
    expect(cli(["org", "create", "--slug", "x"]).code).toBe(2);

    const file = path.join(dir, "good.csv");
    await writeSyntheticBatch(file, 300, 7);
    const mailing = path.join(dir, "mailing.csv");
    const imported = cli(["batch", "import", "--org", "lakeshore", "--file", file, "--mailing-out", mailing]);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain("outcome: imported");
    expect(imported.out).toContain("rows read: 300, imported: 300, rejected: 0");
    expect(imported.err).toMatch(/rows read/); // progress
    expect(readFileSync(mailing, "utf8").trim().split("\r\n")).toHaveLength(301);
    const batchId = /batch: ([0-9a-f-]{36})/.exec(imported.out)![1]!;

    const bad = path.join(dir, "bad.csv");
    writeFileSync(
      bad,
      `${readFileSync(file, "utf8").split("\r\n").slice(0, 3).join("\r\n").replace(/,MI,/, ",ZZ,")}\r\nP1,A,,B,,1 Main,,Detroit,QQ,48201,1970-01-01,,,en,N,name\r\n`,
    );
    const rejected = cli(["batch", "import", "--org", "lakeshore", "--file", bad]);
    expect(rejected.code).toBe(1);
    expect(rejected.out).toMatch(/\d+, state, bad_state/);
    expect(cli(["batch", "import", "--org", "lakeshore"]).code).toBe(2);
    expect(cli(["batch", "import", "--org", "nope", "--file", file]).code).toBe(2);
    expect(cli(["batch", "import", "--org", "lakeshore", "--file", file]).out).toContain("outcome: duplicate");

    expect(cli(["batch", "mark-mailed", "--batch", batchId, "--date", "2026-11-13"]).code).toBe(0);
    expect(cli(["batch", "mark-mailed", "--batch", batchId]).code).toBe(1);
    const report = cli(["report", "states", "--csv"]);
    expect(report.code).toBe(0);
    const lines = report.out.trim().split("\n");
    expect(lines[0]).toBe("state,notified,minors,deceased,checked,locked,returned_mail,enrolled");
    expect(lines.at(-1)).toMatch(/^total,300,/);
    delete process.env.INCIDENT_SLUG;
  });

  it.each(["staging", "direct"])(
    "an import killed mid-COPY (%s load) leaves nothing visible; the batch is found failed and the file imports cleanly",
    async (load) => {
      const incident = await createIncident(env.ctx);
      childEnv.INCIDENT_SLUG = incident.slug;
      expect(cli(["org", "create", "--slug", "kill-me", "--name", "Killed Import Clinic"]).code).toBe(0);
      const file = path.join(dir, "big.csv");
      await writeSyntheticBatch(file, 60_000, 11);

      // `node --import tsx` (not the tsx launcher, which runs the CLI in a grandchild SIGKILL would miss).
      const child = spawn(process.execPath, ["--import", "tsx", "app/cli.ts", "batch", "import", "--org", "kill-me", "--file", file], {
        env: { ...childEnv, IMPORT_LOAD: load },
      });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      let exited = false;
      child.once("exit", () => (exited = true));
      // Watch the COPY itself (its progress view, every 5 ms; terminal progress is printed once a
      // second, and a fast machine reads 60,000 rows in less): once rows are going in, kill the
      // process without any chance to clean up.
      for (;;) {
        if (exited) throw new Error(`the import ended before it could be killed: ${stderr}`);
        const [copy] = await env.ctx.database.rows<{ n: number }>(
          sql`select coalesce(max(tuples_processed), 0)::int as n from pg_stat_progress_copy where datname = current_database() and command = 'COPY FROM'`,
        );
        if (copy!.n >= 4000) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      child.kill("SIGKILL");
      if (!exited) await new Promise((r) => child.once("exit", r));

      const [org] = await env.ctx.database.rows<{ id: string }>(sql`select id from organizations where slug = 'kill-me' and incident_id = ${incident.id}`);
      const [left] = await env.ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from notices where organization_id = ${org!.id}`);
      expect(left!.n).toBe(0);
      const [killed] = await env.ctx.db.select().from(batches).where(eq(batches.organizationId, org!.id));
      expect(killed!.status).toBe("importing"); // as the dead process left it

      // Give PostgreSQL a moment to notice the dead connection (it releases the import's lock).
      await new Promise((r) => setTimeout(r, 500));
      const again = await importBatch(env.ctx, { actorType: "cli", actorId: "test", actorRole: "admin" }, null, {
        organizationId: org!.id,
        filePath: file,
        fileName: "big.csv",
        source: "cli",
      });
      expect(again.outcome).toBe("imported");
      expect(again.imported).toBe(60_000);
      const [after] = await env.ctx.db.select().from(batches).where(eq(batches.id, killed!.id));
      expect(after!.status).toBe("failed");
      expect(await listStages(env.ctx.database)).toEqual([]);
      const [count] = await env.ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from notices where organization_id = ${org!.id}`);
      expect(count!.n).toBe(60_000);
    },
  );
});
