import { createCookie, redirect, type AppLoadContext, type Cookie } from "@remix-run/node";
import type { Exposure } from "~/services/notices/exposure.server";
import { readPatientExposure, type SessionTimeoutInfo } from "~/services/patient/exposure.server";
import { PATIENT_ABSOLUTE_MS } from "~/services/patient/session.server";
import type { Config } from "~/utils/env.server";
import { cookieName, cookieNamesToRead } from "./cookie-names";
import { noticeLangCookieFor } from "./lang.server";

/** The session cookie's name in development and tests; production uses `__Host-ec_patient` (./cookie-names.ts). */
export const PATIENT_COOKIE_NAME = "ec_patient";

const cookies = new WeakMap<Config, Cookie>();

/**
 * The patient cookie holds one random token, signed with SESSION_SECRET (rotation: first signs,
 * all verify). No personal data, no notice id. HttpOnly, SameSite=Lax, Path=/; in production
 * Secure and named `__Host-ec_patient` (issue 15, finding 6).
 */
export function patientCookie(config: Config): Cookie {
  let cookie = cookies.get(config);
  if (!cookie) {
    cookie = createCookie(cookieName("ec_patient", config), {
      httpOnly: true,
      sameSite: "lax",
      secure: config.secureCookies,
      path: "/",
      secrets: config.sessionSecrets,
      maxAge: PATIENT_ABSOLUTE_MS / 1000,
    });
    cookies.set(config, cookie);
  }
  return cookie;
}

/**
 * Every personal patient page starts here: a live session (15 min idle, 60 min absolute) or a
 * redirect home with a note why. The notice comes from the session only, never from the request.
 * One statement reads both (readPatientExposure). When the exposure fast path already read them
 * for this very request (`priorPatient`, app/http/fast-exposure.server.ts), that read is used:
 * the session is touched once per view.
 */
export async function requirePatient(request: Request, context: AppLoadContext): Promise<PatientPage> {
  const prior = context.priorPatient;
  if (prior && "error" in prior) throw prior.error; // as if our own read had failed: the busy page (503) or the error boundary
  let token: string | null = prior?.token ?? null;
  let read = prior?.read;
  if (!read) {
    const parsed: unknown = await patientCookie(context.app.config).parse(request.headers.get("Cookie"));
    token = typeof parsed === "string" ? parsed : null;
    read = await readPatientExposure(context.app, token);
  }
  if (read.kind !== "live") {
    // Ended by itself: a plain page says why (15 quiet minutes, or the 60-minute limit).
    throw redirect(read.kind === "ended" ? `/session/ended?why=${read.reason}` : "/", { headers: await clearingHeaders(context.app.config) });
  }
  return { noticeId: read.noticeId, exposure: read.exposure, token: token!, timeout: read.timeout };
}

async function clearingHeaders(config: Config): Promise<Headers> {
  const headers = new Headers();
  for (const clear of await clearPatientCookies(config)) headers.append("Set-Cookie", clear);
  return headers;
}

export type { SessionTimeoutInfo };
export type PatientPage = { noticeId: number; exposure: Exposure; token: string; timeout: SessionTimeoutInfo };

/**
 * How many checks this browser had refused in the last hour. Not personal and not a limit (the
 * limits live in the database): it only lets the one identical refusal grow more helpful after
 * repeated tries (issue 16, item 4). A wrong code, a wrong date of birth and a locked notice move
 * it alike, so it tells nothing about which was wrong.
 */
const REFUSALS_MAX_AGE_S = 3600;
const refusalOptions = { path: "/", sameSite: "lax", httpOnly: true, maxAge: REFUSALS_MAX_AGE_S } as const;
const refusalReaders = cookieNamesToRead("ec_refusals").map((name) => createCookie(name, refusalOptions));
const refusalWriters = new Map<boolean, Cookie>();
/** The refusal count's cookie; without a configuration (the check's action, until it moves over) the plain name. */
function refusalCookie(config?: Pick<Config, "secureCookies">): Cookie {
  const secure = config?.secureCookies ?? false;
  let cookie = refusalWriters.get(secure);
  if (!cookie) {
    cookie = createCookie(cookieName("ec_refusals", { secureCookies: secure }), { ...refusalOptions, secure });
    refusalWriters.set(secure, cookie);
  }
  return cookie;
}

/** From this many refusals in one browser, the refusal explains the pause and the call center. */
export const REPEATED_REFUSALS = 3;

export async function countRefusal(request: Request, config?: Pick<Config, "secureCookies">): Promise<{ count: number; setCookie: string }> {
  return countRefusalIn(request.headers.get("Cookie"), config);
}

/** `countRefusal` from the Cookie header itself (the check's fast path has no Fetch Request). */
export async function countRefusalIn(cookieHeader: string | null, config?: Pick<Config, "secureCookies">): Promise<{ count: number; setCookie: string }> {
  let before = 0;
  for (const reader of refusalReaders) {
    const value: unknown = await reader.parse(cookieHeader);
    if (typeof value === "number" && Number.isInteger(value) && value >= 0) {
      before = Math.min(value, 1000);
      break;
    }
  }
  return { count: before + 1, setCookie: await refusalCookie(config).serialize(before + 1) };
}

export async function clearRefusals(config?: Pick<Config, "secureCookies">): Promise<string> {
  return refusalCookie(config).serialize(0, { maxAge: 0 });
}

/**
 * Every patient cookie by its name for this deployment, in one place (issue 15, finding 6): the
 * check sets `session` and `noticeLang`, sign-out and the end of a session clear them.
 */
export function patientCookies(config: Config) {
  return { session: patientCookie(config), noticeLang: noticeLangCookieFor(config), refusals: refusalCookie(config) };
}

/**
 * The Set-Cookie headers that end a patient's cookies: the session and the notice's language, in
 * this deployment's spelling and — where that is `__Host-` — the plain one too, so nothing a plain
 * name once held survives a sign-out.
 */
export async function clearPatientCookies(config: Config): Promise<string[]> {
  const out = [await patientCookie(config).serialize("", { maxAge: 0 }), await noticeLangCookieFor(config).serialize("", { maxAge: 0 })];
  if (config.secureCookies) {
    for (const base of ["ec_patient", "ec_notice_lang"] as const) out.push(await createCookie(base, { path: "/" }).serialize("", { maxAge: 0 }));
  }
  return out;
}
