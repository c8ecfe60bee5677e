import type { CliCommand } from "./types";

/** `npm run cli -- report …` commands (owned by the issue that builds this area). */
export const reportCommands: CliCommand[] = [];
