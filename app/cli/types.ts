import { parseArgs, type ParseArgsConfig } from "node:util";
import type { AppContext } from "~/services/context.server";
import type { Config } from "~/utils/env.server";

/** One CLI command: `name` is "group verb" (e.g. "batch import"). `run` returns the exit code. */
export type CliCommand = {
  name: string;
  usage: string;
  run(ctx: AppContext, args: string[]): Promise<number>;
  /**
   * Set for commands that need no database: they run without opening it, so they also work while
   * the server holds the embedded database (a PGlite folder admits one process at a time).
   */
  withoutDatabase?: (config: Config, args: string[]) => Promise<number>;
};

/** Bad usage: exit code 2 with the command's usage line. */
export class CliUsageError extends Error {}

/** The actor the CLI writes in audit rows. */
export const CLI_ACTOR = { actorType: "cli" as const, actorId: process.env.USER ?? "cli", actorRole: "admin" };

/** node:util parseArgs, with unknown options reported as usage errors. */
export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}
