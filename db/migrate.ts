// `npm run db:migrate`: apply migrations to whichever database the environment names.
// Reads only DATABASE_URL and DATA_DIR (from the environment or `.env`), the same two settings the
// server uses to find its database, so db/ needs nothing from app/.
import { existsSync } from "node:fs";
import { migrateDatabase, openDatabase } from "./client";

if (existsSync(".env") && typeof process.loadEnvFile === "function") process.loadEnvFile(".env");
const url = process.env.DATABASE_URL || undefined;
if (!url && process.env.NODE_ENV === "production") {
  console.error("DATABASE_URL is required in production.");
  process.exit(1);
}
const dataDir = process.env.DATA_DIR || ".data";
const database = await openDatabase({ url, dataDir: `${dataDir}/pglite` });
await migrateDatabase(database);
console.info(`Migrated the ${database.kind === "postgres" ? "PostgreSQL" : "embedded"} database.`);
await database.close();
