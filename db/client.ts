import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { mkdirSync } from "node:fs";
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
  /** Is the database answering? For /readyz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** The underlying clients, for bulk paths (COPY). Exactly one is set. */
  postgres?: postgres.Sql;
  pglite?: PGlite;
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
};

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.poolMax ?? 10,
      onnotice: () => {},
      // int8 counts come back as strings by default; ids here fit in a JS number.
      types: { bigint: postgres.BigInt },
      connection: { application_name: "exposure-check" },
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Db;
    return {
      kind: "postgres",
      db,
      postgres: client,
      async rows<T>(query: SQL) {
        const result = await db.execute(query);
        return [...(result as unknown as T[])].map(normalizeRow) as T[];
      },
      async ping() {
        try {
          await client`select 1`;
          return true;
        } catch {
          return false;
        }
      },
      close: once(() => client.end({ timeout: 5 })),
    };
  }
  let lite = options.pglite;
  if (!lite) {
    const dir = options.dataDir ?? ".data/pglite";
    if (!dir.startsWith("memory://")) mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
    lite = new PGlite(dir);
  }
  const client = lite;
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: "pglite",
    db,
    pglite: client,
    async rows<T>(query: SQL) {
      const result = (await db.execute(query)) as unknown as { rows: T[] };
      return result.rows.map(normalizeRow) as T[];
    },
    async ping() {
      try {
        await client.query("select 1");
        return true;
      } catch {
        return false;
      }
    },
    close: once(() => (client.closed ? Promise.resolve() : client.close())),
  };
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
