/**
 * Structured one-line logs. Only fields named here are written, and values go through `scrub`,
 * so a code, a date of birth or an email address cannot reach a log line by accident.
 */
type Fields = Record<string, string | number | boolean | null | undefined>;

const CODE_LIKE = /\b[0-9A-Z]{4}-?[0-9A-Z]{4}-?[0-9A-Z]{4}-?[0-9A-Z]{4}\b/gi;
const EMAIL_LIKE = /[^\s@]+@[^\s@]+\.[^\s@]+/g;
const DATE_LIKE = /\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/\d{4}\b/g;

export function scrub(value: string): string {
  return value.replace(CODE_LIKE, "[code]").replace(EMAIL_LIKE, "[email]").replace(DATE_LIKE, "[date]");
}

function write(level: "info" | "warn" | "error", msg: string, fields: Fields = {}) {
  if (process.env.LOG_LEVEL === "silent" || (process.env.NODE_ENV === "test" && level === "info" && !process.env.LOG_LEVEL)) return;
  const clean: Record<string, unknown> = { t: new Date().toISOString(), level, msg };
  for (const [k, v] of Object.entries(fields)) clean[k] = typeof v === "string" ? scrub(v) : v;
  const line = JSON.stringify(clean);
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.info(line);
}

export const log = {
  info: (msg: string, fields?: Fields) => write("info", msg, fields),
  warn: (msg: string, fields?: Fields) => write("warn", msg, fields),
  error: (msg: string, fields?: Fields) => write("error", msg, fields),
};
