/**
 * The staff password policy's numbers and words, shared by the server (password.server.ts) and the
 * pages that explain it (a `.server` module is stubbed in the browser bundle, so these live here).
 */
export const PASSWORD_MIN_CHARS = 12;
/** Long enough for any passphrase, short enough that hashing cannot be used to tie up the server. */
export const PASSWORD_MAX_CHARS = 256;

export type PasswordProblem = "tooShort" | "tooLong" | "common" | "weak" | "containsEmail" | "mismatch" | "sameAsBefore";

export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, string> = {
  tooShort: `Use at least ${PASSWORD_MIN_CHARS} characters. A few unrelated words make a long password that is easy to remember.`,
  tooLong: `Use at most ${PASSWORD_MAX_CHARS} characters.`,
  common: "This password is on our list of commonly used passwords, which attackers try first. Choose another.",
  weak: "This password is too easy to guess: it looks like a keyboard pattern, a name, a date or common words. Use three or four words that have nothing to do with each other.",
  containsEmail: "Do not use your email address in your password.",
  mismatch: "The two passwords do not match.",
  sameAsBefore: "Choose a password different from the one-time password.",
};
