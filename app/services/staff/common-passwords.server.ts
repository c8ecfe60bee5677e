import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The shipped list of common passwords (app/services/staff/common-passwords.txt, one per line,
 * lower case). Read once, from the project folder (like db/migrations), so the Remix build and the
 * CLI share one file.
 */
export const COMMON_PASSWORDS_FILE = path.resolve(process.cwd(), "app/services/staff/common-passwords.txt");

let list: Set<string> | undefined;

export function commonPasswords(): Set<string> {
  if (!list) {
    list = new Set(
      readFileSync(COMMON_PASSWORDS_FILE, "utf8")
        .split(/\r?\n/)
        .map((l) => l.trim().toLowerCase())
        .filter((l) => l && !l.startsWith("#")),
    );
  }
  return list;
}

/** Shortest core we still compare after stripping digits and symbols ("ab" + digits is not "a word"). */
const MIN_CORE_CHARS = 4;

/**
 * Is this password on the list, or a listed password with digits and symbols stuck on either end
 * ("Summer2024!!", "!!password123")? Case is ignored.
 */
export function isCommonPassword(password: string): boolean {
  const set = commonPasswords();
  const lower = password.toLowerCase();
  if (set.has(lower)) return true;
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  return core.length >= MIN_CORE_CHARS && set.has(core);
}
