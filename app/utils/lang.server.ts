import { createCookie } from "@remix-run/node";
import { DEFAULT_LANG, isLang, type Lang } from "~/content/i18n";

/** The reader's language choice. Not personal, not secret; a year long. */
export const langCookie = createCookie("ec_lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 3600 });

export async function getLang(request: Request): Promise<Lang> {
  const value: unknown = await langCookie.parse(request.headers.get("Cookie"));
  return isLang(value) ? value : DEFAULT_LANG;
}

export async function hasLangChoice(request: Request): Promise<boolean> {
  return isLang(await langCookie.parse(request.headers.get("Cookie")));
}
