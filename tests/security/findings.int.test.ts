// One regression test per red-team finding (issue 15) that is not covered by its own file
// (body-limits, race, redirect-fuzz, route-fuzz). Each says which finding it holds shut.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { auditClientAddresses, auditEvents, emailMessages } from "../../db/schema/index";
import { describeError } from "~/utils/log.server";
import type { AppServer } from "../../app/server";
import { startServer } from "../../app/server";
import { seedDemo } from "~/services/demo/seed.server";
import { createAppContext } from "~/services/context.server";
import { redeemActivationCode } from "~/services/notices/check.server";
import { DEMO_STAFF, demoLeftoversMessage, disableDemoLeftovers, findDemoLeftovers, seedDemoStaff } from "~/services/demo/staff.server";
import { signInWithPassword } from "~/services/staff/login.server";
import { ConfigError, loadConfig, type Config } from "~/utils/env.server";
import { openTestEnv, type TestEnv } from "../support/db";
import { loadBuild, startTestServer, visibleText } from "../support/server";
import { createStaff } from "../support/staff";

let env: TestEnv;
let server: AppServer;

beforeAll(async () => {
  env = await openTestEnv({ start: new Date() });
  server = await startTestServer(env);
});
afterAll(async () => {
  await server?.close();
  await env?.close().catch(() => {});
});

let seq = 0;
const meta = () => ({ ip: `198.18.0.${++seq}`, requestId: `finding-${seq}` });

describe(`finding 2: demo credentials never work in production (${process.env.TEST_DB_KIND})`, () => {
  it("production refuses to start while demo accounts or demo codes are usable, names them, and starts once `demo disable` ran", async () => {
    const seeded = await seedDemo(env.ctx, { notices: 12 });
    await seedDemoStaff(env.ctx, { print: false });
    const production = { ...env.config, env: "production" as const, port: 0, host: "127.0.0.1" };
    const build = await loadBuild();
    const refused = await startServer({ config: production, build, database: env.database, ctx: env.ctx }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as Error).message).toContain("Refusing to start in production");
    expect((refused as Error).message).toContain("admin@demo.test");
    expect((refused as Error).message).toContain("demo notices");
    expect((refused as Error).message).toContain("npm run cli -- demo disable");

    // Sign-in refuses a demo account in production even with the published password (and says
    // nothing that tells it apart from a wrong password).
    const prodCtx = createAppContext(env.database, { ...env.config, env: "production" }, { now: env.ctx.now, sleep: async () => {} });
    const demoAdmin = DEMO_STAFF.find((d) => d.role === "admin")!;
    expect((await signInWithPassword(prodCtx, meta(), { email: demoAdmin.email, password: demoAdmin.password })).kind).toBe("refused");
    // Outside production the same account signs in (the demo is for trying the portal).
    expect((await signInWithPassword(env.ctx, meta(), { email: demoAdmin.email, password: demoAdmin.password })).kind).toBe("next");

    // The demo admin is the only admin: it stays until a real one exists.
    const first = await disableDemoLeftovers(env.ctx, { kind: "cli", name: "test" });
    expect(first.notDisabled).toEqual(["admin@demo.test"]);
    expect(demoLeftoversMessage(await findDemoLeftovers(env.ctx))).toContain("admin@demo.test");
    await createStaff(env.ctx, "admin");
    const done = await disableDemoLeftovers(env.ctx, { kind: "cli", name: "test" });
    expect(done).toMatchObject({ staffDisabled: 1, notDisabled: [] });
    expect(first.noticesRevoked).toBeGreaterThan(0);
    expect(demoLeftoversMessage(await findDemoLeftovers(env.ctx))).toBeNull();
    // A published demo code no longer opens anything.
    const demo = seeded.demo[0]!;
    expect((await redeemActivationCode(env.ctx, meta(), { code: demo.code, dateOfBirth: demo.dateOfBirth })).kind).toBe("mismatch");

    const started = await startServer({ config: production, build, database: env.database, ctx: env.ctx });
    await new Promise<void>((resolve) => started.server.close(() => resolve())); // not started.close(): the database is the test's
  });
});

