import type { EmailKind } from "../../../db/schema/enrollment";
import { fill, type Lang } from "~/content/i18n";

/**
 * Every email the portal sends, in English and Spanish. Pure data and pure functions.
 *
 * The rule (DESIGN.md "Nothing leaks"): an email carries no personal data beyond the greeting —
 * no name, no categories, no organization, no codes, no date of birth. It says what happened in
 * one line and sends the reader to the portal, where the details are behind the letter's code.
 * The greeting is a plain "Hello," on purpose: no name is needed to say "see the portal".
 * tests/services/email/templates.test.ts renders every template and checks this.
 */
export type TemplateVars = {
  /** The portal's public address (PUBLIC_URL). */
  portal: string;
  /** The enroll-by date, already formatted in the email's language (reminders only). */
  date?: string;
  /** Admin alerts: which product, how many codes remain, of how many loaded, the threshold. */
  product?: string;
  remaining?: number;
  loaded?: number;
  percent?: number;
  /** Staff emails: the role offered or changed, how many hours an invitation link works, what changed. */
  role?: string;
  hours?: number;
  change?: string;
};

/**
 * Where the staff invitation link goes. The stored message keeps this text; the worker puts the
 * link in only when it sends the email (email_messages.secret_enc), so no live link sits in the queue.
 */
export const INVITATION_LINK_PLACEHOLDER = "[the invitation link, added when the email is sent]";

type Template = { subject: string; paragraphs: string[] };

const SIGNATURE: Record<Lang, string> = { en: "Exposure Check", es: "Exposure Check" };
const NEVER_ASK: Record<Lang, string> = {
  en: "We will never ask you for personal information by email. If an email asks for it, it is not from us.",
  es: "Nunca le pediremos información personal por correo electrónico. Si un correo se la pide, no es nuestro.",
};

type StaffKind = "pool_low" | "pool_empty" | "staff_invitation" | "admin_account_changed";

const PATIENT_TEMPLATES: Record<Exclude<EmailKind, StaffKind>, Record<Lang, Template>> = {
  enrollment_confirmed: {
    en: {
      subject: "Your enrollment is confirmed",
      paragraphs: [
        "Hello,",
        "Your enrollment in free credit monitoring is confirmed.",
        "To see your monitoring code and how to activate it, go to {portal} and enter the activation code from your letter.",
      ],
    },
    es: {
      subject: "Su inscripción está confirmada",
      paragraphs: [
        "Hola:",
        "Su inscripción en el monitoreo de crédito gratuito está confirmada.",
        "Para ver su código de monitoreo y cómo activarlo, vaya a {portal} y escriba el código de activación de su carta.",
      ],
    },
  },
  enrollment_ready: {
    en: {
      subject: "Your credit monitoring is ready",
      paragraphs: [
        "Hello,",
        "You asked to enroll in free credit monitoring. Your enrollment is now confirmed.",
        "To see your monitoring code and how to activate it, go to {portal} and enter the activation code from your letter.",
      ],
    },
    es: {
      subject: "Su monitoreo de crédito está listo",
      paragraphs: [
        "Hola:",
        "Usted pidió inscribirse en el monitoreo de crédito gratuito. Su inscripción ya está confirmada.",
        "Para ver su código de monitoreo y cómo activarlo, vaya a {portal} y escriba el código de activación de su carta.",
      ],
    },
  },
  reminder_30: {
    en: {
      subject: "Reminder: free credit monitoring, enroll by {date}",
      paragraphs: [
        "Hello,",
        "You can still enroll in free credit monitoring. The last day to enroll is {date}.",
        "To enroll, go to {portal} and enter the activation code from your letter. It takes a few minutes.",
      ],
    },
    es: {
      subject: "Recordatorio: monitoreo de crédito gratuito, inscríbase antes del {date}",
      paragraphs: [
        "Hola:",
        "Todavía puede inscribirse en el monitoreo de crédito gratuito. El último día para inscribirse es el {date}.",
        "Para inscribirse, vaya a {portal} y escriba el código de activación de su carta. Toma unos minutos.",
      ],
    },
  },
  reminder_7: {
    en: {
      subject: "One week left: free credit monitoring, enroll by {date}",
      paragraphs: [
        "Hello,",
        "Only one week is left to enroll in free credit monitoring. The last day is {date}.",
        "To enroll, go to {portal} and enter the activation code from your letter.",
      ],
    },
    es: {
      subject: "Queda una semana: monitoreo de crédito gratuito, inscríbase antes del {date}",
      paragraphs: [
        "Hola:",
        "Solo queda una semana para inscribirse en el monitoreo de crédito gratuito. El último día es el {date}.",
        "Para inscribirse, vaya a {portal} y escriba el código de activación de su carta.",
      ],
    },
  },
};

