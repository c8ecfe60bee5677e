import { PGlite } from "@electric-sql/pglite";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { MIGRATIONS_DIR, migrateDatabase, openDatabase } from "../../db/client";

/** A name that changes whenever a migration changes, so templates never go stale. */
function migrationsHash(): string {
  const h = createHash("sha256");
  for (const f of readdirSync(MIGRATIONS_DIR).sort()) if (f.endsWith(".sql")) h.update(f).update(readFileSync(path.join(MIGRATIONS_DIR, f)));
  return h.digest("hex").slice(0, 12);
}

/**
 * Build a migrated template once per run: a PGlite data-dir dump, or a PostgreSQL template
 * database. Each test file then starts from a private copy of it (tests/support/db.ts).
 */
export default async function setup(project: TestProject) {
  const kind = project.config.env?.TEST_DB_KIND ?? process.env.TEST_DB_KIND;
  const hash = migrationsHash();
  if (kind === "postgres") {
    const url = process.env.TEST_DATABASE_URL!;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    const name = `ec_tpl_${hash}_${process.pid}`;
    await admin.unsafe(`drop database if exists ${name}`);
    await admin.unsafe(`create database ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ url: u.toString(), poolMax: 1 });
    await migrateDatabase(database);
    await database.close();
    project.provide("pgTemplate", name);
    return async () => {
      // Drop test databases left by crashed workers of this run, then the template.
      const left = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${name}_t_%`}`;
      for (const { datname } of left) await admin.unsafe(`drop database if exists ${datname} with (force)`);
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const dir = path.join(os.tmpdir(), "exposure-check-tests");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `template-${hash}-${process.pid}.tar`);
  const lite = new PGlite("memory://");
  const database = await openDatabase({ pglite: lite });
  await migrateDatabase(database);
  const dump = await lite.dumpDataDir("none");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await lite.close();
  project.provide("pgliteTemplate", file);
}

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string;
    pgliteTemplate: string;
  }
}
