import type { CliCommand } from "./types";

/** `npm run cli -- batch …` commands (owned by the issue that builds this area). */
export const batchCommands: CliCommand[] = [];
