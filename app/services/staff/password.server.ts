import argon2 from "argon2";
import { randomInt } from "node:crypto";
import { isCommonPassword } from "./common-passwords.server";
import { MIN_STRENGTH_SCORE, passwordScore } from "./password-strength.server";
import { PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS, type PasswordProblem } from "./password-policy";

export { PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS, PASSWORD_PROBLEM_TEXT, type PasswordProblem } from "./password-policy";

/** OWASP's argon2id minimum: m=19 MiB, t=2, p=1 (DESIGN.md "Staff"). */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

/** Constant-time verification; a malformed stored hash is a mismatch, never a crash. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/**
 * Verify against a throwaway hash, so a sign-in with an unknown email costs as long as one with a
 * real email: timing does not tell whether an account exists.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("not-a-real-account-0000");
  await verifyPassword(await dummyHash, password);
}

/**
 * The policy for a new password: length, not common, not the email, and hard enough to guess
 * (zxcvbn score MIN_STRENGTH_SCORE or more, the email's parts counted as known words). Returns the
 * first problem. The cheap rules run first; the estimator only for what passes them.
 */
export async function checkNewPassword(password: string, email: string): Promise<PasswordProblem | null> {
  if ([...password].length < PASSWORD_MIN_CHARS) return "tooShort";
  if (password.length > PASSWORD_MAX_CHARS) return "tooLong";
  if (isCommonPassword(password)) return "common";
  const local = email.split("@")[0]?.toLowerCase() ?? "";
  if (local.length >= 4 && password.toLowerCase().includes(local)) return "containsEmail";
  const inputs = [email, ...email.split(/[@._+-]/)].filter((w) => w.length >= 3);
  if ((await passwordScore(password, inputs)) < MIN_STRENGTH_SCORE) return "weak";
  return null;
}

// No 0/O, 1/l/I: read out and typed by hand.
const OTP_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A one-time password to hand over: 4 groups of 5 (about 114 bits), never on the common list. */
export function generateOneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let s = "";
    for (let i = 0; i < 5; i++) s += OTP_ALPHABET[randomInt(OTP_ALPHABET.length)];
    groups.push(s);
  }
  return groups.join("-");
}
