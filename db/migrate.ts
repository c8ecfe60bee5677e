// `npm run db:migrate`: apply migrations to whichever database the environment names.
import { loadConfig } from "../app/utils/env.server";
import { migrateDatabase, openDatabase } from "./client";

const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
await migrateDatabase(database);
console.info(`Migrated the ${database.kind === "postgres" ? "PostgreSQL" : "embedded"} database.`);
await database.close();