describe(`finding 4: no open redirect through next (${process.env.TEST_DB_KIND})`, () => {
  it("the reported language switches go home: a tab-smuggled host and a CR/LF header split", async () => {
    for (const next of ["/%09/evil.example/phish", "/%0d%0aSet-Cookie:%20x=1", "//evil.example", "/%5Cevil.example", "https://evil.example/"]) {
      const res = await fetch(`${server.url}/language/es?next=${next}`, { redirect: "manual" });
      expect(res.status, next).toBe(302);
      expect(res.headers.get("location"), next).toBe("/");
      expect(res.headers.getSetCookie().join(";")).not.toContain("x=1");
    }
    const ok = await fetch(`${server.url}/language/es?next=${encodeURIComponent("/faq?x=1")}`, { redirect: "manual" });
    expect(ok.headers.get("location")).toBe("/faq?x=1");
  });

  it("the staff sign-in keeps only staff paths in its next field", async () => {
    const res = await fetch(`${server.url}/staff/login?next=/%09/evil.example`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('name="next" value="/staff"');
    const page = await fetch(`${server.url}/staff/login?next=/admin/batches`);
    expect(await page.text()).toContain('name="next" value="/admin/batches"');
    expect(visibleText(await (await fetch(`${server.url}/staff/login?next=%0d%0a`)).text())).toContain("Staff sign-in");
  });
});

describe(`finding 12: no database at start-up; failed queries logged without parameters (${process.env.TEST_DB_KIND})`, () => {
  it("listens at once, answers /healthz 200 and /readyz 503, and retries with one line per attempt", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
    const stop = new AbortController();
    let url = "";
    const listening = new Promise<void>((resolve) => {
      const started = startServer({
        config: { ...env.config, databaseUrl: "postgres://nobody@127.0.0.1:9/nowhere", port: 0, host: "127.0.0.1" },
        build: undefined,
        waitForDatabase: { onListening: (u) => ((url = u), resolve()), signal: stop.signal, firstRetryMs: 50 },
      });
      void started.then(
        () => {},
        () => {},
      );
    });
    try {
      await listening;
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ ok: false, database: "down" });
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(503);
      expect(visibleText(await page.text())).toContain("Please try again shortly");
      await vi.waitFor(() => expect(lines.length).toBeGreaterThanOrEqual(2), { timeout: 5000 });
      for (const line of lines.filter((l) => l.includes("Database"))) {
        expect(line).toMatch(/^Database not reachable \([A-Z_]+\); trying again in \d+ s \(attempt \d+\)/);
        expect(line).not.toContain("\n");
        expect(line).not.toMatch(/\s+at /);
      }
    } finally {
      stop.abort();
      spy.mockRestore();
    }
  });

  it("a failed query is described by its error code, never its parameters", async () => {
    const error = await env.ctx.db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.id, 99999999999999999999999))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(Error);
    const fields = describeError(error);
    expect(JSON.stringify(fields)).not.toMatch(/e\+22|99999|select|email_messages/i);
    expect(fields.code).toMatch(/^[0-9A-Z]{5}$|^unknown$/);
  });
});

describe(`finding 11: TRUST_PROXY names a hop count or the proxies' addresses (${process.env.TEST_DB_KIND})`, () => {
  const base = {
    NODE_ENV: "test" as const,
    DATA_DIR: ".data/test-trust",
    SESSION_SECRET: "s".repeat(40),
    CODE_PEPPER: "p".repeat(40),
    DATA_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}`,
    AUDIT_SEAL_KEY: "a".repeat(40),
  };

  it("parses unset, a hop count and address lists; refuses anything else, naming it", () => {
    expect(loadConfig({ ...base }).trustProxySetting).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: "0" }).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: "1" }).trustProxySetting).toEqual({ hops: 1 }); // the old meaning, kept
    expect(loadConfig({ ...base, TRUST_PROXY: "10.0.0.7, 10.1.0.0/16, loopback" }).trustProxySetting).toEqual({
      addresses: ["10.0.0.7", "10.1.0.0/16", "loopback"],
    });
    expect(() => loadConfig({ ...base, TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY.*yes/);
    expect(() => loadConfig({ ...base, TRUST_PROXY: "10.0.0.0/99" })).toThrow(ConfigError);
  });

  /** The address the audit trail records for a check sent with a forged X-Forwarded-For. */
  async function recordedAddress(trust: Config["trustProxySetting"]): Promise<string | null> {
    const config = { ...env.config, trustProxy: trust !== false, trustProxySetting: trust, port: 0, host: "127.0.0.1" };
    const ctx = createAppContext(env.database, config, { now: env.ctx.now, sleep: async () => {} });
    const started = await startServer({ config, build: await loadBuild(), database: env.database, ctx });
    try {
      const res = await fetch(`${started.url}/check`, {
        method: "POST",
        headers: { "Sec-Fetch-Site": "same-origin", "X-Forwarded-For": "6.6.6.6, 7.7.7.7", "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ code: "DEM0-ADV1-T7K4-Q2X3", "dob-month": "1", "dob-day": "2", "dob-year": "1970" }),
        redirect: "manual",
      });
      await res.arrayBuffer();
      // The clear address lives in the side table for 30 days (the audit row keeps a keyed hash).
      const [row] = await env.ctx.db
        .select({ ip: auditClientAddresses.ip })
        .from(auditEvents)
        .innerJoin(auditClientAddresses, eq(auditClientAddresses.auditId, auditEvents.id))
        .where(eq(auditEvents.requestId, res.headers.get("x-request-id")!));
      return row?.ip ?? null;
    } finally {
      await new Promise<void>((resolve) => started.server.close(() => resolve()));
    }
  }

  it("over HTTP: untrusted, the peer's address; one hop, the address that hop saw; a proxy list, only when the peer is one of them", async () => {
    expect(await recordedAddress(false)).toMatch(/127\.0\.0\.1/);
    expect(await recordedAddress({ hops: 1 })).toBe("7.7.7.7"); // never the client-chosen 6.6.6.6
    expect(await recordedAddress({ addresses: ["10.9.9.9"] })).toMatch(/127\.0\.0\.1/); // not from the proxy: header ignored
    expect(await recordedAddress({ addresses: ["loopback"] })).toBe("7.7.7.7");
  });
});
