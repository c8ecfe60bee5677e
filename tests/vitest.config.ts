import path from "node:path";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");
const alias = { "~": path.join(root, "app") };
const shared = {
  root,
  resolve: { alias },
};
/**
 * `*.test.ts` are unit tests (run once). `*.int.test.ts` are integration tests: they run on PGlite,
 * and again on PostgreSQL when TEST_DATABASE_URL is set — the same file, two projects.
 */
const projects: TestProjectInlineConfiguration[] = [
  {
    ...shared,
    test: {
      name: "unit",
      // CI shares two cores with PostgreSQL: generous limits, so a slow moment is not a failure.
      testTimeout: 30_000,
      include: ["tests/**/*.test.ts"],
      exclude: ["tests/**/*.int.test.ts", "tests/e2e/**", "tests/bench/**", "node_modules/**"],
      env: { NODE_ENV: "test" as const },
    },
  },
  {
    ...shared,
    test: {
      name: "pglite",
      include: ["tests/**/*.int.test.ts"],
      exclude: ["tests/e2e/**", "node_modules/**"],
      env: { NODE_ENV: "test" as const, TEST_DB_KIND: "pglite" },
      globalSetup: ["tests/support/global-setup.ts"],
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          ...shared,
          test: {
            name: "postgres",
            include: ["tests/**/*.int.test.ts"],
            exclude: ["tests/e2e/**", "node_modules/**"],
            env: { NODE_ENV: "test" as const, TEST_DB_KIND: "postgres" },
            globalSetup: ["tests/support/global-setup.ts"],
            testTimeout: 60_000,
            hookTimeout: 60_000,
          },
        },
      ]
    : []),
];

export default defineConfig({
  resolve: { alias },
  test: {
    projects,
    reporters: ["default", path.join(root, "tests/support/count-reporter.ts")],
    pool: "forks",
    maxWorkers: 2,
  },
});
