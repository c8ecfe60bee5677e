/**
 * The content layer: a reader in either language gets complete, consistent, safe guidance.
 *
 * These tests read only the pure data in app/content (and, when it is beside the repository,
 * the shared DESIGN.md, to compare the catalog with its source).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { CATEGORY_GROUP, CATEGORY_KEYS, SEVERITY_RANK, isCategoryKey, sortBySeverity, type CategoryKey } from "../../app/content/categories";
import { CONTACTS, CONTACT_IDS, isContactId, type Contact, type ContactId } from "../../app/content/contacts";
import { AUDIENCE_NOTES, CATEGORY_GUIDANCE, categoryLabel } from "../../app/content/guidance";
import { LANGS, fill, isLang, placeholdersOf } from "../../app/content/i18n";
import { CHECK_ERRORS, PAGE_PLACEHOLDERS, PAGE_TEXTS } from "../../app/content/pages";

// ---------------------------------------------------------------------------------------------
// helpers

/** Every string inside a value, with its path (object keys and array indexes). */
function stringLeaves(value: unknown, at = "$"): Array<[path: string, text: string]> {
  if (typeof value === "string") return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringLeaves(item, `${at}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => stringLeaves(item, `${at}.${key}`));
  }
  return [];
}

/** Where two values differ in shape: other keys, other array lengths, other kinds of value. */
function shapeDiffs(a: unknown, b: unknown, at = "$"): string[] {
  const kind = (v: unknown) => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v);
  if (kind(a) !== kind(b)) return [`${at}: ${kind(a)} vs ${kind(b)}`];
  if (Array.isArray(a) && Array.isArray(b)) {
    const diffs = a.length === b.length ? [] : [`${at}: length ${a.length} vs ${b.length}`];
    for (let i = 0; i < Math.min(a.length, b.length); i++) diffs.push(...shapeDiffs(a[i], b[i], `${at}[${i}]`));
    return diffs;
  }
  if (kind(a) === "object") {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    return [...keys].sort().flatMap((key) => {
      if (!(key in ao)) return [`${at}.${key}: missing in first`];
      if (!(key in bo)) return [`${at}.${key}: missing in second`];
      return shapeDiffs(ao[key], bo[key], `${at}.${key}`);
    });
  }
  return [];
}

/** Pairs of [path, en string, es string] at the same place in two same-shaped values. */
function parallelStrings(en: unknown, es: unknown, at = "$"): Array<[string, string, string]> {
  if (typeof en === "string" && typeof es === "string") return [[at, en, es]];
  if (Array.isArray(en) && Array.isArray(es)) {
    return en.flatMap((item, i) => parallelStrings(item, es[i], `${at}[${i}]`));
  }
  if (en !== null && typeof en === "object" && es !== null && typeof es === "object") {
    const eso = es as Record<string, unknown>;
    return Object.entries(en).flatMap(([key, item]) => parallelStrings(item, eso[key], `${at}.${key}`));
  }
  return [];
}

/** Sentences of a text: split after . ! or ? followed by white space. */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const MAX_SENTENCE_WORDS = 25;

/** The sentences of a text that are longer than {@link MAX_SENTENCE_WORDS} words. */
function longSentences(text: string): string[] {
  return sentences(text).filter((s) => s.split(/\s+/).filter(Boolean).length > MAX_SENTENCE_WORDS);
}

const MENTIONS_SSN = /social security|\bSSN\b|seguro social/i;
/** Verbs that ask for something (English, then Spanish stems), as whole words. */
const ASKS = new RegExp(
  "(?<!\\p{L})(" +
    [
      "send|provide|give|enter|type|tell|share|e-?mail|mail|confirm|verify|include|submit|upload|ask|read",
      "env[ií]\\p{L}*|proporcion\\p{L}*|dé|den|escrib\\p{L}*|compart\\p{L}*|d[ií]ga\\p{L}*|indiqu\\p{L}*",
      "incluy\\p{L}*|confirm\\p{L}*|pid\\p{L}*|ped\\p{L}*|suba\\p{L}*|subir",
    ].join("|") +
    ")(?!\\p{L})",
  "iu",
);
const NEGATED = /(?<!\p{L})(not|never|no|nunca|ni)(?!\p{L})|n't(?!\p{L})/iu;

/** Sentences that mention a Social Security number and seem to ask for it, without a "never". */
function asksForSsn(text: string): string[] {
  return sentences(text).filter((s) => MENTIONS_SSN.test(s) && ASKS.test(s) && !NEGATED.test(s));
}

/** Every localized object in the content layer, by a readable name. */
const LOCALIZED: Record<string, { en: unknown; es: unknown }> = {
  ...PAGE_TEXTS,
  AUDIENCE_NOTES,
  ...Object.fromEntries(CATEGORY_KEYS.map((key) => [`CATEGORY_GUIDANCE.${key}`, CATEGORY_GUIDANCE[key]])),
  ...Object.fromEntries(CONTACT_IDS.map((id) => [`CONTACTS.${id}.name`, CONTACTS[id].name])),
};

/** DESIGN.md's category table: beside the repository locally and in CI. */
const DESIGN_MD = path.resolve(import.meta.dirname, "../../../shared/DESIGN.md");

/** The catalog as DESIGN.md states it (group, key, label), copied here so the test runs anywhere. */
const DESIGN_TABLE: ReadonlyArray<readonly [group: string, key: string, label: string]> = [
  ["identity", "name", "Name"],
  ["identity", "address", "Postal address"],
  ["identity", "date_of_birth", "Date of birth"],
  ["government ids", "ssn", "Social Security number"],
  ["government ids", "taxpayer_id", "Taxpayer identification number"],
  ["medical", "medical_record_number", "Medical record number"],
  ["medical", "diagnosis", "Diagnosis"],
  ["medical", "diagnosis_code", "Diagnosis code"],
  ["medical", "condition", "Mental or physical condition"],
  ["medical", "prescription", "Prescription information"],
  ["medical", "provider", "Provider name and location"],
  ["insurance", "health_insurance", "Health insurance information"],
  ["insurance", "beneficiary_number", "Beneficiary number"],
  ["insurance", "subscriber_number", "Subscriber number"],
  ["insurance", "medicaid_medicare_id", "Medicaid or Medicare ID"],
  ["billing", "patient_account_number", "Patient account number"],
  ["billing", "patient_id_number", "Patient identification number"],
  ["billing", "treatment_cost", "Treatment cost information"],
  ["billing", "claims", "Billing and claims information"],
];

// ---------------------------------------------------------------------------------------------

describe("the category catalog", () => {
  it("has DESIGN.md's 19 keys in catalog order, each in its group", () => {
    expect(CATEGORY_KEYS).toEqual(DESIGN_TABLE.map(([, key]) => key));
    for (const [group, key] of DESIGN_TABLE) {
      expect(CATEGORY_GROUP[key as CategoryKey], key).toBe(group.replace(" ", "_"));
    }
  });

  it.skipIf(!existsSync(DESIGN_MD))("matches the table in DESIGN.md itself", () => {
    const rows = [...readFileSync(DESIGN_MD, "utf8").matchAll(/^\| ([a-z ]+) \| `([a-z_]+)` \| ([^|]+?) \|$/gm)];
    expect(rows.map((m) => [m[1], m[2], m[3]])).toEqual(DESIGN_TABLE);
  });

  it("recognizes its keys and nothing else", () => {
    for (const key of CATEGORY_KEYS) expect(isCategoryKey(key)).toBe(true);
    for (const other of ["", "SSN", "ssn ", "credit_card", "toString", "__proto__"]) {
      expect(isCategoryKey(other), other).toBe(false);
    }
  });
});

describe("severity order", () => {
  it("ranks every key once, 0 to 18", () => {
    const ranks = CATEGORY_KEYS.map((key) => SEVERITY_RANK[key]).sort((a, b) => a - b);
    expect(ranks).toEqual(CATEGORY_KEYS.map((_, i) => i));
  });

  it("puts ssn and taxpayer_id first, then insurance, then medical, then the rest", () => {
    const sorted = sortBySeverity([...CATEGORY_KEYS].reverse());
    expect(sorted.slice(0, 2)).toEqual(["ssn", "taxpayer_id"]);
    const stage = (key: CategoryKey) => ({ government_ids: 0, insurance: 1, medical: 2, identity: 3, billing: 3 })[CATEGORY_GROUP[key]];
    const stages = sorted.map(stage);
    expect(stages).toEqual([...stages].sort((a, b) => a - b));
    expect(sorted.slice(2, 6)).toEqual(["medicaid_medicare_id", "health_insurance", "beneficiary_number", "subscriber_number"]);
    expect(sorted.at(-1)).toBe("name");
  });

  it("removes repeats, keeps the input as it was, and copes with an empty list", () => {
    const input: CategoryKey[] = ["name", "claims", "ssn", "name", "diagnosis", "ssn"];
    const before = [...input];
    expect(sortBySeverity(input)).toEqual(["ssn", "diagnosis", "claims", "name"]);
    expect(input).toEqual(before);
    expect(sortBySeverity([])).toEqual([]);
  });
});

describe("category guidance", () => {
  it.each(CATEGORY_KEYS)("%s has a label, a meaning and 2–3 actions in every language", (key) => {
    for (const lang of LANGS) {
      const g = CATEGORY_GUIDANCE[key][lang];
      expect(g.label.trim(), `${key}.${lang}.label`).not.toBe("");
      expect(g.meaning.trim(), `${key}.${lang}.meaning`).not.toBe("");
      expect(sentences(g.meaning).length, `${key}.${lang}.meaning`).toBeLessThanOrEqual(2);
      expect(g.actions.length, `${key}.${lang}.actions`).toBeGreaterThanOrEqual(2);
      expect(g.actions.length, `${key}.${lang}.actions`).toBeLessThanOrEqual(3);
      for (const action of g.actions) {
        expect(action.trim(), `${key}.${lang} action`).not.toBe("");
        expect(action, `${key}.${lang} action ends a sentence`).toMatch(/[.!]$/);
      }
    }
    expect(CATEGORY_GUIDANCE[key].es.actions.length).toBe(CATEGORY_GUIDANCE[key].en.actions.length);
    expect(CATEGORY_GUIDANCE[key].es.contacts).toEqual(CATEGORY_GUIDANCE[key].en.contacts);
  });

  it("uses DESIGN.md's English labels exactly", () => {
    for (const [, key, label] of DESIGN_TABLE) {
      expect(categoryLabel(key as CategoryKey, "en"), key).toBe(label);
    }
  });

  it("has a distinct Spanish label for every category", () => {
    const labels = CATEGORY_KEYS.map((key) => categoryLabel(key, "es"));
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("sends SSN and taxpayer ID to the IRS IP PIN, Medicare IDs to 1-800-MEDICARE, SMP and Medicaid", () => {
    expect(CATEGORY_GUIDANCE.ssn.en.contacts).toContain("irs_ip_pin");
    expect(CATEGORY_GUIDANCE.taxpayer_id.en.contacts).toContain("irs_ip_pin");
    expect(CATEGORY_GUIDANCE.medicaid_medicare_id.en.contacts).toEqual(expect.arrayContaining(["medicare", "senior_medicare_patrol", "state_medicaid"]));
    // Medicaid help names the notice's own state agency (issue 16), never Tennessee's for everyone.
    expect(CATEGORY_GUIDANCE.medicaid_medicare_id.en.contacts).not.toContain("tenncare");
  });

  it("has audience notes for a minor and a deceased person in both languages", () => {
    for (const lang of LANGS) {
      expect(AUDIENCE_NOTES[lang].minor.length).toBeGreaterThanOrEqual(2);
      expect(AUDIENCE_NOTES[lang].deceased.length).toBeGreaterThanOrEqual(2);
    }
    expect(AUDIENCE_NOTES.en.minor.join(" ")).toMatch(/under 16/);
    expect(AUDIENCE_NOTES.en.minor.join(" ")).toMatch(/credit report/);
    expect(AUDIENCE_NOTES.en.deceased.join(" ")).toMatch(/deceased — do not issue credit/);
    expect(AUDIENCE_NOTES.en.deceased.join(" ")).toMatch(/death certificate/);
  });
});

describe("contacts", () => {
  const referenced = new Set<string>([
    ...CATEGORY_KEYS.flatMap((key) => LANGS.flatMap((lang) => CATEGORY_GUIDANCE[key][lang].contacts)),
    ...Object.values(PAGE_TEXTS).flatMap((text) =>
      LANGS.flatMap((lang) =>
        stringLeaves(text[lang])
          .filter(([at]) => /\.contacts\[\d+\]$/.test(at))
          .map(([, id]) => id),
      ),
    ),
  ]);

  it("are all defined, wherever the content refers to them", () => {
    expect(referenced.size).toBeGreaterThan(5);
    for (const id of referenced) expect(isContactId(id), id).toBe(true);
  });

  it.each(CONTACT_IDS)("%s has a source page, a verified date and a way to reach it", (id: ContactId) => {
    const c: Contact = CONTACTS[id];
    expect(c.id).toBe(id);
    expect(c.source).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}(\/\S*)?$/);
    expect(c.verifiedOn).toBe("2026-11-01");
    expect(c.phone ?? c.url, "a phone number or a web address").toBeTruthy();
    for (const number of [c.phone, c.tty]) {
      if (number !== undefined) expect(number).toMatch(/^1-\d{3}-\d{3}-\d{4}$/);
    }
    for (const url of [c.url, c.urlEs]) {
      if (url !== undefined) expect(url).toMatch(/^https:\/\//);
    }
    for (const lang of LANGS) expect(c.name[lang].trim()).not.toBe("");
  });

  it("carry the numbers from DESIGN.md's guidance facts", () => {
    expect(CONTACTS.annual_credit_report.phone).toBe("1-877-322-8228");
    expect(CONTACTS.identity_theft_gov.phone).toBe("1-877-438-4338");
    expect(CONTACTS.medicare.phone).toBe("1-800-633-4227");
    expect(CONTACTS.senior_medicare_patrol.phone).toBe("1-877-808-2468");
    expect(CONTACTS.irs_ip_pin.url).toBe("https://www.irs.gov/ippin");
  });

  it("take each bureau's number from the bureau's own site", () => {
    const bureaus = { equifax: "equifax.com", experian: "experian.com", transunion: "transunion.com" };
    for (const [bureau, host] of Object.entries(bureaus)) {
      for (const id of CONTACT_IDS.filter((i) => i.startsWith(`${bureau}_`))) {
        expect(new URL(CONTACTS[id].source).hostname.endsWith(host), id).toBe(true);
      }
    }
  });
});

describe("English and Spanish", () => {
  it.each(Object.keys(LOCALIZED))("%s has the same shape in en and es", (name) => {
    const text = LOCALIZED[name]!;
    expect(shapeDiffs(text.en, text.es)).toEqual([]);
  });

  it("the shape comparison notices other keys, other lengths and other kinds", () => {
    expect(shapeDiffs({ a: ["x", "y"], b: "z" }, { a: ["x"], c: "z" })).toEqual(["$.a: length 2 vs 1", "$.b: missing in second", "$.c: missing in first"]);
    expect(shapeDiffs({ a: { b: [1] } }, { a: { b: "1" } })).toEqual(["$.a.b: array vs string"]);
  });

  it.each(Object.keys(LOCALIZED))("%s uses the same placeholders in en and es", (name) => {
    const text = LOCALIZED[name]!;
    for (const [at, en, es] of parallelStrings(text.en, text.es)) {
      expect(placeholdersOf(es), `${name} ${at}`).toEqual(placeholdersOf(en));
    }
  });

  it("has no empty strings", () => {
    for (const [name, text] of Object.entries(LOCALIZED)) {
      for (const lang of LANGS) {
        for (const [at, s] of stringLeaves(text[lang])) expect(s.trim(), `${name}.${lang} ${at}`).not.toBe("");
      }
    }
  });

  it("uses only the documented placeholders on the pages", () => {
    const known = new Set(Object.keys(PAGE_PLACEHOLDERS));
    for (const [name, text] of Object.entries(PAGE_TEXTS)) {
      for (const lang of LANGS) {
        for (const [at, s] of stringLeaves(text[lang])) {
          for (const p of placeholdersOf(s)) expect(known.has(p), `${name}.${lang} ${at}: {${p}}`).toBe(true);
        }
      }
    }
  });
});

describe("safety and plain language", () => {
  it("never asks the reader to provide a Social Security number", () => {
    const offending = Object.entries(LOCALIZED).flatMap(([name, text]) =>
      LANGS.flatMap((lang) => stringLeaves(text[lang]).flatMap(([at, s]) => asksForSsn(s).map((hit) => `${name}.${lang} ${at}: ${hit}`))),
    );
    expect(offending).toEqual([]);
  });

  it("the Social Security check catches a request and lets a warning through", () => {
    expect(asksForSsn("Please send us your Social Security number.")).toHaveLength(1);
    expect(asksForSsn("Enter your SSN below to continue.")).toHaveLength(1);
    expect(asksForSsn("Envíenos su número de Seguro Social.")).toHaveLength(1);
    expect(asksForSsn("Dé su número de Seguro Social al llamar.")).toHaveLength(1);
    expect(asksForSsn("Su número de Seguro Social estaba en los archivos.")).toEqual([]);
    expect(asksForSsn("We will never ask for your Social Security number by email or phone.")).toEqual([]);
    expect(asksForSsn("Nunca le pedimos su número de Seguro Social.")).toEqual([]);
  });

  it(`has no English sentence over ${MAX_SENTENCE_WORDS} words on the public pages`, () => {
    const texts = [
      ...Object.entries(PAGE_TEXTS).map(([name, text]) => [name, text.en] as const),
      ["AUDIENCE_NOTES", AUDIENCE_NOTES.en] as const,
      ...CATEGORY_KEYS.map((key) => [`CATEGORY_GUIDANCE.${key}`, CATEGORY_GUIDANCE[key].en] as const),
    ];
    const tooLong = texts.flatMap(([name, text]) => stringLeaves(text).flatMap(([at, s]) => longSentences(s).map((sentence) => `${name} ${at}: ${sentence}`)));
    expect(tooLong).toEqual([]);
  });

  it("the sentence check catches a long sentence", () => {
    const long = Array.from({ length: MAX_SENTENCE_WORDS + 1 }, (_, i) => `word${i}`).join(" ") + ".";
    const exact = Array.from({ length: MAX_SENTENCE_WORDS }, (_, i) => `word${i}`).join(" ") + ".";
    expect(longSentences(`Short one. ${long} Another short one.`)).toEqual([long]);
    expect(longSentences(exact)).toEqual([]);
  });

  it("gives the same words for a wrong code, a wrong date of birth and a locked notice", () => {
    // One message serves all three cases; it must not name which part was wrong.
    for (const lang of LANGS) {
      const message = CHECK_ERRORS[lang].noMatch;
      expect(message).not.toMatch(/\b(lock|locked|bloquead\w*|incorrect\w*|wrong)\b/i);
      expect(message).toContain("{phone}");
    }
    expect(CHECK_ERRORS.en.noMatch).toMatch(/^We could not match that code and date of birth\./);
    expect(CHECK_ERRORS.en.codeTypo).toMatch(/typo/);
    expect(CHECK_ERRORS.en.tooManyAttempts).toContain("{minutes}");
  });
});

describe("i18n helpers", () => {
  it("recognizes the two languages", () => {
    expect(LANGS).toEqual(["en", "es"]);
    expect(isLang("en")).toBe(true);
    expect(isLang("es")).toBe(true);
    for (const other of ["EN", "fr", "", undefined, null, 1, {}]) expect(isLang(other)).toBe(false);
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(fill("Call {phone}, {hours}.", { phone: "1-833-555-0100", hours: "8 a.m. to 8 p.m." })).toBe("Call 1-833-555-0100, 8 a.m. to 8 p.m..");
    expect(fill("Free for {months} months", { months: 12 })).toBe("Free for 12 months");
    expect(fill("Call {phone}.", {})).toBe("Call {phone}.");
    expect(fill("{toString}", {})).toBe("{toString}");
    expect(fill("{a}{a}", { a: "x" })).toBe("xx");
  });

  it("lists a template's placeholders once each", () => {
    expect(placeholdersOf("{b} and {a} and {b}")).toEqual(["a", "b"]);
    expect(placeholdersOf("no placeholders")).toEqual([]);
  });
});
