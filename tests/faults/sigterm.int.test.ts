// Fault under load (issue 12 item 5b): SIGTERM while people are checking in. The server as
// `npm start` runs it (a real process, production mode, on PostgreSQL) stops accepting, lets every
// request in flight finish — including one whose body is still arriving — and exits 0. The
// unloaded version is tests/e2e/start.e2e.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { createServer, type AddressInfo } from "node:net";
import { createAppContext } from "~/services/context.server";
import { loadConfig } from "~/utils/env.server";
import { openTestEnv, type TestEnv } from "../support/db";
import { createMailedWorld, createNotice } from "../factories";
import { checkLoad, dobFields } from "./support";

const onPostgres = process.env.TEST_DB_KIND === "postgres";

let env: TestEnv;
beforeAll(async () => {
  if (onPostgres) env = await openTestEnv({ start: new Date() });
});
afterAll(async () => {
  await env?.close();
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** A POST /check whose body arrives in two parts: `finish()` sends the rest; resolves with the status. */
function slowCheck(url: string, code: string, dob: string) {
  const body = new URLSearchParams({ code, ...dobFields(dob) }).toString();
  const req = request(`${url}/check`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(body.length), "x-forwarded-for": "10.8.0.1" },
  });
  const status = new Promise<number>((resolve, reject) => {
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
  });
  req.write(body.slice(0, 10));
  return { status, finish: () => req.end(body.slice(10)) };
}

describe.skipIf(!onPostgres)("SIGTERM under load (postgres only: the server process and the test cannot share an embedded PGlite)", () => {
  it("drains every request in flight, a half-sent one too, and exits 0", async () => {
    const port = await freePort();
    const o = env.database.postgres!.options;
    const vars = {
      NODE_ENV: "production" as const,
      DATABASE_URL: `postgres://${o.user}@${o.host[0]}:${o.port[0]}/${o.database}`,
      SESSION_SECRET: randomBytes(32).toString("base64url"),
      CODE_PEPPER: randomBytes(32).toString("base64url"),
      DATA_KEYS: `k1:${randomBytes(32).toString("base64")}`,
      AUDIT_SEAL_KEY: randomBytes(32).toString("base64url"),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      PORT: String(port),
      HOST: "127.0.0.1",
      TRUST_PROXY: "1",
      LOG_LEVEL: "warn",
    };
    // Letters made with the server's own secrets, so its checks match them.
    const ctx = createAppContext(env.database, loadConfig({ ...vars, NODE_ENV: "production" }));
    const { batch } = await createMailedWorld(ctx);
    const people = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const dob = `1975-07-${String(i + 1).padStart(2, "0")}`;
        return { code: (await createNotice(ctx, batch, { dateOfBirth: dob })).code, dob };
      }),
    );

    const child = spawn(process.execPath, ["--import", "tsx", "app/server.ts"], { env: { ...process.env, ...vars }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const url = `http://127.0.0.1:${port}`;
    const until = Date.now() + 60_000;
    while (!out.includes("is serving")) {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`the server did not start: ${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    const load = checkLoad(url, people, { workers: 6, timeoutMs: 20_000 });
    while (load.samples.filter((s) => s.status === 303).length < 10) await new Promise((r) => setTimeout(r, 50));
    const slow = slowCheck(url, people[0]!.code, people[0]!.dob);
    await new Promise((r) => setTimeout(r, 300));
    const killAt = load.now();
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    slow.finish();
    const code = await exited;
    const exitMs = load.now() - killAt;
    const samples = await load.stop();

    expect(code).toBe(0);
    // Drained, not cut off by the drain's 10-second limit: keep-alive clients are told to close.
    expect(exitMs).toBeLessThan(8000);
    expect(await slow.status).toBe(303);
    // Every answer is a whole 303; a request sent after the SIGTERM may find the door closed.
    expect(samples.filter((s) => s.status !== null && s.status !== 303)).toEqual([]);
    const refused = samples.filter((s) => s.error !== null);
    for (const s of refused) expect(s.start, `${s.error} for a request sent ${Math.round(killAt - s.start)} ms before SIGTERM`).toBeGreaterThan(killAt - 1000);
    const drained = samples.filter((s) => s.start < killAt && s.end > killAt && s.status === 303);
    console.info(
      `sigterm under load (postgres): ${JSON.stringify({ requests: samples.length, in_flight_finished_after_sigterm: drained.length + 1, refused_after_sigterm: refused.length, exit_ms_after_sigterm: Math.round(exitMs) })}`,
    );
    expect(out).toContain("SIGTERM: draining requests");
  });
});
