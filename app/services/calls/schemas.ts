import { z } from "zod";
import { CALL_DISPOSITIONS, type CallDisposition } from "../../../db/schema/calls";

/**
 * The call-center forms (DESIGN.md "Call-center console"): field names are a contract driven by
 * tests outside this repository. Shared by the routes (to read the form) and the services.
 */
export const CALL_REFERENCE_MAX_CHARS = 64;
export const CALL_REASON_MAX_CHARS = 200;
export const CALL_NOTE_MAX_CHARS = 500;
const EMAIL_MAX_CHARS = 254;

/** Dispositions an agent may choose; `abandoned` is the system's. */
export const AGENT_DISPOSITIONS = CALL_DISPOSITIONS.filter((d) => d !== "abandoned") as Exclude<CallDisposition, "abandoned">[];
export type AgentDisposition = (typeof AGENT_DISPOSITIONS)[number];

const text = (max: number) => z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string().max(max));

const LookupBase = z.object({
  callReference: text(CALL_REFERENCE_MAX_CHARS).pipe(z.string().min(1, "callReferenceMissing")),
  reason: text(CALL_REASON_MAX_CHARS).pipe(z.string().min(1, "reasonMissing")),
});

export type LookupCriteria =
  { by: "reference"; referenceNumber: string } | { by: "code"; activationCode: string } | { by: "search"; lastName: string; dateOfBirth: string; zip: string };

export type LookupInput = { callReference: string; reason: string; criteria: LookupCriteria };
export type LookupField = "callReference" | "reason" | "referenceNumber" | "activationCode" | "lastName" | "dateOfBirth" | "zip" | "form";
export type LookupFormErrors = { field: LookupField; message: string }[];
export type LookupFormValues = Record<Exclude<LookupField, "form">, string>;

const realDate = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
};

/**
 * Read the lookup form: a call reference, a reason, and exactly one way to find the notice
 * (reference number; activation code; or last name + date of birth + ZIP). Keeps what was typed.
 */
export function parseLookupForm(form: FormData): { values: LookupFormValues; input: LookupInput | null; errors: LookupFormErrors } {
  const str = (k: string, max = 100) => {
    const v = form.get(k);
    return typeof v === "string" ? v.trim().slice(0, max) : "";
  };
  const values: LookupFormValues = {
    callReference: str("callReference", 200),
    reason: str("reason", 400),
    referenceNumber: str("referenceNumber", 40),
    activationCode: str("activationCode", 40),
    lastName: str("lastName", 100),
    dateOfBirth: str("dateOfBirth", 20),
    zip: str("zip", 20),
  };
  const errors: LookupFormErrors = [];
  const base = LookupBase.safeParse({ callReference: form.get("callReference"), reason: form.get("reason") });
  if (!base.success) {
    for (const issue of base.error.issues) {
      const field = issue.path[0] as "callReference" | "reason";
      errors.push({ field, message: issue.code === "too_big" ? `${field}TooLong` : `${field}Missing` });
    }
  }
  const ways = [values.referenceNumber ? 1 : 0, values.activationCode ? 1 : 0, values.lastName || values.dateOfBirth || values.zip ? 1 : 0].reduce(
    (a, b) => a + b,
    0,
  );
  let criteria: LookupCriteria | null = null;
  if (ways === 0) errors.push({ field: "form", message: "oneWay" });
  else if (ways > 1) errors.push({ field: "form", message: "onlyOneWay" });
  else if (values.referenceNumber) criteria = { by: "reference", referenceNumber: values.referenceNumber };
  else if (values.activationCode) criteria = { by: "code", activationCode: values.activationCode };
  else {
    if (!/^\p{L}[\p{L}' .-]{0,79}$/u.test(values.lastName)) errors.push({ field: "lastName", message: "lastNameInvalid" });
    if (!realDate(values.dateOfBirth)) errors.push({ field: "dateOfBirth", message: "dateOfBirthInvalid" });
    if (!/^\d{5}(-?\d{4})?$/.test(values.zip)) errors.push({ field: "zip", message: "zipInvalid" });
    criteria = { by: "search", lastName: values.lastName, dateOfBirth: values.dateOfBirth, zip: values.zip.slice(0, 5) };
  }
  if (errors.length || !base.success || !criteria) return { values, input: null, errors };
  return { values, input: { callReference: base.data.callReference, reason: base.data.reason, criteria }, errors };
}

/** The call page's posts: `intent` and its fields. Anything else is a 400. */
export const CallActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("verify"), outcome: z.enum(["pass", "fail"]) }),
  z.object({ intent: z.literal("language"), lang: z.enum(["en", "es"]) }),
  z.object({ intent: z.literal("unlock") }),
  z.object({
    intent: z.literal("enroll"),
    verbalConsent: z.literal("yes", { errorMap: () => ({ message: "consentRequired" }) }),
    email: z.preprocess((v) => (typeof v === "string" && v.trim() ? v.trim() : undefined), z.string().max(EMAIL_MAX_CHARS).email("emailFormat").optional()),
    guardianName: z.preprocess((v) => (typeof v === "string" && v.trim() ? v.trim() : undefined), z.string().max(120, "guardianTooLong").optional()),
  }),
  z.object({ intent: z.literal("resend") }),
  z.object({ intent: z.literal("email"), email: z.string().trim().max(EMAIL_MAX_CHARS).email("emailFormat") }),
  z.object({ intent: z.literal("reissue") }),
  /** The caller hung up before verification: the call ends as `abandoned`. */
  z.object({ intent: z.literal("hangup") }),
  z.object({ intent: z.literal("flag"), flag: z.enum(["fraud", "deceased"]) }),
  z.object({
    intent: z.literal("end"),
    disposition: z.enum(AGENT_DISPOSITIONS as [AgentDisposition, ...AgentDisposition[]]),
    note: z.preprocess(
      (v) => (typeof v === "string" ? v.trim() : ""),
      z
        .string()
        .max(CALL_NOTE_MAX_CHARS, "noteTooLong")
        .refine((n) => !looksPersonal(n), "notePersonal"),
    ),
  }),
]);
export type CallAction = z.infer<typeof CallActionSchema>;
export type CallIntent = CallAction["intent"];

/** Form → action, or the first problem (a message key). */
export function parseCallAction(form: FormData): { ok: true; action: CallAction } | { ok: false; intent: string; problem: string } {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !(k in raw)) raw[k] = v;
  const parsed = CallActionSchema.safeParse(raw);
  if (parsed.success) return { ok: true, action: parsed.data };
  const intent = typeof raw.intent === "string" ? raw.intent.slice(0, 20) : "";
  return { ok: false, intent, problem: parsed.error.issues[0]?.message ?? "invalid" };
}

/**
 * A note must hold no personal data. We cannot read meaning, but we refuse what personal data
 * usually looks like in a note: an email address, a run of 4+ digits (a date of birth, a ZIP, a
 * code or reference number, a phone number), or a date written with slashes.
 */
export function looksPersonal(note: string): boolean {
  return /@|\d{4,}|\d[\s-]?\d{3}[\s-]\d{4}|\b\d{1,2}\/\d{1,2}(\/\d{2,4})?\b/.test(note);
}

export const CallIdSchema = z.string().uuid();
