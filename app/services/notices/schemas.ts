import { z } from "zod";
import type { CheckErrors } from "~/content/pages";
import { calendarDate } from "~/utils/dates";

/** Field names of the check form: a public contract (DESIGN.md "The patient check"). */
export const CHECK_FIELDS = { code: "code", month: "dob-month", day: "dob-day", year: "dob-year" } as const;

export type CheckFormValues = { code: string; month: string; day: string; year: string };
export type CheckFieldError = { field: (typeof CHECK_FIELDS)[keyof typeof CHECK_FIELDS]; message: keyof CheckErrors };

/** Longer input is not a code or a date part: it is answered with the field's error, never thrown. */
export const CHECK_FIELD_MAX_CHARS = 64;
const text = z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string());
const RawCheckForm = z.object({ code: text, "dob-month": text, "dob-day": text, "dob-year": text });

/**
 * Read the check form. Returns what was typed (to show it again) and either the date of birth as
 * YYYY-MM-DD or the field errors, each naming a message in CHECK_ERRORS.
 */
export function parseCheckForm(form: FormData, today: Date): { values: CheckFormValues; dateOfBirth: string | null; errors: CheckFieldError[] } {
  const raw = RawCheckForm.parse(Object.fromEntries(["code", "dob-month", "dob-day", "dob-year"].map((k) => [k, form.get(k)])));
  const cap = (v: string) => v.slice(0, CHECK_FIELD_MAX_CHARS);
  const values = { code: cap(raw.code), month: cap(raw["dob-month"]), day: cap(raw["dob-day"]), year: cap(raw["dob-year"]) };
  const errors: CheckFieldError[] = [];
  if (!values.code) errors.push({ field: "code", message: "codeMissing" });
  else if (raw.code.length > CHECK_FIELD_MAX_CHARS) errors.push({ field: "code", message: "codeFormat" });

  const month = /^\d{1,2}$/.test(raw["dob-month"]) ? Number(values.month) : NaN;
  const day = /^\d{1,2}$/.test(raw["dob-day"]) ? Number(values.day) : NaN;
  const year = /^\d{4}$/.test(raw["dob-year"]) ? Number(values.year) : NaN;
  if (!values.month) errors.push({ field: "dob-month", message: "monthMissing" });
  else if (!(month >= 1 && month <= 12)) errors.push({ field: "dob-month", message: "monthInvalid" });
  if (!values.day) errors.push({ field: "dob-day", message: "dayMissing" });
  else if (!(day >= 1 && day <= 31)) errors.push({ field: "dob-day", message: "dayInvalid" });
  if (!values.year) errors.push({ field: "dob-year", message: "yearMissing" });
  else if (!(year >= 1900 && year <= 9999)) errors.push({ field: "dob-year", message: "yearInvalid" });

  let dateOfBirth: string | null = null;
  if (!errors.some((e) => e.field !== "code")) {
    const date = calendarDate(year, month, day);
    if (!date) {
      errors.push({ field: "dob-day", message: "dateNotReal" });
    } else if (Date.parse(`${date}T00:00:00Z`) > today.getTime()) {
      errors.push({ field: "dob-year", message: "dateInFuture" });
    } else {
      dateOfBirth = date;
    }
  }
  return { values, dateOfBirth, errors };
}
