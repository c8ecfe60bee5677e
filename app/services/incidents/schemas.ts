import { z } from "zod";

/**
 * The incident definition file (DESIGN.md "Setting up an incident"): one JSON object whose keys
 * are the incident's fields. One schema serves `incident create`, `incident update` (any subset,
 * then the merged whole is checked again) and the admin Incident page.
 *
 * To add a field later: add it to `optionalFields` below (always `.optional()`, so a file with
 * exactly the original keys stays valid) and a nullable column of the same camelCase name in
 * db/schema/incidents.ts; `createIncident` / `updateIncident` store whatever the schema returns.
 */

export const INCIDENT_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

const NAME_MAX = 200;
const TEXT_MAX = 4000;
const LIST_MAX = 20;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const text = (max: number) =>
  z.string({ required_error: "required", invalid_type_error: "must be text" }).trim().min(1, "required").max(max, `at most ${max} characters`);

const day = z.string({ required_error: "required", invalid_type_error: "must be a date YYYY-MM-DD" }).refine(isCalendarDate, "must be a date YYYY-MM-DD");

const localized = z
  .object({ en: text(TEXT_MAX), es: text(TEXT_MAX) }, { required_error: "required", invalid_type_error: 'must be {"en": "...", "es": "..."}' })
  .strict();

const list = z.array(text(NAME_MAX), { required_error: "required", invalid_type_error: "must be a list of texts" }).max(LIST_MAX, `at most ${LIST_MAX} items`);
const localizedList = z
  .object({ en: list, es: list }, { required_error: "required", invalid_type_error: 'must be {"en": [...], "es": [...]}' })
  .strict()
  .superRefine((v, ctx) => {
    if (v.en.length !== v.es.length) ctx.addIssue({ code: "custom", path: ["es"], message: `must list as many items as en (${v.en.length})` });
  });

/** North American number: 10 digits (an optional leading 1), written with digits, spaces, ( ) - . + */
const PHONE_CHARS = /^[0-9 ()+.-]{10,20}$/;
function phoneDigits(s: string): string | null {
  if (!PHONE_CHARS.test(s)) return null;
  const digits = s.replace(/\D/g, "");
  const ten = digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
  return ten.length === 10 && /^[2-9]\d{2}[2-9]/.test(ten) ? ten : null;
}
/** Toll-free area codes of the North American Numbering Plan. */
const TOLL_FREE = ["800", "833", "844", "855", "866", "877", "888"];
const phone = text(20).refine((s) => phoneDigits(s) !== null, "must be a 10-digit phone number, e.g. 1-855-555-0100");
const tollFree = phone.refine((s) => TOLL_FREE.includes(phoneDigits(s)?.slice(0, 3) ?? ""), `must be a toll-free number (${TOLL_FREE.join(", ")})`);

const httpsUrl = text(500).refine((s) => {
  try {
    const u = new URL(s);
    return u.protocol === "https:" && !u.username && !u.password && u.hostname.includes(".");
  } catch {
    return false;
  }
}, "must be an https:// address");

export const requiredFields = {
  slug: z
    .string({ required_error: "required", invalid_type_error: "must be text" })
    .regex(INCIDENT_SLUG, "lower-case letters, digits and hyphens (at most 63)"),
  name: text(NAME_MAX),
  breachedEntity: text(NAME_MAX),
  intrusionStart: day,
  intrusionEnd: day,
  discoveredOn: day,
  reviewEndedOn: day,
  noticeDate: day,
  enrollBy: day,
  retainUntil: day,
  whatHappened: localized,
  whatWeAreDoing: localized,
  phoneHours: localized,
  notInvolved: localizedList,
  tollFreePhone: tollFree,
  offerMonths: z
    .number({ required_error: "required", invalid_type_error: "must be a whole number of months" })
    .int("must be a whole number of months")
    .min(1, "at least 1 month")
    .max(60, "at most 60 months"),
  partnerName: text(NAME_MAX),
  partnerUrl: httpsUrl,
  partnerPhone: phone,
};

const RETURN_ADDRESS_MAX = 300;
const LINKS_MAX = 60;

/** `[{"name": "...", "url": "https://..."}]`: pages a person can open on their own. */
const namedLinks = z
  .array(z.object({ name: text(NAME_MAX), url: httpsUrl }, { invalid_type_error: 'each must be {"name": "...", "url": "https://..."}' }).strict(), {
    invalid_type_error: 'must be a list of {"name": "...", "url": "https://..."}',
  })
  .max(LINKS_MAX, `at most ${LINKS_MAX} items`);

/**
 * Fields added after the first contract: always optional in the file.
 * - The "is this letter genuine?" anchors (issue 16, item 5): the covered entities' own websites,
 *   the HHS breach portal listing, state attorney-general postings, and the return address printed
 *   on the envelope (lines separated by line breaks).
 */
export const optionalFields = {
  coveredEntityWebsites: namedLinks.optional(),
  hhsBreachPortalUrl: httpsUrl.optional(),
  attorneyGeneralPostings: namedLinks.optional(),
  letterReturnAddress: z
    .string({ invalid_type_error: "must be text" })
    .trim()
    .min(1, "must not be empty (leave the field out instead)")
    .max(RETURN_ADDRESS_MAX, `at most ${RETURN_ADDRESS_MAX} characters`)
    .optional(),
};

/** Optional fields that hold a list of links (the admin form: one `Name | https://…` a line). */
export const LINK_LIST_FIELDS = ["coveredEntityWebsites", "attorneyGeneralPostings"] as const;

const fieldsObject = z.object({ ...requiredFields, ...optionalFields }).strict();
export type IncidentDefinition = z.infer<typeof fieldsObject>;
export const INCIDENT_FIELDS = Object.keys({ ...requiredFields, ...optionalFields }) as (keyof IncidentDefinition)[];

