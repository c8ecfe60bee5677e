import type { CliCommand } from "./types";

/** `npm run cli -- pool …` commands (owned by the issue that builds this area). */
export const poolCommands: CliCommand[] = [];
