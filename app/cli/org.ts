import type { CliCommand } from "./types";

/** `npm run cli -- org …` commands (owned by the issue that builds this area). */
export const orgCommands: CliCommand[] = [];
