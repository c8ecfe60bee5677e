/**
 * Structured one-line logs. Only fields named here are written, and values go through `scrub`,
 * so a code, a date of birth or an email address cannot reach a log line by accident.
 */
type Fields = Record<string, string | number | boolean | null | undefined>;

// An activation code as typed (with or without hyphens), not a piece of a longer token or UUID.
const CODE_LIKE = /(?<![0-9A-Za-z-])[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}(?![0-9A-Za-z-])/g;
const EMAIL_LIKE = /[^\s@]+@[^\s@]+\.[^\s@]+/g;
const DATE_LIKE = /\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/\d{4}\b/g;

export function scrub(value: string): string {
  // EMAIL_LIKE backtracks over every run of non-space characters (quadratic on a JSON line, 5 % of
  // a fast check's CPU in the profile, docs/decisions/047): only where an @ could make a match.
  const noCodes = value.replace(CODE_LIKE, "[code]");
  return (noCodes.includes("@") ? noCodes.replace(EMAIL_LIKE, "[email]") : noCodes).replace(DATE_LIKE, "[date]");
}

/** Fields we generate ourselves (never user input), left as they are. */
const UNSCRUBBED = new Set(["requestId", "method", "t"]);

/**
 * What an error may say in a log: its name everywhere; in development also its message, scrubbed
 * (a failed query's message lists its parameters, so production never logs it).
 */
// Read at run time: the Remix build inlines `process.env.NODE_ENV` as "production".
const runtimeEnv = (name: string) => process.env[name];

export function describeError(error: unknown): Fields {
  if (!(error instanceof Error)) return { error: "unknown" };
  // A failed query (drizzle wraps the driver's error as `cause`): its SQLSTATE code, never its
  // message, which quotes the statement's bound parameters (issue 15, finding 12).
  const code = sqlStateOf(error);
  if (code || /^Failed query:/.test(error.message)) return { error: error.name, code: code ?? "unknown" };
  const at = error.stack
    ?.split("\n")
    .find((l) => /^\s+at /.test(l))
    ?.trim();
  return runtimeEnv("NODE_ENV") === "production"
    ? { error: error.name }
    : { error: error.name, detail: scrub(error.message.split("\n")[0]!.slice(0, 300)), at };
}

/** The PostgreSQL error code of an error or of its cause (postgres.js and PGlite both set `code`). */
function sqlStateOf(error: Error): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

function write(level: "info" | "warn" | "error", msg: string, fields: Fields = {}) {
  if (runtimeEnv("LOG_LEVEL") === "silent" || (runtimeEnv("NODE_ENV") === "test" && level === "info" && !runtimeEnv("LOG_LEVEL"))) return;
  const clean: Record<string, unknown> = { t: new Date().toISOString(), level, msg };
  for (const [k, v] of Object.entries(fields)) clean[k] = typeof v === "string" && !UNSCRUBBED.has(k) ? scrub(v) : v;
  const line = JSON.stringify(clean);
  // Scrubbed field by field above: the console scrubber need not go over the whole line again.
  lineState[OWN_LINE] = true;
  try {
    if (level === "error") console.error(line);
    else if (level === "warn") console.warn(line);
    else console.info(line);
  } finally {
    lineState[OWN_LINE] = false;
  }
}

/**
 * True while `write` prints a line it has scrubbed itself (synchronously, so no other line can
 * interleave). On globalThis under a registered symbol: the server process holds two copies of
 * this module (the Remix build bundles its own), and the scrubber of one must see the other's.
 */
const OWN_LINE = Symbol.for("exposure-check.log-own-line");
const lineState = globalThis as { [OWN_LINE]?: boolean };

export const log = {
  info: (msg: string, fields?: Fields) => write("info", msg, fields),
  warn: (msg: string, fields?: Fields) => write("warn", msg, fields),
  error: (msg: string, fields?: Fields) => write("error", msg, fields),
};

const scrubbedFunctions = new WeakSet<object>();

/**
 * Libraries log too (Remix warns "No routes matched location …" with the query string). Every
 * console line of the server process goes through `scrub`, so nothing they print can carry a code,
 * a date of birth or an email address either.
 */
export function installConsoleScrubber(): void {
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    const current = console[method] as (...args: unknown[]) => void;
    if (scrubbedFunctions.has(current)) continue;
    const wrapped = (...args: unknown[]) =>
      lineState[OWN_LINE]
        ? current.apply(console, args)
        : current.apply(
            console,
            args.map((a) => (typeof a === "string" ? scrub(a) : a instanceof Error ? scrub(`${a.name}: ${a.message}`) : a)),
          );
    scrubbedFunctions.add(wrapped);
    console[method] = wrapped;
  }
}
