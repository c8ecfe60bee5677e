// What the patient check answers, shared by its Remix route (routes/check.tsx) and its fast path
// (fast-check.server.ts), so the two cannot drift: the cookies of a match, and the 429 page.
import type { CheckOutcome } from "~/components/check-page";
import type { Lang } from "~/content/i18n";
import type { CheckFormValues } from "~/services/notices/schemas";
import { fill } from "~/content/i18n";
import { CHECK_ERRORS, LAYOUT_TEXT } from "~/content/pages";
import type { Config } from "~/utils/env.server";
import { stylesheets } from "~/utils/assets.server";
import { clearRefusals, patientCookie, patientCookies, REPEATED_REFUSALS } from "./patient.server";

/**
 * The cookies of a successful check, in this order: the new patient session, the refusal count
 * cleared, and the notice's language (it speaks after the check unless the person chose one in
 * this visit; it came back with the match: no second look at the session). Named by the one
 * cookie helper: `__Host-` in production (docs/decisions/087).
 */
export async function matchCookies(config: Config, token: string, language: Lang): Promise<string[]> {
  const cookies = patientCookies(config);
  return [await cookies.session.serialize(token), await clearRefusals(config), await cookies.noticeLang.serialize(language)];
}

/**
 * What the check action answers for a refused check that shows the form again (data and status):
 * a typo in the check symbol, a code of the wrong shape, or no match (a wrong code, a wrong date
 * of birth and a locked notice alike; `refusals` is this browser's count, this one included). The
 * refusal page templates key on exactly this (fast-check.server.ts).
 */
export function refusalOutcome(kind: "typo" | "malformed" | "mismatch", values: CheckFormValues, refusals: number): { outcome: CheckOutcome; status: 400 } {
  if (kind === "typo") return { outcome: { kind: "typo", values }, status: 400 };
  if (kind === "malformed") return { outcome: { kind: "invalid", errors: [{ field: "code", message: "codeFormat" }], values }, status: 400 };
  return { outcome: { kind: "noMatch", repeated: refusals >= REPEATED_REFUSALS, values }, status: 400 };
}

/** The patient cookie's token this request carries (the session a new check ends), if any. */
export async function previousSessionToken(config: Config, cookieHeader: string | null): Promise<string | null> {
  const token: unknown = await patientCookie(config).parse(cookieHeader);
  return typeof token === "string" && token ? token : null;
}

/** Whole minutes to wait, as the check's refusal says them (at least 1). */
export function minutesToWait(retryAfterSeconds: number): number {
  return Math.max(1, Math.ceil(retryAfterSeconds / 60));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The throttled check's page (429), written once per language and wording and filled per request
 * with the minutes and the phone number: a refused guess costs a string replace, not a React
 * render (issue 12, item 4). The words are the check form's own refusal; the page is plain, with
 * the site's header, landmarks and a link back to the form.
 */
function throttledTemplate(lang: Lang, oneMinute: boolean): string {
  const e = CHECK_ERRORS[lang];
  const l = LAYOUT_TEXT[lang];
  const title = l.tooManyAttempts.title;
  // {minutes} and {phone} stay placeholders until the request fills them.
  const message = escapeHtml(oneMinute ? e.tooManyAttemptsOneMinute : e.tooManyAttempts);
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>Error: ${escapeHtml(title)} — ${escapeHtml(l.siteName)}</title>${stylesheets()
    .map((href) => `<link rel="stylesheet" href="${href}">`)
    .join("")}<link rel="icon" href="/favicon.svg" type="image/svg+xml"></head>
<body><a class="usa-skipnav" href="#main-content">${escapeHtml(l.skipLink)}</a>
<header class="ec-header"><div class="grid-container ec-header__inner"><a class="ec-header__title" href="/">${escapeHtml(l.siteName)}</a></div></header>
<main class="grid-container padding-y-4" id="main-content" tabindex="-1" data-testid="check-throttled">
<h1>${escapeHtml(title)}</h1>
<div class="usa-alert usa-alert--error" role="alert"><div class="usa-alert__body"><p class="usa-alert__text">${message}</p></div></div>
<p class="margin-top-3"><a class="usa-button" href="/">${escapeHtml(l.homeLink)}</a></p></main>
<footer class="usa-footer usa-footer--slim"><div class="usa-footer__secondary-section"><div class="grid-container"><p class="margin-y-1">${escapeHtml(l.siteName)}</p></div></div></footer></body></html>`;
}

let templates: Record<`${Lang}:${"one" | "many"}`, string> | undefined;

export function throttledPageHtml(lang: Lang, retryAfterSeconds: number, phone: string): string {
  templates ??= {
    "en:one": throttledTemplate("en", true),
    "en:many": throttledTemplate("en", false),
    "es:one": throttledTemplate("es", true),
    "es:many": throttledTemplate("es", false),
  };
  const minutes = minutesToWait(retryAfterSeconds);
  return fill(templates[`${lang}:${minutes <= 1 ? "one" : "many"}`], { minutes, phone: escapeHtml(phone) });
}
