import { createCookie, type Cookie } from "@remix-run/node";
import { DEFAULT_LANG, isLang, type Lang } from "~/content/i18n";
import type { Config } from "~/utils/env.server";
import { cookieName, cookieNamesToRead, type PatientCookieBase } from "./cookie-names";

/**
 * Which language a page speaks (issue 16, item 2; docs/decisions/081-language-rule.md):
 * 1. a choice the person made with the language switch in this visit (`ec_lang`, a browser-session
 *    cookie: it ends when the browser closes, so it never outlives the visit);
 * 2. after a successful check, the notice's own language (`ec_notice_lang`, set by the check,
 *    read only while the patient cookie is there, ended at sign-out);
 * 3. before the check, the browser's Accept-Language (Spanish when the browser prefers it);
 * 4. English.
 * In production both cookies are `__Host-` prefixed and Secure (./cookie-names.ts).
 */
const cookieOptions = { path: "/", sameSite: "lax", httpOnly: true } as const;

/** The notice's language after the check lives no longer than the patient session (60 minutes). */
const NOTICE_LANG_MAX_AGE_S = 3600;

const made = new Map<string, Cookie>();
function cookieFor(base: PatientCookieBase, config: Pick<Config, "secureCookies">, maxAge?: number): Cookie {
  const name = cookieName(base, config);
  let cookie = made.get(name);
  if (!cookie) {
    cookie = createCookie(name, { ...cookieOptions, secure: config.secureCookies, ...(maxAge ? { maxAge } : {}) });
    made.set(name, cookie);
  }
  return cookie;
}

/** The language switch's cookie (a browser-session cookie). */
export const langCookieFor = (config: Pick<Config, "secureCookies">) => cookieFor("ec_lang", config);
/** The notice's language, set by the check. */
export const noticeLangCookieFor = (config: Pick<Config, "secureCookies">) => cookieFor("ec_notice_lang", config, NOTICE_LANG_MAX_AGE_S);

/**
 * The plain-named notice-language cookie, for a caller without the configuration at hand.
 * @deprecated Use `noticeLangCookieFor(config)`; kept until the check's action moves over.
 */
export const noticeLangCookie = createCookie("ec_notice_lang", { ...cookieOptions, maxAge: NOTICE_LANG_MAX_AGE_S });

const readers = (base: PatientCookieBase) => cookieNamesToRead(base).map((name) => createCookie(name, cookieOptions));
const LANG_READERS = readers("ec_lang");
const NOTICE_LANG_READERS = readers("ec_notice_lang");
const PATIENT_COOKIE = /(?:^|;\s*)(?:__Host-)?ec_patient=/;

async function firstLang(readersOf: Cookie[], header: string | null): Promise<Lang | null> {
  for (const reader of readersOf) {
    // A cookie's name is part of the header's text, or the cookie is not there: no parse (and no
    // base64 + JSON decode) of the whole header for each spelling that is absent (issue 12).
    if (!header?.includes(reader.name)) continue;
    const value: unknown = await reader.parse(header);
    if (isLang(value)) return value;
  }
  return null;
}

export async function getLang(request: Request): Promise<Lang> {
  return langOfHeaders(request.headers.get("Cookie"), request.headers.get("Accept-Language"));
}

/** getLang's rule on the two headers it reads (for a caller without a Fetch Request: the exposure fast path). */
export async function langOfHeaders(cookieHeader: string | null, acceptLanguage: string | null): Promise<Lang> {
  const choice = await firstLang(LANG_READERS, cookieHeader);
  if (choice) return choice;
  if (cookieHeader && PATIENT_COOKIE.test(cookieHeader)) {
    const notice = await firstLang(NOTICE_LANG_READERS, cookieHeader);
    if (notice) return notice;
  }
  return langFromAcceptLanguage(acceptLanguage);
}

/**
 * The supported language the browser prefers most (`es-MX,es;q=0.9,en;q=0.8` → es). A language
 * we do not have is skipped; nothing we have → English.
 */
export function langFromAcceptLanguage(header: string | null): Lang {
  if (!header) return DEFAULT_LANG;
  let best: { lang: Lang; q: number } | null = null;
  for (const part of header.slice(0, 500).split(",")) {
    const [tag, ...params] = part.trim().split(";");
    const primary = tag?.trim().toLowerCase().split("-")[0];
    if (!isLang(primary)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang: primary, q };
  }
  return best?.lang ?? DEFAULT_LANG;
}
