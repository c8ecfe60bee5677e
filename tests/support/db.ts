import { PGlite } from "@electric-sql/pglite";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { openDatabase, type Database } from "../../db/client";
import { createAppContext, type AppContext } from "../../app/services/context.server";
import { DEFAULT_DB_LOCK_TIMEOUT_MS, testConfig, type Config } from "../../app/utils/env.server";

/** A clock tests move by hand: lock expiry, session idle and reminders without waiting. */
export class TestClock {
  private t: number;
  constructor(start: Date | string = "2026-11-20T15:00:00Z") {
    this.t = new Date(start).getTime();
  }
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
  set(d: Date | string): void {
    this.t = new Date(d).getTime();
  }
}

export type TestEnv = {
  kind: "pglite" | "postgres";
  database: Database;
  ctx: AppContext;
  clock: TestClock;
  config: Config;
  /** Milliseconds the code under test asked to sleep (throttling), without sleeping. */
  slept: number[];
  close(): Promise<void>;
};

export const TEST_DB_KIND: "pglite" | "postgres" = process.env.TEST_DB_KIND === "postgres" ? "postgres" : "pglite";

/**
 * A private, migrated database for one test file: a copy of the run's template (PGlite data-dir
 * dump or PostgreSQL template database), so files never see each other's rows.
 */
export async function openTestDatabase(options: { lockTimeoutMs?: number } = {}): Promise<{ database: Database; drop(): Promise<void> }> {
  if (TEST_DB_KIND === "postgres") {
    const template = inject("pgTemplate");
    const url = new URL(process.env.TEST_DATABASE_URL!);
    const name = `${template}_t_${randomBytes(4).toString("hex")}`;
    const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${template}`);
    url.pathname = `/${name}`;
    // The server's pool gives up waiting for a lock (503 "busy"); tests run with the same setting.
    const database = await openDatabase({ url: url.toString(), poolMax: 10, lockTimeoutMs: options.lockTimeoutMs ?? DEFAULT_DB_LOCK_TIMEOUT_MS });
    return {
      database,
      async drop() {
        await database.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const file = inject("pgliteTemplate");
  const lite = new PGlite({ loadDataDir: new Blob([readFileSync(file)]) });
  const database = await openDatabase({ pglite: lite });
  return { database, drop: () => database.close() };
}

export async function openTestEnv(options: { start?: Date | string; config?: Partial<Config>; lockTimeoutMs?: number } = {}): Promise<TestEnv> {
  const { database, drop } = await openTestDatabase({ lockTimeoutMs: options.lockTimeoutMs });
  const clock = new TestClock(options.start);
  const config = testConfig({ ...(options.lockTimeoutMs === undefined ? {} : { dbLockTimeoutMs: options.lockTimeoutMs }), ...options.config });
  const slept: number[] = [];
  const ctx = createAppContext(database, config, {
    now: clock.now,
    sleep: async (ms) => {
      slept.push(ms);
    },
  });
  return { kind: TEST_DB_KIND, database, ctx, clock, config, slept, close: drop };
}
