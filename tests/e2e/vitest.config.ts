import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "../..");

/** Browser tests: Debian's Chromium through playwright-core, against the real built server. */
export default defineConfig({
  root,
  resolve: { alias: { "~": path.join(root, "app") } },
  test: {
    include: ["tests/e2e/**/*.e2e.test.ts"],
    env: { NODE_ENV: "test" },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    reporters: ["default", path.join(root, "tests/support/count-reporter.ts")],
  },
});