/** Admin alerts and staff emails: English only (staff pages are English). */
const ADMIN_TEMPLATES: Record<StaffKind, Template> = {
  pool_low: {
    subject: "Monitoring codes running low ({product})",
    paragraphs: [
      "Hello,",
      "Fewer than {percent}% of the {product} monitoring codes remain: {remaining} of {loaded}.",
      "Ask the monitoring partner for more codes and load them at {portal}/admin/pool.",
    ],
  },
  pool_empty: {
    subject: "No monitoring codes left ({product})",
    paragraphs: [
      "Hello,",
      "The {product} monitoring codes have run out. People who enroll now are put on a waiting list.",
      "Load more codes at {portal}/admin/pool. People waiting are enrolled and emailed as soon as codes arrive.",
    ],
  },
  staff_invitation: {
    subject: "You are invited to Exposure Check ({role})",
    paragraphs: [
      "Hello,",
      "An administrator of Exposure Check ({portal}) invited you to join the staff as {role}.",
      "To accept, open this link within {hours} hours. You will choose your password and set up an authenticator app on your phone. The link works once.",
      "{link}",
      "If you did not expect this email, you can ignore it. Nobody will ever ask you for your password.",
    ],
  },
  admin_account_changed: {
    subject: "An admin account was changed",
    paragraphs: [
      "Hello,",
      "An administrator account of Exposure Check ({portal}) was changed: {change}.",
      "If you did not expect this, look at the audit trail at {portal}/staff/audit and tell the other administrators.",
    ],
  },
};

export type RenderedEmail = { subject: string; text: string; html: string };

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function varsOf(v: TemplateVars): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = x;
  return out;
}

/** Render one email. Links are the portal address as text and as one plain `<a>`. */
export function renderEmail(kind: EmailKind, lang: Lang, vars: TemplateVars): RenderedEmail {
  const isAdmin = kind in ADMIN_TEMPLATES;
  const template = isAdmin ? ADMIN_TEMPLATES[kind as StaffKind] : PATIENT_TEMPLATES[kind as Exclude<EmailKind, StaffKind>][lang];
  const language: Lang = isAdmin ? "en" : lang;
  const values = { ...varsOf(vars), link: INVITATION_LINK_PLACEHOLDER };
  const paragraphs = template.paragraphs.map((p) => fill(p, values));
  if (!isAdmin) paragraphs.push(NEVER_ASK[language]);
  paragraphs.push(SIGNATURE[language]);
  const text = `${paragraphs.join("\n\n")}\n`;
  const portal = vars.portal;
  const htmlParagraphs = paragraphs.map((p) => {
    const escaped = escapeHtml(p);
    const link = escapeHtml(portal);
    return `<p>${escaped.split(link).join(`<a href="${link}">${link}</a>`)}</p>`;
  });
  const html = `<!doctype html><html lang="${language}"><body>${htmlParagraphs.join("")}</body></html>`;
  return { subject: fill(template.subject, values), text, html };
}

/** Every kind × language, for the admin preview and the no-personal-data test. */
export function allTemplateCases(): { kind: EmailKind; lang: Lang }[] {
  const kinds = [...Object.keys(PATIENT_TEMPLATES), ...Object.keys(ADMIN_TEMPLATES)] as EmailKind[];
  return kinds.flatMap((kind) => (["en", "es"] as const).map((lang) => ({ kind, lang })));
}

/**
 * The invitation link put into a rendered message just before it is sent (text and HTML), in
 * place of INVITATION_LINK_PLACEHOLDER. The link is our own URL with an opaque token.
 */
export function withSecretLink(message: { text: string; html: string }, link: string): { text: string; html: string } {
  const safe = escapeHtml(link);
  const placeholder = escapeHtml(INVITATION_LINK_PLACEHOLDER);
  return {
    text: message.text.split(INVITATION_LINK_PLACEHOLDER).join(link),
    html: message.html.split(placeholder).join(`<a href="${safe}">${safe}</a>`),
  };
}
