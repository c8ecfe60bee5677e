/**
 * The call-center console's words: read-aloud scripts in English and Spanish (the agent switches
 * per call), disposition labels with their one-key shortcuts, and the plain messages of the page.
 * The scripts never ask the agent to read personal data out: the caller says it, the agent compares.
 */
import type { Lang, Localized } from "./i18n";

export type CallScripts = {
  greeting: string;
  verify: string[];
  verifyFailed: string;
  explain: string;
  notInvolved: string;
  offer: string;
  consent: string;
  lostLetter: string;
  closing: string;
};

/** {organization}, {vendor}, {months}, {date}, {phone} are filled from the incident. */
export const CALL_SCRIPTS: Localized<CallScripts> = {
  en: {
    greeting:
      "Thank you for calling about the letter from {organization}. I can help you with it. First I need to make sure I am speaking with the right person.",
    verify: ["Please tell me your full name.", "Please tell me your date of birth.", "Please tell me the street address where you got the letter."],
    verifyFailed:
      "I am sorry, I cannot find a match with what you told me. For your safety I cannot share anything about this letter. You can call again, or check the letter for its reference number.",
    explain:
      "Thank you. I can see your letter now. Some of your information was in the files that were taken. I will tell you which kinds, starting with the most important.",
    notInvolved: "These were not involved:",
    offer: "You can get {months} months of free credit monitoring from {vendor}. You can sign up until {date}. I can sign you up now if you like.",
    consent: "Do you agree to {vendor}'s terms for the free monitoring? You do not give up any rights by signing up. Please say yes or no.",
    lostLetter: "I will send you a new letter with a new code. The old code stops working now. The new letter should arrive in about two weeks.",
    closing: "Is there anything else I can help you with today? Thank you for calling. Our number is {phone}.",
  },
  es: {
    greeting: "Gracias por llamar por la carta de {organization}. Puedo ayudarle. Primero debo confirmar que hablo con la persona correcta.",
    verify: ["Por favor, dígame su nombre completo.", "Por favor, dígame su fecha de nacimiento.", "Por favor, dígame la dirección donde recibió la carta."],
    verifyFailed:
      "Lo siento, lo que me dijo no coincide. Por su seguridad no puedo darle información sobre esta carta. Puede llamar otra vez o buscar el número de referencia en la carta.",
    explain: "Gracias. Ya veo su carta. Parte de su información estaba en los archivos que se llevaron. Le diré de qué tipo, empezando por lo más importante.",
    notInvolved: "Esto no estaba incluido:",
    offer: "Puede recibir {months} meses de monitoreo de crédito gratis de {vendor}. Puede inscribirse hasta el {date}. Si quiere, lo inscribo ahora.",
    consent: "¿Acepta los términos de {vendor} para el monitoreo gratis? No renuncia a ningún derecho al inscribirse. Por favor, diga sí o no.",
    lostLetter: "Le enviaré una carta nueva con un código nuevo. El código anterior deja de funcionar ahora. La carta nueva debe llegar en unas dos semanas.",
    closing: "¿Hay algo más en que pueda ayudarle hoy? Gracias por llamar. Nuestro número es {phone}.",
  },
};

/** Disposition labels and their shortcut keys (Alt+key, or Alt+Shift+key, by browser: `accesskey`). */
export const DISPOSITION_TEXT = {
  exposure_question: { label: "Exposure question", key: "1" },
  enrollment: { label: "Enrollment", key: "2" },
  lost_letter: { label: "Lost letter", key: "3" },
  locked_out: { label: "Locked out", key: "4" },
  complaint: { label: "Complaint", key: "5" },
  suspected_fraud: { label: "Suspected fraud", key: "6" },
  not_found: { label: "Wrong person / not found", key: "7" },
  other: { label: "Other", key: "8" },
} as const;

export const DISPOSITION_LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(DISPOSITION_TEXT).map(([k, v]) => [k, v.label])),
  abandoned: "Abandoned (session ended)",
  open: "Still open",
};

/** One word or two under a chart bar. */
export const DISPOSITION_SHORT: Record<string, string> = {
  exposure_question: "Exposure",
  enrollment: "Enrollment",
  lost_letter: "Lost letter",
  locked_out: "Locked out",
  complaint: "Complaint",
  suspected_fraud: "Fraud",
  not_found: "Not found",
  other: "Other",
  abandoned: "Abandoned",
  open: "Open",
};

