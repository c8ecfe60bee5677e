import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import * as schema from "./schema/index";

export type Schema = typeof schema;
/** The drizzle database, whichever driver is underneath. A transaction is one of these too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/**
 * One handle over either driver. Everything that differs between postgres.js and PGlite (raw
 * result shapes, int8 as string or number, bulk COPY, closing) is hidden here.
 */
export type Database = {
  kind: "postgres" | "pglite";
  db: Db;
  /** Run raw SQL and get rows as plain objects on both drivers. */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  /**
   * `rows` for a statement of the hot path whose text never varies (only its parameters do). On
   * PostgreSQL it is prepared once per connection: each later run is one round trip, while an
   * unprepared statement with parameters costs two (postgres.js asks the server for the
   * parameters' types first) and is parsed and planned every time (decision 105). It runs on
   * connections of its own that plan it once, with sequential scans priced out (decision 109):
   * only for statements that read by unique keys. Never give it text that varies per request:
   * each distinct text stays prepared on its connection.
   */
  prepared<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  /**
   * Run one fixed SQL text with `$1…` parameters (a prepared statement on PostgreSQL), rows as
   * plain objects on both drivers. For the hottest reads: no query building per call. Runs on the
   * pool, never inside a caller's transaction.
   */
  query<T = Record<string, unknown>>(text: string, params: unknown[]): Promise<T[]>;
  /**
   * Is the database answering, on both pools on PostgreSQL? For /readyz: false after
   * PING_TIMEOUT_MS at the latest, so a probe always gets its answer (a load balancer's own
   * timeout is a few seconds).
   */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** The underlying clients, for bulk paths (COPY). Exactly one is set. */
  postgres?: postgres.Sql;
  pglite?: PGlite;
};

/** Turns a drizzle `sql` template into text and parameters for `prepared`. */
const dialect = new PgDialect();

/** `prepared` on a driver's `query`: the template's text and parameters, run as `query` runs them. */
const preparedVia =
  (run: <T>(text: string, params: unknown[]) => Promise<T[]>) =>
  <T>(query: SQL): Promise<T[]> => {
    const { sql: text, params } = dialect.sqlToQuery(query);
    return run<T>(text, params);
  };

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "db/migrations");

export type OpenOptions = {
  /** postgres:// URL; when absent, PGlite is used. */
  url?: string;
  /** PGlite data directory; `memory://` for in-memory. */
  dataDir?: string;
  /** An already open PGlite (tests load one from a template). */
  pglite?: PGlite;
  poolMax?: number;
  /**
   * `lock_timeout` (ms) of every pooled connection (postgres.js only; PGlite has one connection and
   * nothing to wait for). A statement waiting longer for a lock fails with 55P03 (`isLockTimeout`).
   */
  lockTimeoutMs?: number;
};

/** The SQLSTATE of a PostgreSQL error, also when drizzle wraps it (`cause`). */
export function pgCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let i = 0; i < 3 && e && typeof e === "object"; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A statement gave up waiting for a lock (`lock_timeout`, SQLSTATE 55P03 lock_not_available). */
export function isLockTimeout(error: unknown): boolean {
  return pgCode(error) === "55P03";
}

/** Seconds a new connection to PostgreSQL may take before the query waiting for it fails. */
export const CONNECT_TIMEOUT_S = 10;

/** How long /readyz waits for the database before it says "down". */
export const PING_TIMEOUT_MS = 2000;

