import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { vi } from "vitest";
import type { AppContext } from "../../app/services/context.server";
import { CliUsageError, type CliCommand } from "../../app/cli/types";
import { incidentCommands } from "../../app/cli/incident";
import { orgCommands } from "../../app/cli/org";
import { batchCommands } from "../../app/cli/batches";
import { poolCommands } from "../../app/cli/pool";
import { reportCommands } from "../../app/cli/reports";
import { staffCommands } from "../../app/cli/staff";
import { maintenanceCommands } from "../../app/cli/maintenance";
import { auditCommands } from "../../app/cli/audit";

const ALL: CliCommand[] = [
  ...incidentCommands,
  ...orgCommands,
  ...batchCommands,
  ...poolCommands,
  ...reportCommands,
  ...staffCommands,
  ...maintenanceCommands,
  ...auditCommands,
];

export type CliRun = { code: number; out: string; err: string };

/**
 * Run one admin command in this process on the test's own database (PGlite or PostgreSQL alike),
 * the way app/cli.ts does: exit 2 on bad usage. Output is captured, not printed.
 */
export async function runCli(ctx: AppContext, argv: string[]): Promise<CliRun> {
  const [group, verb, ...rest] = argv;
  const command = ALL.find((c) => c.name === `${group} ${verb}`) ?? ALL.find((c) => c.name === group);
  if (!command) throw new Error(`no command ${argv.join(" ")}`);
  const args = command.name.includes(" ") ? rest : [verb, ...rest].filter((x): x is string => x !== undefined);
  const out: string[] = [];
  const err: string[] = [];
  const grab =
    (into: string[]) =>
    (...xs: unknown[]) =>
      void into.push(xs.map(String).join(" "));
  const spies = [
    vi.spyOn(console, "log").mockImplementation(grab(out)),
    vi.spyOn(console, "info").mockImplementation(grab(out)),
    vi.spyOn(console, "warn").mockImplementation(grab(err)),
    vi.spyOn(console, "error").mockImplementation(grab(err)),
  ];
  try {
    const code = await command.run(ctx, args);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } catch (error) {
    if (error instanceof CliUsageError) return { code: 2, out: out.join("\n"), err: [...err, error.message].join("\n") };
    throw error;
  } finally {
    for (const s of spies) s.mockRestore();
  }
}

/** A temporary file with this content; returns its path. */
export function tempFile(name: string, content: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ec-cli-"));
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}
