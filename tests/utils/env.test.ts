import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "~/utils/env.server";

const key = (id: string) => `${id}:${Buffer.alloc(32, 1).toString("base64")}`;

describe("configuration", () => {
  it("refuses to start in production without the database and secrets, naming each", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) });
    } catch (e) {
      const msg = (e as Error).message;
      for (const name of ["DATABASE_URL", "CODE_PEPPER", "DATA_KEYS", "AUDIT_SEAL_KEY", "PUBLIC_URL"]) expect(msg).toContain(name);
      expect(msg).not.toContain("SESSION_SECRET");
    }
  });

  it("refuses weak or malformed secrets", () => {
    const base = {
      NODE_ENV: "production" as const,
      DATABASE_URL: "postgres://x@localhost/db",
      PUBLIC_URL: "https://example.org",
      CODE_PEPPER: "p".repeat(40),
      DATA_KEYS: key("k1"),
      AUDIT_SEAL_KEY: "k".repeat(40),
    };
    expect(() => loadConfig({ ...base, SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET/);
    expect(() => loadConfig({ ...base, SESSION_SECRET: "s".repeat(40), DATA_KEYS: "k1:bm90MzJieXRlcw==" })).toThrow(/DATA_KEYS/);
    const ok = loadConfig({ ...base, SESSION_SECRET: `${"a".repeat(40)},${"b".repeat(40)}`, DATA_KEYS: `${key("k2")},${key("k1")}` });
    expect(ok.sessionSecrets).toHaveLength(2);
    expect(ok.dataKeys.map((k) => k.id)).toEqual(["k2", "k1"]);
    expect(ok.secureCookies).toBe(true);
  });

  it("generates development secrets once, keeps them under the data folder and reuses them", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ec-env-"));
    const a = loadConfig({ NODE_ENV: "development", DATA_DIR: dir });
    const b = loadConfig({ NODE_ENV: "development", DATA_DIR: dir });
    expect(a.devSecretsFile).toBe(path.join(dir, "dev-secrets.json"));
    expect(a.codePepper.equals(b.codePepper)).toBe(true);
    expect(JSON.parse(readFileSync(a.devSecretsFile!, "utf8"))).toHaveProperty("DATA_KEYS");
    expect(a.auditSealKey.equals(b.auditSealKey)).toBe(true);
    expect(a.auditSealKey.length).toBeGreaterThanOrEqual(32);
    expect(a.secureCookies).toBe(false);
  });

  it("reads the operational settings through the same schema: defaults, values, and a clear refusal of bad ones", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ec-env-"));
    const dev = { NODE_ENV: "development" as const, DATA_DIR: dir };
    expect(loadConfig(dev)).toMatchObject({ incidentSlug: undefined, importWorkers: undefined, nativeSeal: true, dbLockTimeoutMs: 5000, importLoad: "auto" });
    expect(loadConfig({ ...dev, INCIDENT_SLUG: "healthec-2023", IMPORT_WORKERS: "1", EC_NATIVE_SEAL: "off", DB_LOCK_TIMEOUT_MS: "0" })).toMatchObject({
      incidentSlug: "healthec-2023",
      importWorkers: 1,
      nativeSeal: false,
      dbLockTimeoutMs: 0,
    });
    expect(() => loadConfig({ ...dev, INCIDENT_SLUG: "HealthEC 2023" })).toThrow(/INCIDENT_SLUG/);
    expect(() => loadConfig({ ...dev, IMPORT_WORKERS: "0" })).toThrow(/IMPORT_WORKERS/);
    expect(() => loadConfig({ ...dev, EC_NATIVE_SEAL: "maybe" })).toThrow(/EC_NATIVE_SEAL/);
    expect(() => loadConfig({ ...dev, DB_LOCK_TIMEOUT_MS: "5s" })).toThrow(/DB_LOCK_TIMEOUT_MS/);
  });
});
