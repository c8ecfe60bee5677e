import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";

describe("the embedded database folder", () => {
  it("admits one process: the CLI is refused, clearly, while another process holds it", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "ec-lock-"));
    const database = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
    try {
      expect(existsSync(path.join(dataDir, "pglite.lock"))).toBe(true);
      const cli = spawnSync(path.resolve("node_modules/.bin/tsx"), ["app/cli.ts", "audit", "verify"], {
        env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: "development" },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(cli.status).toBe(1);
      expect(cli.stderr).toContain(`is in use by process ${process.pid}`);
    } finally {
      await database.close();
    }
    expect(existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);
  }, 90_000);
});
