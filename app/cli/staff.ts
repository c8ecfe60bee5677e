import type { CliCommand } from "./types";

/** `npm run cli -- staff …` commands (owned by the issue that builds this area). */
export const staffCommands: CliCommand[] = [];
