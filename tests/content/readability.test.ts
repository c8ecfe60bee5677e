// The readability gate (issue 16, item 10): every public text reads at grade 8 or below.
// English: Flesch-Kincaid grade from `text-readability` (a port of Python's textstat).
// Spanish: the Fernández-Huerta index (1959), computed here from a Spanish syllable count; 60 or
// more is "normal" or easier, the 7th-8th grade band of its scale (docs/decisions/082).
import { describe, expect, it } from "vitest";
import readability from "text-readability";
import { CATEGORY_KEYS } from "~/content/categories";
import { ENDED_TEXT, NOT_OPEN_TEXT } from "~/content/closed";
import { ENROLL_TEXT } from "~/content/enrollment";
import { AUDIENCE_NOTES, CATEGORY_GUIDANCE, DECEASED_GUIDANCE, MINOR_GUIDANCE } from "~/content/guidance";
import { fill, type Lang } from "~/content/i18n";
import { MEDICAID_PAGE_TEXT } from "~/content/medicaid-agencies";
import { PAGE_TEXTS } from "~/content/pages";

const MAX_GRADE = 8;
const MIN_FERNANDEZ_HUERTA = 60;

/** Placeholders become the short words a reader sees in their place; numbers and addresses are not words a formula can score. */
const SAMPLE = {
  phone: "our number",
  hours: "on weekdays",
  organization: "HealthEC",
  vendor: "TransUnion",
  months: "12",
  date: "March 22",
  minutes: "5",
  portal: "this site",
  referenceFormat: "a number",
  count: "5",
  medicaidAgency: "your state Medicaid office",
  vendorUrl: "their site",
  vendorPhone: "their number",
  start: "today",
  end: "next year",
  code: "the code",
  time: "3:15",
  reference: "the number",
  made: "today",
};

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

/** One block of prose: each string a sentence, web addresses and phone numbers as plain words. */
function prose(texts: string[]): string {
  return texts
    .map((s) =>
      fill(s, SAMPLE)
        .replace(/https?:\/\/\S+|\b[\w.-]+\.(gov|com|org)\S*/g, "the site")
        .replace(/1-8\d\d-[\dA-Z-]+/g, "the number")
        .trim(),
    )
    .filter((s) => /[a-záéíóúñ]/i.test(s))
    .map((s) => (/[.!?:]$/.test(s) ? s : `${s}.`))
    .join(" ");
}

const STRONG = new Set(["a", "e", "o", "á", "é", "ó"]);
const ACCENTED_WEAK = new Set(["í", "ú"]);
const VOWEL = /[aeiouáéíóúü]/;
/** Two vowels side by side are two syllables (a hiatus) when both are strong, or one is an accented í or ú. */
const hiatus = (a: string, b: string) => (STRONG.has(a) && STRONG.has(b)) || ACCENTED_WEAK.has(a) || ACCENTED_WEAK.has(b);

/** Spanish syllables: one per group of vowels, plus one at each hiatus inside a group. */
export function spanishSyllables(word: string): number {
  const w = word.toLowerCase().replace(/y$/, "i");
  let count = 0;
  let prev = "";
  for (const ch of w) {
    if (!VOWEL.test(ch)) {
      prev = "";
      continue;
    }
    if (!prev || hiatus(prev, ch)) count++;
    prev = ch;
  }
  return Math.max(1, count);
}

/** Fernández-Huerta: 206.84 − 0.60 · syllables per 100 words − 1.02 · sentences per 100 words. */
export function fernandezHuerta(text: string): number {
  const words = text.match(/[a-záéíóúüñ]+/gi) ?? [];
  const sentences = Math.max(1, (text.match(/[.!?:]+(\s|$)/g) ?? []).length);
  const syllables = words.reduce((n, w) => n + spanishSyllables(w), 0);
  const P = (syllables / words.length) * 100;
  const F = (sentences / words.length) * 100;
  return 206.84 - 0.6 * P - 1.02 * F;
}

/** Every public text, grouped as a reader meets it: a page, a category card, a set of notes. */
function blocks(lang: Lang): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, text] of Object.entries(PAGE_TEXTS)) out.push([name, prose(strings(text[lang]))]);
  out.push(["ENROLL_TEXT", prose(strings(ENROLL_TEXT[lang]))]);
  // The two pages a site shows with nothing to check (issue 13): not open yet, and ended.
  out.push(["NOT_OPEN_TEXT", prose(strings(NOT_OPEN_TEXT[lang]))]);
  out.push(["ENDED_TEXT", prose(strings(ENDED_TEXT[lang]))]);
  out.push(["MEDICAID_PAGE_TEXT", prose(strings(MEDICAID_PAGE_TEXT[lang]))]);
  out.push(["AUDIENCE_NOTES", prose(strings(AUDIENCE_NOTES[lang]))]);
  for (const key of CATEGORY_KEYS) {
    const g = CATEGORY_GUIDANCE[key][lang];
    out.push([`card ${key}`, prose([g.meaning, ...g.actions])]);
    out.push([`card ${key} (parent)`, prose([MINOR_GUIDANCE[key][lang].meaning, ...MINOR_GUIDANCE[key][lang].actions])]);
    out.push([`card ${key} (next of kin)`, prose([DECEASED_GUIDANCE[key][lang].meaning, ...DECEASED_GUIDANCE[key][lang].actions])]);
  }
  return out;
}

describe("measured plain language", () => {
  it("counts Spanish syllables the way a reader says them", () => {
    for (const [word, n] of [
      ["información", 4],
      ["que", 1],
      ["seguro", 3],
      ["hoy", 1],
      ["leer", 2],
      ["día", 2],
      ["ciudad", 2],
      ["crédito", 3],
      ["guion", 1],
      ["país", 2],
    ] as const) {
      expect(spanishSyllables(word), word).toBe(n);
    }
  });

  it("every English text reads at grade 8 or below (Flesch-Kincaid)", () => {
    const grades = blocks("en").map(([name, text]) => [name, readability.fleschKincaidGrade(text)] as const);
    const tooHard = grades.filter(([, g]) => g > MAX_GRADE).map(([n, g]) => `${n}: grade ${g}`);
    if (process.env.READABILITY_REPORT) console.info(grades.map(([n, g]) => `${n}: ${g}`).join("\n"));
    expect(tooHard).toEqual([]);
  });

  it("every Spanish text reads at 'normal' or easier (Fernández-Huerta ≥ 60, about grade 8)", () => {
    const scores = blocks("es").map(([name, text]) => [name, Math.round(fernandezHuerta(text) * 10) / 10] as const);
    const tooHard = scores.filter(([, s]) => s < MIN_FERNANDEZ_HUERTA).map(([n, s]) => `${n}: ${s}`);
    if (process.env.READABILITY_REPORT) console.info(scores.map(([n, s]) => `${n}: ${s}`).join("\n"));
    expect(tooHard).toEqual([]);
  });
});