/** Answers of the call page after a post (keys from services/calls/actions.server.ts). */
export const CALL_MESSAGES: Record<string, { text: string; tone: "success" | "warning" | "error" | "info" }> = {
  verified: { text: "Caller verified. You can now help them.", tone: "success" },
  verifyFailed: { text: "Verification failed and was recorded. Read the script below; do not share anything about the letter.", tone: "warning" },
  verifyFailedLocked: { text: "Verification failed. The letter's code is now locked for an hour, as after repeated wrong dates of birth.", tone: "warning" },
  tooManyFailures: { text: "Verification failed three times on this call. End the call.", tone: "error" },
  language: { text: "Script language changed.", tone: "info" },
  unlocked: { text: "The letter's code works again. The caller can check online now.", tone: "success" },
  notLocked: { text: "The letter's code was not locked. Nothing changed.", tone: "info" },
  enroll_enrolled: { text: "Enrolled. The monitoring code is ready; a confirmation email is queued if an address was given.", tone: "success" },
  enroll_waiting: {
    text: "Enrollment recorded. No monitoring code is free right now: the caller gets one (and an email) as soon as codes arrive.",
    tone: "warning",
  },
  enroll_already: { text: "This person was already enrolled. Nothing changed.", tone: "info" },
  offer_closed: { text: "The enrollment period has ended. No enrollment was made.", tone: "error" },
  offer_deceased: { text: "This is a deceased person's letter: no enrollment is offered. Explain the next-of-kin steps instead.", tone: "error" },
  offer_unavailable: { text: "This letter cannot be enrolled. No enrollment was made.", tone: "error" },
  consentRequired: { text: "Ask for the caller's verbal consent and tick the box before enrolling.", tone: "error" },
  guardianRequired: { text: "This is a minor's letter: enter the parent or guardian's name.", tone: "error" },
  guardianTooLong: { text: "The guardian's name is too long (120 characters at most).", tone: "error" },
  emailFormat: { text: "That email address does not look right. Check it with the caller.", tone: "error" },
  resent: { text: "The enrollment confirmation email is queued again.", tone: "success" },
  resentAlready: { text: "The confirmation was already resent during this call.", tone: "info" },
  notEnrolled: { text: "There is no confirmed enrollment to resend.", tone: "error" },
  noEmail: { text: "There is no email address on file. Add one first.", tone: "error" },
  emailChanged: { text: "Email address changed.", tone: "success" },
  reissued: { text: "A new letter with a new code is queued for printing. The old code no longer works.", tone: "success" },
  cannotReissue: { text: "This letter cannot be reissued.", tone: "error" },
  flaggedFraud: { text: "Flagged as suspected fraud: no code works online for this letter until a new letter is reissued.", tone: "warning" },
  flaggedDeceased: { text: "Flagged as deceased: the online page now speaks to the next of kin, and no enrollment is offered.", tone: "warning" },
  noteTooLong: { text: "The note is too long (500 characters at most).", tone: "error" },
  notePersonal: { text: "The note looks like it holds personal data (an email, a date or a number). Leave those out.", tone: "error" },
  invalid: { text: "That request was not understood.", tone: "error" },
};

/** Problems of the lookup form. */
export const LOOKUP_ERRORS: Record<string, string> = {
  callReferenceMissing: "Enter the call reference from the phone system.",
  callReferenceTooLong: "The call reference is 64 characters at most.",
  reasonMissing: "Choose why you are looking up this caller.",
  reasonTooLong: "The reason is too long.",
  oneWay: "Enter a reference number, an activation code, or last name + date of birth + ZIP.",
  onlyOneWay: "Use only one way to find the caller: clear the other fields.",
  lastNameInvalid: "Enter the last name as the caller spells it.",
  dateOfBirthInvalid: "Enter the date of birth as YYYY-MM-DD.",
  zipInvalid: "Enter a 5-digit ZIP code.",
};

/** Reasons an agent picks for a lookup (stored with the audit row). */
export const LOOKUP_REASONS = [
  "Caller asking about their letter",
  "Caller wants to enroll",
  "Caller lost their letter",
  "Caller is locked out",
  "Caller reporting a problem",
] as const;

export function scriptsFor(lang: Lang): CallScripts {
  return CALL_SCRIPTS[lang];
}
