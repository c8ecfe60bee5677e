/**
 * The category catalog: the stable keys for the kinds of personal data a notice can list as
 * involved. Source: the incident's own list, as copied into DESIGN.md ("The category catalog").
 *
 * Keys are a public contract (batch files, the `data-category` attribute on the exposure page):
 * extend, never rename. Labels and guidance live in `./guidance/`.
 */

/** Every category key, in the catalog order of DESIGN.md. */
export const CATEGORY_KEYS = [
  "name",
  "address",
  "date_of_birth",
  "ssn",
  "taxpayer_id",
  "medical_record_number",
  "diagnosis",
  "diagnosis_code",
  "condition",
  "prescription",
  "provider",
  "health_insurance",
  "beneficiary_number",
  "subscriber_number",
  "medicaid_medicare_id",
  "patient_account_number",
  "patient_id_number",
  "treatment_cost",
  "claims",
] as const;

/** One kind of personal data that a notice can list as involved. */
export type CategoryKey = (typeof CATEGORY_KEYS)[number];

const CATEGORY_KEY_SET: ReadonlySet<string> = new Set(CATEGORY_KEYS);

/** True when `s` is exactly one of {@link CATEGORY_KEYS} (case-sensitive; trim before calling). */
export function isCategoryKey(s: string): s is CategoryKey {
  return CATEGORY_KEY_SET.has(s);
}

/** The catalog's groups (DESIGN.md, first column). */
export type CategoryGroup = "identity" | "government_ids" | "medical" | "insurance" | "billing";

/** The group of each category, from DESIGN.md's catalog table. */
export const CATEGORY_GROUP = {
  name: "identity",
  address: "identity",
  date_of_birth: "identity",
  ssn: "government_ids",
  taxpayer_id: "government_ids",
  medical_record_number: "medical",
  diagnosis: "medical",
  diagnosis_code: "medical",
  condition: "medical",
  prescription: "medical",
  provider: "medical",
  health_insurance: "insurance",
  beneficiary_number: "insurance",
  subscriber_number: "insurance",
  medicaid_medicare_id: "insurance",
  patient_account_number: "billing",
  patient_id_number: "billing",
  treatment_cost: "billing",
  claims: "billing",
} as const satisfies Record<CategoryKey, CategoryGroup>;

/**
 * The order in which involved categories are shown: the ones a thief can do the most harm with
 * first. Government IDs (new credit, tax refunds), then insurance IDs (medical identity theft),
 * then medical details, then the rest.
 */
const SEVERITY_ORDER = [
  "ssn",
  "taxpayer_id",
  "medicaid_medicare_id",
  "health_insurance",
  "beneficiary_number",
  "subscriber_number",
  "medical_record_number",
  "diagnosis",
  "diagnosis_code",
  "condition",
  "prescription",
  "provider",
  "date_of_birth",
  "patient_account_number",
  "patient_id_number",
  "claims",
  "treatment_cost",
  "address",
  "name",
] as const satisfies readonly CategoryKey[];

/** Severity of each category: lower is more serious (0 = `ssn`). Use it to sort or to highlight. */
export const SEVERITY_RANK: Readonly<Record<CategoryKey, number>> = Object.freeze(
  Object.fromEntries(SEVERITY_ORDER.map((key, rank) => [key, rank])) as Record<CategoryKey, number>,
);

/**
 * The given keys, most serious first (by {@link SEVERITY_RANK}), each key once.
 * Stable: keys of equal rank keep their input order. Does not modify the input.
 */
export function sortBySeverity(keys: readonly CategoryKey[]): CategoryKey[] {
  return [...new Set(keys)].sort((a, b) => SEVERITY_RANK[a] - SEVERITY_RANK[b]);
}
