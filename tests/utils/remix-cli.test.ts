import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// `npm start` and `npm test` build with the Remix CLI (classic compiler). Its commands module used
// to load the Vite plugin eagerly, which loads Vite's deprecated CJS API and prints a warning on
// every build; .patches/@remix-run+dev+2.17.5.patch loads the plugin only for the Vite commands.
describe("the Remix CLI", () => {
  it("starts without Vite's CJS deprecation warning (no environment variable hides it)", () => {
    const cli = path.resolve("node_modules/.bin/remix"); // the command npm runs, not a path inside the package
    const env = { ...process.env };
    delete env.VITE_CJS_IGNORE_WARNING;
    const run = spawnSync(process.execPath, [cli, "--version"], { encoding: "utf8", env });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe("2.17.5");
    expect(run.stderr).not.toMatch(/CJS build of Vite/);
  });
});
