import type { Config } from "~/utils/env.server";

/** The cookies a patient's browser gets: the session, the notice's language, the language switch, the refusal count. */
export type PatientCookieBase = "ec_patient" | "ec_notice_lang" | "ec_lang" | "ec_refusals";

/**
 * The one place the patient cookies' names come from (issue 15, finding 6). Where cookies are
 * Secure (production, over https) each name carries the `__Host-` prefix: the browser then keeps it
 * only if it is Secure, has Path=/ and no Domain, so no sibling subdomain and no plain-http page can
 * set or overwrite it. Development and tests over http keep the plain names (a browser refuses a
 * `__Host-` cookie that is not Secure).
 */
export function cookieName(base: PatientCookieBase, config: Pick<Config, "secureCookies">): string {
  return config.secureCookies ? `__Host-${base}` : base;
}

/** Both spellings, the prefixed first: what a reader accepts (a deployment switching to https keeps its visitors). */
export function cookieNamesToRead(base: PatientCookieBase): [string, string] {
  return [`__Host-${base}`, base];
}
