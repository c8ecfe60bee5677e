// `npm run cli -- <command>`: the admin command line. It works on whichever database the
// environment names (embedded PGlite under .data/ by default), like the server, and calls the same
// services. Exit codes: 0 done, 1 refused (e.g. rejected rows), 2 bad usage.
import { migrateDatabase, openDatabase } from "../db/client";
import { createAppContext } from "./services/context.server";
import { ConfigError, loadConfig } from "./utils/env.server";
import { CliUsageError, type CliCommand } from "./cli/types";
import { auditCommands } from "./cli/audit";
import { batchCommands } from "./cli/batches";
import { demoCommands } from "./cli/demo";
import { incidentCommands } from "./cli/incident";
import { maintenanceCommands } from "./cli/maintenance";
import { orgCommands } from "./cli/org";
import { poolCommands } from "./cli/pool";
import { reportCommands } from "./cli/reports";
import { reprintCommands } from "./cli/reprint";
import { staffCommands } from "./cli/staff";

const COMMANDS: CliCommand[] = [
  ...incidentCommands,
  ...orgCommands,
  ...batchCommands,
  ...poolCommands,
  ...staffCommands,
  ...reportCommands,
  ...auditCommands,
  ...reprintCommands,
  ...demoCommands,
  ...maintenanceCommands,
];

function usage(): string {
  return ["Usage: npm run cli -- <command> [options]", "", ...COMMANDS.map((c) => `  ${c.name.padEnd(18)} ${c.usage}`)].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [group, verb, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === `${group} ${verb}`) ?? COMMANDS.find((c) => c.name === group);
  if (!command || argv.includes("--help") || argv.includes("-h")) {
    console.error(usage());
    return command ? 0 : 2;
  }
  const args = command.name.includes(" ") ? rest : [verb, ...rest].filter((x): x is string => x !== undefined);
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  if (command.withoutDatabase) {
    try {
      return await command.withoutDatabase(config, args);
    } catch (error) {
      if (error instanceof CliUsageError) {
        console.error(`${error.message}\n\n${command.name}: ${command.usage}`);
        return 2;
      }
      throw error;
    }
  }
  const database = await openDatabase({ url: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
  try {
    await migrateDatabase(database);
    const ctx = createAppContext(database, config);
    return await command.run(ctx, args);
  } catch (error) {
    if (error instanceof CliUsageError) {
      console.error(`${error.message}\n\n${command.name}: ${command.usage}`);
      return 2;
    }
    throw error;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
