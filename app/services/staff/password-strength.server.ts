import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

/**
 * Password strength by zxcvbn-ts (docs/decisions/077): it estimates how many guesses an attacker
 * needs, finding dictionary words (English and Spanish, names, common passwords), keyboard walks
 * (`qwertyuiopasdf`), repeats, sequences and dates. Score 0–4; we refuse below MIN_STRENGTH_SCORE.
 *
 * The dictionaries are large (about 1 s to load and index): they are loaded on the first scoring,
 * once per process, and kept. Only the first PASSWORD_SCORED_CHARS characters are scored: the
 * matcher's cost grows with length, and a prefix that long that scores 3 is strong enough.
 */
export const MIN_STRENGTH_SCORE = 3;
export const PASSWORD_SCORED_CHARS = 64;
/**
 * l33t variants tried per password (the library's default is 100): repeated symbol-heavy input
 * ("aB3$aB3$…") took seconds with the default and takes tens of milliseconds with this, scoring the same.
 */
export const L33T_MAX_SUBSTITUTIONS = 4;

let factory: Promise<ZxcvbnFactory> | undefined;

async function load(): Promise<ZxcvbnFactory> {
  const [core, common, en, es] = await Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
    import("@zxcvbn-ts/language-es-es"),
  ]);
  return new core.ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...es.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    maxLength: PASSWORD_SCORED_CHARS,
    l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
  });
}

/** The scorer, loaded once (a failed load is retried next time). */
export function passwordScorer(): Promise<ZxcvbnFactory> {
  factory ??= load().catch((error: unknown) => {
    factory = undefined;
    throw error;
  });
  return factory;
}

/** zxcvbn's score (0–4) for a password; `userInputs` (the email and its parts) count as known words. */
export async function passwordScore(password: string, userInputs: string[] = []): Promise<number> {
  const scorer = await passwordScorer();
  return scorer.check(password, userInputs).score;
}
