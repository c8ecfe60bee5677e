import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

function run(env: Record<string, string>) {
  // As `npm start` runs it: node with tsx as a loader, so SIGTERM reaches the server itself (the tsx
  // CLI relays signals and SIGKILLs a child that has not answered within ~60 ms, e.g. under load).
  const child = spawn(process.execPath, ["--import", "tsx", "app/server.ts"], {
    env: { ...process.env, NODE_ENV: "development", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += String(d)));
  child.stderr.on("data", (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(predicate: () => boolean, ms: number) {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("npm start", () => {
  it("serves the embedded demo, prints demo codes with dates of birth, and drains on SIGTERM", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "ec-start-"));
    const port = String(3400 + Math.floor(Math.random() * 500));
    const server = run({ DATA_DIR: dataDir, PORT: port, HOST: "127.0.0.1" });
    await waitFor(() => server.output().includes("is serving"), 90_000);
    const out = server.output();
    expect(out).toContain(`Using development secrets from ${path.join(path.resolve(dataDir), "dev-secrets.json")}`);
    for (const label of ["adult", "minor", "Spanish speaker"]) {
      expect(out).toMatch(new RegExp(`^\\s+[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\\s+\\d{4}-\\d{2}-\\d{2}\\s+\\(${label}\\)$`, "m"));
    }
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(res.status).toBe(200);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });

  it("refuses to start in production without a database and secrets, naming them", async () => {
    const server = run({ NODE_ENV: "production", DATABASE_URL: "", SESSION_SECRET: "", CODE_PEPPER: "", DATA_KEYS: "", AUDIT_SEAL_KEY: "", PUBLIC_URL: "" });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/missing DATABASE_URL, SESSION_SECRET, CODE_PEPPER, DATA_KEYS, AUDIT_SEAL_KEY, PUBLIC_URL/);
  });
});
