import { z } from "zod";
import type { CheckErrors } from "~/content/pages";

/** Field names of the check form: a public contract (DESIGN.md "The patient check"). */
export const CHECK_FIELDS = { code: "code", month: "dob-month", day: "dob-day", year: "dob-year" } as const;

export type CheckFormValues = { code: string; month: string; day: string; year: string };
export type CheckFieldError = { field: (typeof CHECK_FIELDS)[keyof typeof CHECK_FIELDS]; message: keyof CheckErrors };

const text = z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string().max(64));
const RawCheckForm = z.object({ code: text, "dob-month": text, "dob-day": text, "dob-year": text });

/**
 * Read the check form. Returns what was typed (to show it again) and either the date of birth as
 * YYYY-MM-DD or the field errors, each naming a message in CHECK_ERRORS.
 */
export function parseCheckForm(
  form: FormData,
  today: Date,
): { values: CheckFormValues; dateOfBirth: string | null; errors: CheckFieldError[] } {
  const raw = RawCheckForm.parse(Object.fromEntries(["code", "dob-month", "dob-day", "dob-year"].map((k) => [k, form.get(k)])));
  const values = { code: raw.code, month: raw["dob-month"], day: raw["dob-day"], year: raw["dob-year"] };
  const errors: CheckFieldError[] = [];
  if (!values.code) errors.push({ field: "code", message: "codeMissing" });

  const month = /^\d{1,2}$/.test(values.month) ? Number(values.month) : NaN;
  const day = /^\d{1,2}$/.test(values.day) ? Number(values.day) : NaN;
  const year = /^\d{4}$/.test(values.year) ? Number(values.year) : NaN;
  if (!values.month) errors.push({ field: "dob-month", message: "monthMissing" });
  else if (!(month >= 1 && month <= 12)) errors.push({ field: "dob-month", message: "monthInvalid" });
  if (!values.day) errors.push({ field: "dob-day", message: "dayMissing" });
  else if (!(day >= 1 && day <= 31)) errors.push({ field: "dob-day", message: "dayInvalid" });
  if (!values.year) errors.push({ field: "dob-year", message: "yearMissing" });
  else if (!(year >= 1900 && year <= 9999)) errors.push({ field: "dob-year", message: "yearInvalid" });

  let dateOfBirth: string | null = null;
  if (!errors.some((e) => e.field !== "code")) {
    const d = new Date(Date.UTC(year, month - 1, day));
    if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
      errors.push({ field: "dob-day", message: "dateNotReal" });
    } else if (d.getTime() > today.getTime()) {
      errors.push({ field: "dob-year", message: "dateInFuture" });
    } else {
      dateOfBirth = d.toISOString().slice(0, 10);
    }
  }
  return { values, dateOfBirth, errors };
}
