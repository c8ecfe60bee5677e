import { isCategoryKey } from "~/content/categories";
import { parseDateText } from "~/utils/dates";

/**
 * The batch file's columns (DESIGN.md "Batch file"): names case-insensitive, any order.
 * `*` in DESIGN.md = required here.
 */
export const BATCH_COLUMNS = [
  "external_id",
  "first_name",
  "middle_name",
  "last_name",
  "suffix",
  "address_line1",
  "address_line2",
  "city",
  "state",
  "zip",
  "date_of_birth",
  "email",
  "phone",
  "language",
  "deceased",
  "exposed",
] as const;
export type BatchColumn = (typeof BATCH_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly BatchColumn[] = [
  "external_id",
  "first_name",
  "last_name",
  "address_line1",
  "city",
  "state",
  "zip",
  "date_of_birth",
  "exposed",
];

/** Every reason a row or a file can be rejected, with the sentence the report shows. */
export const REJECT_REASONS = {
  missing: "required value is missing",
  unknown_category: "unknown category key",
  no_category: "at least one category key is required",
  bad_date: "not a date (YYYY-MM-DD or MM/DD/YYYY)",
  impossible_date: "no such calendar date",
  future_date: "date of birth is in the future",
  date_before_1900: "date of birth is before 1900",
  bad_state: "not a USPS state or territory code",
  bad_zip: "ZIP must be 5 or 9 digits",
  bad_language: "language must be en or es",
  bad_deceased: "deceased must be Y/N, true/false or 1/0",
  bad_email: "not an email address",
  bad_phone: "phone must have 10 digits",
  too_long: "value is too long",
  bad_characters: "value contains control characters",
  bidi_characters: "value contains bidirectional control characters (U+202A-U+202E, U+2066-U+2069), which can reorder what the letter shows",
  bad_encoding: "not valid UTF-8",
  column_count: "wrong number of fields on this line",
  duplicate_in_file: "external_id appears earlier in the file",
  already_notified: "external_id was already notified in an earlier batch of this organization",
  // file-level
  not_csv: "the file is not a CSV text file",
  bad_header: "the header lacks required columns",
  duplicate_column: "a column appears twice in the header",
  empty_file: "the file has no rows",
  malformed_csv: "the CSV cannot be read (unbalanced quotes?)",
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;

export type RowProblem = { line: number; column: string; reason: RejectReason; detail?: string };

/** USPS codes: the states, DC, the territories, the freely associated states, military mail. */
export const USPS_CODES: ReadonlySet<string> = new Set(
  (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY " +
    "DC PR VI GU AS MP UM FM MH PW AA AE AP"
  ).split(" "),
);

const MAX_FIELD_CHARS = 200;
/**
 * `exposed` lists category keys: all 19 with separators are 268 characters (issue 15, finding 10).
 * Its length is bounded by the catalog (an unknown key is refused), so the cap only stops junk.
 */
const MAX_EXPOSED_CHARS = 1000;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** Bidirectional embedding, override and isolate controls: refused, never passed to the print vendor (issue 15, finding 9). */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

export type HeaderMap = { index: Partial<Record<BatchColumn, number>>; width: number; ignored: string[] };

/** Map the header row to column indexes; problems are file-level (line 1). */
export function readHeader(header: string[]): { map?: HeaderMap; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const index: Partial<Record<BatchColumn, number>> = {};
  const ignored: string[] = [];
  header.forEach((raw, i) => {
    const name = raw
      .replace(/^\uFEFF/, "")
      .trim()
      .toLowerCase();
    if ((BATCH_COLUMNS as readonly string[]).includes(name)) {
      const col = name as BatchColumn;
      if (index[col] !== undefined) problems.push({ line: 1, column: col, reason: "duplicate_column" });
      else index[col] = i;
    } else if (name) ignored.push(name.slice(0, 40));
  });
  const missing = REQUIRED_COLUMNS.filter((c) => index[c] === undefined);
  for (const c of missing) problems.push({ line: 1, column: c, reason: "bad_header" });
  return problems.length ? { problems } : { map: { index, width: header.length, ignored }, problems };
}

/** A validated person, ready for the sealing workers. */
export type ValidRow = {
  line: number;
  externalId: string;
  firstName: string;
  middleName: string;
  lastName: string;
  suffix: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  state: string;
  zip: string;
  dateOfBirth: string;
  email: string;
  phone: string;
  language: "en" | "es";
  deceased: boolean;
  exposed: string[];
};

/** YYYY-MM-DD or M/D/YYYY → YYYY-MM-DD, or the reason it is not a date. */
export function parseDate(value: string, today: string): { date: string } | { reason: RejectReason } {
  const parsed = parseDateText(value);
  if (parsed === "format") return { reason: "bad_date" };
  if (parsed === "impossible") return { reason: "impossible_date" };
  if (parsed.year < 1900) return { reason: "date_before_1900" };
  if (parsed.date > today) return { reason: "future_date" };
  return { date: parsed.date };
}

const DECEASED: Record<string, boolean> = { y: true, yes: true, true: true, "1": true, n: false, no: false, false: false, "0": false, "": false };

/**
 * Validate one record (already split into fields). Returns the row, or every problem found
 * (a row can be wrong in several columns; each is reported).
 */
export function validateRecord(
  fields: string[],
  line: number,
  header: HeaderMap,
  today: string,
): { row: ValidRow; problems?: undefined } | { row?: undefined; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  if (fields.length !== header.width) return { problems: [{ line, column: "", reason: "column_count" }] };
  const get = (c: BatchColumn): string => {
    const i = header.index[c];
    return i === undefined ? "" : (fields[i] ?? "").trim();
  };
  const bad = (column: BatchColumn, reason: RejectReason, detail?: string) => problems.push({ line, column, reason, detail });
  const values = {} as Record<BatchColumn, string>;
  for (const c of BATCH_COLUMNS) {
    const v = get(c);
    values[c] = v;
    if (v.includes("\uFFFD")) bad(c, "bad_encoding");
    else if (CONTROL.test(v)) bad(c, "bad_characters");
    else if (BIDI_CONTROL.test(v)) bad(c, "bidi_characters");
    else if (v.length > (c === "exposed" ? MAX_EXPOSED_CHARS : MAX_FIELD_CHARS)) bad(c, "too_long");
    else if (!v && REQUIRED_COLUMNS.includes(c)) bad(c, c === "exposed" ? "no_category" : "missing");
  }
  if (problems.length && problems.some((p) => p.reason === "bad_encoding" || p.reason === "bad_characters" || p.reason === "bidi_characters"))
    return { problems };

  const state = values.state.toUpperCase();
  if (values.state && !USPS_CODES.has(state)) bad("state", "bad_state");

  const zipDigits = values.zip.replace(/-/g, "");
  let zip = values.zip;
  if (values.zip) {
    if (!/^\d{5}(-?\d{4})?$/.test(values.zip)) bad("zip", "bad_zip");
    else zip = zipDigits.length === 9 ? `${zipDigits.slice(0, 5)}-${zipDigits.slice(5)}` : zipDigits;
  }

  let dateOfBirth = "";
  if (values.date_of_birth) {
    const parsed = parseDate(values.date_of_birth, today);
    if ("reason" in parsed) bad("date_of_birth", parsed.reason);
    else dateOfBirth = parsed.date;
  }

  const language = (values.language || "en").toLowerCase();
  if (language !== "en" && language !== "es") bad("language", "bad_language");

  const deceased = DECEASED[values.deceased.toLowerCase()];
  if (deceased === undefined) bad("deceased", "bad_deceased");

  if (values.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) bad("email", "bad_email");
  let phone = "";
  if (values.phone) {
    const digits = values.phone.replace(/[\s().+-]/g, "");
    const ten = digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
    if (!/^\d{10}$/.test(ten)) bad("phone", "bad_phone");
    else phone = ten;
  }

  const exposed: string[] = [];
  if (values.exposed) {
    for (const part of values.exposed.split(";")) {
      const key = part.trim().toLowerCase();
      if (!key) continue;
      // Echo the key only when it looks like one: a misaligned column must not copy personal data into the report.
      if (!isCategoryKey(key)) bad("exposed", "unknown_category", /^[a-z_]{1,40}$/.test(key) ? key : undefined);
      else if (!exposed.includes(key)) exposed.push(key);
    }
    if (exposed.length === 0 && !problems.some((p) => p.column === "exposed")) bad("exposed", "no_category");
  }

  if (problems.length) return { problems };
  return {
    row: {
      line,
      externalId: values.external_id,
      firstName: values.first_name,
      middleName: values.middle_name,
      lastName: values.last_name,
      suffix: values.suffix,
      addressLine1: values.address_line1,
      addressLine2: values.address_line2,
      city: values.city,
      state,
      zip,
      dateOfBirth,
      email: values.email,
      phone,
      language: language as "en" | "es",
      deceased: deceased!,
      exposed,
    },
  };
}