/**
 * The order the dates must keep (each pair: first ≤ second). The intrusion can still be going on
 * when it is discovered, so the end of the intrusion is compared with the end of the review.
 */
export const DATE_ORDER: [keyof IncidentDefinition, keyof IncidentDefinition][] = [
  ["intrusionStart", "intrusionEnd"],
  ["intrusionStart", "discoveredOn"],
  ["discoveredOn", "reviewEndedOn"],
  ["intrusionEnd", "reviewEndedOn"],
  ["reviewEndedOn", "noticeDate"],
  ["noticeDate", "enrollBy"],
  ["enrollBy", "retainUntil"],
];

const wholeSchema = fieldsObject.superRefine((v, ctx) => {
  for (const [a, b] of DATE_ORDER) {
    const x = v[a] as string;
    const y = v[b] as string;
    if (x > y) ctx.addIssue({ code: "custom", path: [b], message: `must not be before ${a} (${x})` });
  }
});

export type IncidentParse = { ok: true; value: IncidentDefinition } | { ok: false; problems: string[] };

function problemsOf(error: z.ZodError): string[] {
  const lines = error.issues.map((i) => {
    if (i.code === "unrecognized_keys") return i.keys.map((k) => `${[...i.path, k].join(".")}: unknown field`);
    return [`${i.path.length ? i.path.join(".") : "file"}: ${i.message}`];
  });
  return [...new Set(lines.flat())];
}

function asObject(input: unknown): Record<string, unknown> | null {
  return input && typeof input === "object" && !Array.isArray(input) ? (input as Record<string, unknown>) : null;
}

/** Check a whole definition. Each problem is one `field: reason` line. */
export function parseIncidentDefinition(input: unknown): IncidentParse {
  if (!asObject(input)) return { ok: false, problems: ["file: must be one JSON object"] };
  const r = wholeSchema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, problems: problemsOf(r.error) };
}

/**
 * Check a partial definition (an update): each given field on its own, then the merged whole
 * (so a new enrollBy is checked against the stored noticeDate).
 */
export function parseIncidentUpdate(current: IncidentDefinition, input: unknown): IncidentParse & { changed?: string[] } {
  const obj = asObject(input);
  if (!obj) return { ok: false, problems: ["file: must be one JSON object"] };
  const partial = fieldsObject.partial().safeParse(obj);
  if (!partial.success) return { ok: false, problems: problemsOf(partial.error) };
  if (partial.data.slug !== undefined && partial.data.slug !== current.slug)
    return { ok: false, problems: [`slug: cannot be changed (it is ${current.slug})`] };
  const merged = parseIncidentDefinition({ ...current, ...partial.data });
  if (!merged.ok) return merged;
  const changed = Object.keys(partial.data).filter(
    (k) => JSON.stringify(partial.data[k as keyof IncidentDefinition]) !== JSON.stringify(current[k as keyof IncidentDefinition]),
  );
  return { ...merged, changed };
}

/** Things worth saying that do not make the definition invalid (dates in the past are allowed). */
export function incidentWarnings(def: IncidentDefinition, today: string): string[] {
  const out: string[] = [];
  if (def.enrollBy < today) out.push(`warning: enrollBy: the offer already closed on ${def.enrollBy}; people can no longer enroll`);
  if (def.retainUntil < today)
    out.push(`warning: retainUntil: ${def.retainUntil} has passed; the server's hourly purge (or purge --apply) erases this incident's personal data`);
  return out;
}

/** Fields in both languages ({en, es}) and the one list per language, as the web form names them. */
export const LOCALIZED_FIELDS = ["whatHappened", "whatWeAreDoing", "phoneHours"] as const;

/**
 * The admin Incident form as the same object the file holds: `whatHappened.en` / `.es` inputs
 * become `{ en, es }`, `notInvolved.en` is one item per line, `offerMonths` a number when it is
 * one (else left as typed, so the schema names the problem). The result goes through the schema.
 */
export function incidentInputFromForm(get: (name: string) => string | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const text = (name: string) => (get(name) ?? "").slice(0, 10_000);
  for (const key of INCIDENT_FIELDS) {
    // An optional field the form left out or blank stays as it is (an update keeps the stored value).
    if (key in optionalFields && !(get(key) ?? "").trim()) continue;
    if ((LINK_LIST_FIELDS as readonly string[]).includes(key)) {
      out[key] = text(key)
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
        .map((line) => {
          const at = line.lastIndexOf("|");
          return at < 0 ? { name: "", url: line } : { name: line.slice(0, at).trim(), url: line.slice(at + 1).trim() };
        });
    } else if ((LOCALIZED_FIELDS as readonly string[]).includes(key)) out[key] = { en: text(`${key}.en`), es: text(`${key}.es`) };
    else if (key === "notInvolved") {
      const lines = (lang: string) =>
        text(`notInvolved.${lang}`)
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean);
      out[key] = { en: lines("en"), es: lines("es") };
    } else if (key === "offerMonths") {
      const v = text(key).trim();
      out[key] = /^\d{1,3}$/.test(v) ? Number(v) : v;
    } else out[key] = text(key).trim();
  }
  return out;
}

/** `whatHappened.es: required` → the form field's id and the message, for the error summary. */
export function problemToFieldError(line: string): { field: string; message: string } {
  const at = line.indexOf(": ");
  const path = at > 0 ? line.slice(0, at) : "file";
  const [key, lang] = path.split(".");
  const field = lang === "en" || lang === "es" ? `${key}-${lang}` : key!;
  return { field, message: line };
}
