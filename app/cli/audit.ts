import type { CliCommand } from "./types";

/** `npm run cli -- audit …` commands (owned by the issue that builds this area). */
export const auditCommands: CliCommand[] = [];
