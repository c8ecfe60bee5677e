// Fault under load (issue 12 item 5a): PostgreSQL goes away while people are checking in, then
// comes back. A TCP proxy between the server and PostgreSQL is cut (every connection dropped, new
// ones refused) and restored. While it is away every answer is a quick plain 503 "try again
// shortly" and /readyz says 503; no request hangs; nothing answers 500; once it is back the
// server recovers by itself (the pool reconnects) and checks succeed again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../../app/server";
import { startServer } from "../../app/server";
import { CONNECT_TIMEOUT_S, openDatabase, type Database } from "../../db/client";
import { createAppContext } from "~/services/context.server";
import { openTestEnv, type TestEnv } from "../support/db";
import { loadBuild } from "../support/server";
import { createMailedWorld, createNotice } from "../factories";
import { checkLoad, CuttableProxy, quantile } from "./support";

const onPostgres = process.env.TEST_DB_KIND === "postgres";

let env: TestEnv;
let proxy: CuttableProxy;
let proxied: Database;
let server: AppServer;
beforeAll(async () => {
  if (!onPostgres) return;
  // Each request of the load comes from its own address (X-Forwarded-For through one trusted hop),
  // so no per-address limit is involved. The app reads it from its context's config.
  env = await openTestEnv({ start: new Date(), config: { trustProxy: true, trustProxySetting: { hops: 1 } } });
  const o = env.database.postgres!.options;
  proxy = new CuttableProxy({ host: o.host[0]!, port: o.port[0]! });
  await proxy.start();
  proxied = await openDatabase({ url: `postgres://${o.user}@127.0.0.1:${proxy.port}/${o.database}`, poolMax: 10, lockTimeoutMs: 5000 });
  const ctx = createAppContext(proxied, env.config);
  server = await startServer({
    config: { ...env.config, port: 0, host: "127.0.0.1" },
    build: await loadBuild(),
    database: proxied,
    ctx,
  });
});
afterAll(async () => {
  await server?.close().catch(() => {});
  await proxy?.cut();
  await env?.close();
});

const ready = async () => (await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(10_000) })).status;

// PGlite is embedded in the process: there is no connection to lose.
describe.skipIf(!onPostgres)("PostgreSQL goes away under load, and comes back (postgres only: PGlite has no connection to cut)", () => {
  it("503s quickly while it is away, /readyz 503, no hang, no 500; recovers by itself", async () => {
    const { batch } = await createMailedWorld(env.ctx);
    const people = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const dob = `1964-03-${String(i + 1).padStart(2, "0")}`;
        return { code: (await createNotice(env.ctx, batch, { dateOfBirth: dob })).code, dob };
      }),
    );
    const load = checkLoad(server.url, people, { workers: 6, timeoutMs: 15_000 });
    const waitUntil = async (ms: number) => {
      while (load.now() < ms) await new Promise((r) => setTimeout(r, 50));
    };
    await waitUntil(1500);
    const cutAt = load.now();
    await proxy.cut();
    await waitUntil(cutAt + 500);
    expect(await ready()).toBe(503);
    await waitUntil(cutAt + 3000);
    const restoreAt = load.now();
    await proxy.restore();
    // Recovery without anyone's help: /readyz turns 200 within a few seconds.
    let recoveredAt = Number.POSITIVE_INFINITY;
    while (load.now() < restoreAt + 10_000) {
      if ((await ready()) === 200) {
        recoveredAt = load.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(recoveredAt).toBeLessThan(restoreAt + 10_000);
    await waitUntil(recoveredAt + 1500);
    const samples = await load.stop();

    const away = samples.filter((s) => s.status === 503);
    const awayMs = away.map((s) => s.end - s.start);
    const after = samples.filter((s) => s.start > recoveredAt + 200);
    console.info(
      `database away (postgres): ${JSON.stringify({
        requests: samples.length,
        served_503: away.length,
        p50_503_ms: Math.round(quantile(awayMs, 0.5)),
        p99_503_ms: Math.round(quantile(awayMs, 0.99)),
        recovered_ms_after_restore: Math.round(recoveredAt - restoreAt),
        checks_after_recovery: after.length,
      })}`,
    );
    // Never a hang, never a connection error, never a 500: a 303 or a plain 503.
    expect(samples.filter((s) => s.error !== null)).toEqual([]);
    expect(new Set(samples.map((s) => s.status))).toEqual(new Set([303, 503]));
    expect(away.length).toBeGreaterThan(0);
    for (const s of away) expect(s.body).toContain("Please try again shortly");
    // Every 503 belongs to the outage (answered between the cut and the recovery)…
    for (const s of away) expect(s.end).toBeGreaterThanOrEqual(cutAt);
    for (const s of away) expect(s.start).toBeLessThanOrEqual(recoveredAt);
    // …and came quickly: most within a few seconds (a 303 takes ~0.3 s on this shared machine; the
    // pool retries a refused connect within a second), none later than one connect timeout. A
    // connect caught at the moment of the cut can wait out CONNECT_TIMEOUT_S (one CI run: p99
    // 10.3 s, p50 well under it); that is the bound the server promises, not a hang.
    expect(quantile(awayMs, 0.5)).toBeLessThan(5000);
    expect(Math.max(...awayMs)).toBeLessThan(CONNECT_TIMEOUT_S * 1000 + 3000);
    // After the recovery, people get in again.
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((s) => s.status === 303)).toBe(true);
  });
});
