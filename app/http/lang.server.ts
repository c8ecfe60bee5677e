import { createCookie } from "@remix-run/node";
import { DEFAULT_LANG, isLang, type Lang } from "~/content/i18n";

/**
 * Which language a page speaks (issue 16, item 2; docs/decisions/081-language-rule.md):
 * 1. a choice the person made with the language switch in this visit (`ec_lang`, a browser-session
 *    cookie: it ends when the browser closes, so it never outlives the visit);
 * 2. after a successful check, the notice's own language (`ec_notice_lang`, set by the check,
 *    read only while the patient cookie is there, ended at sign-out);
 * 3. before the check, the browser's Accept-Language (Spanish when the browser prefers it);
 * 4. English.
 */
export const langCookie = createCookie("ec_lang", { path: "/", sameSite: "lax", httpOnly: true });

/** The notice's language after the check. No longer than the patient session (60 minutes). */
export const noticeLangCookie = createCookie("ec_notice_lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 3600 });

const PATIENT_COOKIE = /(?:^|;\s*)ec_patient=/;

export async function getLang(request: Request): Promise<Lang> {
  const header = request.headers.get("Cookie");
  const choice: unknown = await langCookie.parse(header);
  if (isLang(choice)) return choice;
  if (header && PATIENT_COOKIE.test(header)) {
    const notice: unknown = await noticeLangCookie.parse(header);
    if (isLang(notice)) return notice;
  }
  return langFromAcceptLanguage(request.headers.get("Accept-Language"));
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
