import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The whole configuration, validated once at start-up by one schema (DESIGN.md "Configuration").
 * Production refuses to start without a database and the secrets, naming what is missing; the
 * embedded default generates development secrets once and keeps them under `.data/`.
 */
const MIN_SECRET_CHARS = 32;

const secretList = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().min(MIN_SECRET_CHARS, `each secret needs at least ${MIN_SECRET_CHARS} characters`)).min(1));

/** `kid:base64key,kid2:base64key` — the first is used to encrypt, all can decrypt. */
const dataKeys = z.string().transform((s, ctx) => {
  const keys: { id: string; key: Buffer }[] = [];
  for (const part of s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean)) {
    const [id, b64] = part.split(":");
    const key = b64 ? Buffer.from(b64, "base64") : Buffer.alloc(0);
    if (!id || !/^[A-Za-z0-9_-]{1,16}$/.test(id) || key.length !== 32) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "each key is <id>:<base64 of 32 bytes>" });
      return z.NEVER;
    }
    keys.push({ id, key });
  }
  if (keys.length === 0) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "at least one key" });
    return z.NEVER;
  }
  return keys;
});

/**
 * Which proxies' `X-Forwarded-For` to believe (issue 15, finding 11; docs/decisions/074). `false`:
 * none (the client address is the TCP peer). A number: that many hops from the right of the header
 * (`1` = one load balancer in front; kept for compatibility). A list: only proxies at these
 * addresses or CIDR ranges (or Express's names `loopback`, `linklocal`, `uniquelocal`), which holds
 * even when the app is also reachable directly.
 */
export type TrustProxy = false | { hops: number } | { addresses: string[] };

const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

export function parseTrustProxy(value: string | undefined): TrustProxy | { error: string } {
  const v = (value ?? "").trim();
  if (v === "" || v === "0" || v.toLowerCase() === "false") return false;
  if (/^\d{1,2}$/.test(v)) return { hops: Number(v) };
  const parts = v
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  for (const p of parts) {
    if (PROXY_NAMES.has(p)) continue;
    const [ip, bits, ...rest] = p.split("/");
    const family = isIP(ip ?? "");
    const okBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!family || !okBits || rest.length)
      return { error: `not a hop count, an IP address, a CIDR range or loopback/linklocal/uniquelocal: ${p.slice(0, 60)}` };
  }
  return { addresses: parts };
}

/** The value for Express's `trust proxy` setting. */
export function expressTrustProxy(t: TrustProxy): boolean | number | string[] {
  if (t === false) return false;
  return "hops" in t ? t.hops : t.addresses;
}

/** The start-up line saying what is trusted. */
export function describeTrustProxy(t: TrustProxy): string {
  if (t === false) return "Client addresses: the connecting address; X-Forwarded-For is ignored (TRUST_PROXY unset).";
  if ("hops" in t)
    return `Client addresses: taken from X-Forwarded-For, trusting ${t.hops} proxy hop${t.hops === 1 ? "" : "s"} (TRUST_PROXY=${t.hops}). Only safe if every request comes through ${t.hops === 1 ? "that proxy" : "those proxies"} and it overwrites the header it received.`;
  return `Client addresses: taken from X-Forwarded-For only when the request comes from ${t.addresses.join(", ")} (TRUST_PROXY).`;
}

/** How long a web request waits for a table or row lock before it answers "busy, try again" (503). */
export const DEFAULT_DB_LOCK_TIMEOUT_MS = 5000;

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(".data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  PUBLIC_URL: z.string().url().optional(),
  SESSION_SECRET: secretList.optional(),
  CODE_PEPPER: z.string().min(MIN_SECRET_CHARS).optional(),
  AUDIT_SEAL_KEY: z.string().min(MIN_SECRET_CHARS).optional(),
  DATA_KEYS: dataKeys.optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  RESEND_BASE_URL: z.string().url().optional(),
  EMAIL_FROM: z.string().min(3).optional(),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const parsed = parseTrustProxy(v);
      if (parsed && "error" in parsed) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.error });
        return z.NEVER;
      }
      return parsed;
    }),
  IMPORT_LOAD: z.enum(["auto", "direct", "staging"]).default("auto"),
  DB_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(DEFAULT_DB_LOCK_TIMEOUT_MS),
  INCIDENT_SLUG: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lower-case letters, digits and hyphens")
    .optional(),
  IMPORT_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  EC_NATIVE_SEAL: z.enum(["on", "off"]).default("on"),
  CALL_LOOKUPS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(60),
});

export type Config = {
  env: "development" | "production" | "test";
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  publicUrl: string;
  sessionSecrets: string[];
  codePepper: Buffer;
  /**
   * HMAC key of the audit trail's seals (`audit verify` needs it too). Keep it out of the database
   * and its backups: whoever can write the audit table but lacks this key cannot forge a seal.
   */
  auditSealKey: Buffer;
  dataKeys: { id: string; key: Buffer }[];
  resend: { apiKey: string; baseUrl: string | undefined } | undefined;
  emailFrom: string;
  /** Whether any proxy's X-Forwarded-* headers are believed. */
  trustProxy: boolean;
  /** Which: none, a hop count, or the proxies' addresses (docs/decisions/074). */
  trustProxySetting: TrustProxy;
  /** How large batch imports reach `notices` on PostgreSQL (README "How an import works"). */
  importLoad: "auto" | "direct" | "staging";
  /**
   * The server's `lock_timeout` (ms; 0 = wait forever): a request stuck behind a lock — a large
   * import holds `notices` — gets the "busy, try again in a few minutes" page instead of hanging.
   */
  dbLockTimeoutMs: number;
  /** The incident the public pages speak of when a deployment holds several (default: the newest). */
  incidentSlug: string | undefined;
  /** Sealing threads of an import (default: one per core). */
  importWorkers: number | undefined;
  /** Seal with the OpenSSL binding when it is built (`off`: node:crypto, for diagnosis). */
  nativeSeal: boolean;
  /** Lookups one call-center agent may make per clock hour before being slowed, then refused. */
  callLookupsPerHour: number;
  /** Cookies get `Secure` in production. */
  secureCookies: boolean;
  /** Where the development secrets came from, to say so at start-up. */
  devSecretsFile: string | undefined;
};

