import { z } from "zod";
import type { EnrollErrorKey } from "~/content/enrollment";

export type { EnrollErrorKey };

/**
 * The enrollment form (app/routes/enroll.tsx), shared by the page and its action. Field names are
 * the form's; messages are keys into ENROLL_TEXT.errors (app/content/enrollment.ts).
 */
export const ENROLL_FIELDS = ["email", "emailConfirm", "guardianName", "consent"] as const;
export type EnrollField = (typeof ENROLL_FIELDS)[number];
export type EnrollFormValues = { email: string; emailConfirm: string; guardianName: string; consent: boolean };
export type EnrollFormErrors = { field: EnrollField; message: EnrollErrorKey }[];

const EMAIL_MAX_CHARS = 254;
const email = z.string().trim().max(EMAIL_MAX_CHARS).email();

/** Parse the posted form. `needsGuardian`: the notice is a minor's. Keeps what was typed. */
export function parseEnrollForm(form: FormData, needsGuardian: boolean): { values: EnrollFormValues; errors: EnrollFormErrors; email: string | null } {
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const values: EnrollFormValues = {
    email: str("email").trim(),
    emailConfirm: str("emailConfirm").trim(),
    guardianName: str("guardianName").trim(),
    consent: form.get("consent") === "yes",
  };
  const errors: EnrollFormErrors = [];
  if (values.email || values.emailConfirm) {
    if (!email.safeParse(values.email).success) errors.push({ field: "email", message: "emailFormat" });
    else if (values.email.toLowerCase() !== values.emailConfirm.toLowerCase()) {
      errors.push({ field: "emailConfirm", message: "emailMismatch" });
    }
  }
  if (needsGuardian) {
    if (!values.guardianName) errors.push({ field: "guardianName", message: "guardianRequired" });
    else if (values.guardianName.length > 120) errors.push({ field: "guardianName", message: "guardianTooLong" });
  }
  if (!values.consent) errors.push({ field: "consent", message: "consentRequired" });
  return { values, errors, email: values.email && errors.length === 0 ? values.email : null };
}