/** true when `run` succeeds within PING_TIMEOUT_MS; false when it fails or takes longer. */
async function answersWithin(run: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      run().then(
        () => true as const,
        () => false as const,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The connection to PostgreSQL was lost or could not be made (refused, reset, closed, timed out;
 * SQLSTATE class 08, or 57P01–57P03 when the server shuts down): the request could not reach the
 * database, so its answer is "try again shortly" (503) — also when the database is back by the
 * time the error is handled. Looks through drizzle's wrapping (`cause`).
 */
export function isConnectionLost(error: unknown): boolean {
  let e: unknown = error;
  for (let i = 0; i < 4 && e && typeof e === "object"; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") {
      if (
        /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|CONNECT_TIMEOUT|CONNECTION_CLOSED|CONNECTION_ENDED|CONNECTION_DESTROYED)$/.test(
          code,
        )
      )
        return true;
      if (/^(08...|57P0[123])$/.test(code)) return true;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    const common = {
      onnotice: () => {},
      // int8 counts come back as strings by default; ids here fit in a JS number.
      types: { bigint: postgres.BigInt },
      // After PostgreSQL went away, postgres.js waits before reconnecting a closed connection:
      // by default 3^failures/100 s, up to 20 s — queries queued meanwhile wait that long after it
      // is back. Capped at a second, the pool is back within about one second of the database
      // (tests/faults/database-away.int.test.ts), and a refused connect still fails at once (503).
      backoff: (failures: number) => Math.min(0.05 * 2 ** failures, 1),
      // A database that does not answer at all (not refused: dropped packets) fails a connect
      // after this many seconds instead of 30: the request gets its 503 sooner.
      connect_timeout: CONNECT_TIMEOUT_S,
    };
    const lockTimeout = options.lockTimeoutMs ? { lock_timeout: options.lockTimeoutMs } : {};
    const client = postgres(options.url, {
      ...common,
      max: options.poolMax ?? 10,
      connection: { application_name: "exposure-check", ...lockTimeout },
    });
    // The hot path's fixed statements (`prepared`, `query`) run on connections of their own,
    // opened on first use (decision 109):
    // - planned once per connection (a generic plan): the exposure read took 0.6–0.9 ms to plan
    //   and 0.1 ms to run;
    // - with sequential scans priced out, so a plan made while a table was nearly empty (the
    //   throttle table on notice-day morning) still uses its index as the table grows. Every hot
    //   statement reads by a unique key; a plan that cached a sequential scan slowed the check
    //   from ~380 to ~140 a second over ten minutes (decision 105). The rest of the app (reports
    //   over millions of rows) keeps the planner's defaults on its own pool.
    const hot = postgres(options.url, {
      ...common,
      max: options.poolMax ?? 10,
      connection: {
        application_name: "exposure-check-hot",
        plan_cache_mode: "force_generic_plan",
        enable_seqscan: "off",
        // Pricing a scan out makes a plan that must scan (a table of a few rows with no index
        // for the condition, e.g. the latest incident) cost ~1e10, far over jit_above_cost:
        // PostgreSQL then compiled such a statement on every run (~450 ms). Point lookups never
        // gain from JIT.
        jit: "off",
        ...lockTimeout,
      },
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Db;
    const runPrepared = async <T>(text: string, params: unknown[]): Promise<T[]> => {
      const result = await hot.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true });
      return [...(result as unknown as T[])].map(normalizeRow) as T[];
    };
    return {
      kind: "postgres",
      db,
      postgres: client,
      async rows<T>(query: SQL) {
        const result = await db.execute(query);
        return [...(result as unknown as T[])].map(normalizeRow) as T[];
      },
      prepared: preparedVia(runPrepared),
      query: runPrepared,
      ping: () => answersWithin(() => Promise.all([client`select 1`, hot`select 1`])),
      close: once(async () => {
        await Promise.all([client.end({ timeout: 5 }), hot.end({ timeout: 5 })]);
      }),
    };
  }
  let lite = options.pglite;
  let releaseLock = () => {};
  if (!lite) {
    const dir = options.dataDir ?? ".data/pglite";
    if (!dir.startsWith("memory://")) {
      mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
      releaseLock = lockDataDir(path.resolve(dir));
    }
    lite = new PGlite(dir);
  }
  const client = lite;
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const runQuery = async <T>(text: string, params: unknown[]): Promise<T[]> => (await client.query<T>(text, params)).rows.map(normalizeRow);
  return {
    kind: "pglite",
    db,
    pglite: client,
    async rows<T>(query: SQL) {
      const result = (await db.execute(query)) as unknown as { rows: T[] };
      return result.rows.map(normalizeRow) as T[];
    },
    prepared: preparedVia(runQuery),
    query: runQuery,
    ping: () => answersWithin(() => client.query("select 1")),
    close: once(async () => {
      if (!client.closed) await client.close();
      releaseLock();
    }),
  };
}

export class DatabaseInUseError extends Error {}

/**
 * A PGlite folder admits one process at a time: two would corrupt it. The first to open it leaves
 * `<dir>.lock` with its pid; another process (the CLI while `npm start` runs) is refused with a
 * clear message. A lock whose process is gone is taken over.
 */
function lockDataDir(dir: string): () => void {
  const lockFile = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (readFileSync(lockFile, "utf8") === String(process.pid)) unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch {
      const pid = Number(readFileSync(lockFile, "utf8"));
      if (pid === process.pid) return () => {};
      if (pid > 0 && processAlive(pid)) {
        throw new DatabaseInUseError(
          `The embedded database in ${dir} is in use by process ${pid} (is \`npm start\` running?). ` +
            "Stop it first, or point both at PostgreSQL with DATABASE_URL.",
        );
      }
      unlinkSync(lockFile);
    }
  }
  throw new DatabaseInUseError(`Could not lock ${dir}.`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Closing twice (a test that closed the database under a running server) is harmless. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

/** bigint → number (counts and ids are far below 2^53). */
function normalizeRow<T>(row: T): T {
  if (row && typeof row === "object") {
    for (const [k, v] of Object.entries(row)) {
      if (typeof v === "bigint") (row as Record<string, unknown>)[k] = Number(v);
    }
  }
  return row;
}

/** Apply drizzle-kit migrations; the same files on both drivers. */
export async function migrateDatabase(database: Database, migrationsFolder = MIGRATIONS_DIR): Promise<void> {
  if (database.kind === "postgres") {
    await migratePostgres(database.db as never, { migrationsFolder });
  } else {
    await migratePglite(database.db as never, { migrationsFolder });
  }
}