const REQUIRED_IN_PRODUCTION = ["DATABASE_URL", "SESSION_SECRET", "CODE_PEPPER", "DATA_KEYS", "AUDIT_SEAL_KEY", "PUBLIC_URL"] as const;

export class ConfigError extends Error {}

type DevSecrets = { SESSION_SECRET: string; CODE_PEPPER: string; DATA_KEYS: string; AUDIT_SEAL_KEY: string };

function loadOrCreateDevSecrets(dataDir: string): { secrets: DevSecrets; file: string } {
  const file = path.resolve(dataDir, "dev-secrets.json");
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<DevSecrets>) : undefined;
  const secrets: DevSecrets = {
    SESSION_SECRET: existing?.SESSION_SECRET ?? randomBytes(32).toString("base64url"),
    CODE_PEPPER: existing?.CODE_PEPPER ?? randomBytes(32).toString("base64url"),
    DATA_KEYS: existing?.DATA_KEYS ?? `dev1:${randomBytes(32).toString("base64")}`,
    // Added later than the others: a file from before gains it on the next start.
    AUDIT_SEAL_KEY: existing?.AUDIT_SEAL_KEY ?? randomBytes(32).toString("base64url"),
  };
  if (!existing || !existing.AUDIT_SEAL_KEY) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return { secrets, file };
}

/** Read `.env` into process.env if there is one (values already set win). Node ≥ 20.12. */
function loadDotEnv(): void {
  if (existsSync(".env") && typeof process.loadEnvFile === "function") process.loadEnvFile(".env");
}

/** Parse and check the environment; throws ConfigError naming every problem. */
export function loadConfig(source?: NodeJS.ProcessEnv): Config {
  if (!source) loadDotEnv();
  const raw = { ...(source ?? process.env) };
  for (const k of Object.keys(raw)) if (raw[k] === "") delete raw[k];
  const env = raw.NODE_ENV === "production" ? "production" : raw.NODE_ENV === "test" ? "test" : "development";

  if (env === "production") {
    const missing = REQUIRED_IN_PRODUCTION.filter((k) => !raw[k]);
    if (raw.RESEND_API_KEY && !raw.EMAIL_FROM) missing.push("EMAIL_FROM" as never);
    if (missing.length) throw new ConfigError(`Refusing to start in production: missing ${missing.join(", ")}.`);
  }

  let devSecretsFile: string | undefined;
  if (env !== "production" && (!raw.SESSION_SECRET || !raw.CODE_PEPPER || !raw.DATA_KEYS || !raw.AUDIT_SEAL_KEY)) {
    const { secrets, file } = loadOrCreateDevSecrets(raw.DATA_DIR ?? ".data");
    devSecretsFile = file;
    raw.SESSION_SECRET ??= secrets.SESSION_SECRET;
    raw.CODE_PEPPER ??= secrets.CODE_PEPPER;
    raw.DATA_KEYS ??= secrets.DATA_KEYS;
    raw.AUDIT_SEAL_KEY ??= secrets.AUDIT_SEAL_KEY;
  }

  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    env,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    sessionSecrets: e.SESSION_SECRET!,
    codePepper: Buffer.from(e.CODE_PEPPER!, "utf8"),
    auditSealKey: Buffer.from(e.AUDIT_SEAL_KEY!, "utf8"),
    dataKeys: e.DATA_KEYS!,
    resend: e.RESEND_API_KEY ? { apiKey: e.RESEND_API_KEY, baseUrl: e.RESEND_BASE_URL } : undefined,
    emailFrom: e.EMAIL_FROM ?? "Exposure Check <no-reply@localhost>",
    trustProxy: e.TRUST_PROXY !== false,
    trustProxySetting: e.TRUST_PROXY,
    importLoad: e.IMPORT_LOAD,
    dbLockTimeoutMs: e.DB_LOCK_TIMEOUT_MS,
    incidentSlug: e.INCIDENT_SLUG,
    importWorkers: e.IMPORT_WORKERS,
    nativeSeal: e.EC_NATIVE_SEAL === "on",
    callLookupsPerHour: e.CALL_LOOKUPS_PER_HOUR,
    secureCookies: env === "production",
    devSecretsFile,
  };
}

/** A fixed configuration for tests: deterministic secrets, never used outside tests. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    env: "test",
    databaseUrl: undefined,
    dataDir: ".data/test",
    port: 0,
    host: "127.0.0.1",
    publicUrl: "http://localhost:3000",
    sessionSecrets: ["test-session-secret-0123456789abcdef0123456789"],
    codePepper: Buffer.from("test-code-pepper-0123456789abcdef0123456789"),
    auditSealKey: Buffer.from("test-audit-seal-key-0123456789abcdef01234567"),
    dataKeys: [{ id: "t1", key: Buffer.alloc(32, 7) }],
    resend: undefined,
    emailFrom: "Exposure Check <no-reply@example.test>",
    trustProxy: false,
    trustProxySetting: false,
    importLoad: "auto",
    dbLockTimeoutMs: DEFAULT_DB_LOCK_TIMEOUT_MS,
    incidentSlug: undefined,
    importWorkers: undefined,
    nativeSeal: true,
    callLookupsPerHour: 60,
    secureCookies: false,
    devSecretsFile: undefined,
    ...overrides,
  };
}
