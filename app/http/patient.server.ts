import { createCookie, redirect, type AppLoadContext, type Cookie } from "@remix-run/node";
import { getExposure, type Exposure } from "~/services/notices/exposure.server";
import { PATIENT_ABSOLUTE_MS, readPatientSession } from "~/services/patient/session.server";
import type { Config } from "~/utils/env.server";

export const PATIENT_COOKIE_NAME = "ec_patient";

const cookies = new WeakMap<Config, Cookie>();

/**
 * The patient cookie holds one random token, signed with SESSION_SECRET (rotation: first signs,
 * all verify). No personal data, no notice id. HttpOnly, SameSite=Lax, Secure in production.
 */
export function patientCookie(config: Config): Cookie {
  let cookie = cookies.get(config);
  if (!cookie) {
    cookie = createCookie(PATIENT_COOKIE_NAME, {
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
 */
export async function requirePatient(request: Request, context: AppLoadContext): Promise<PatientPage> {
  const cookie = patientCookie(context.app.config);
  const token: unknown = await cookie.parse(request.headers.get("Cookie"));
  const session = await readPatientSession(context.app, typeof token === "string" ? token : null);
  if (!session || session.expired) {
    // Ended by itself: a plain page says why (15 quiet minutes, or the 60-minute limit).
    throw redirect(session?.expired ? `/session/ended?why=${session.reason}` : "/", {
      headers: { "Set-Cookie": await cookie.serialize("", { maxAge: 0 }) },
    });
  }
  const exposure = await getExposure(context.app, session.noticeId);
  if (!exposure) throw redirect("/", { headers: { "Set-Cookie": await cookie.serialize("", { maxAge: 0 }) } });
  const now = context.app.now().getTime();
  return {
    noticeId: session.noticeId,
    exposure,
    token: token as string,
    timeout: { secondsLeft: Math.max(0, Math.round((session.endsAt.getTime() - now) / 1000)), canExtend: session.canExtend },
  };
}

/** What the idle-timeout warning on every patient page needs (components/session-timeout.tsx). */
export type SessionTimeoutInfo = { secondsLeft: number; canExtend: boolean };
export type PatientPage = { noticeId: number; exposure: Exposure; token: string; timeout: SessionTimeoutInfo };

/**
 * How many checks this browser had refused in the last hour. Not personal and not a limit (the
 * limits live in the database): it only lets the one identical refusal grow more helpful after
 * repeated tries (issue 16, item 4). A wrong code, a wrong date of birth and a locked notice move
 * it alike, so it tells nothing about which was wrong.
 */
const refusalCookie = createCookie("ec_refusals", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 3600 });

/** From this many refusals in one browser, the refusal explains the pause and the call center. */
export const REPEATED_REFUSALS = 3;

export async function countRefusal(request: Request): Promise<{ count: number; setCookie: string }> {
  const value: unknown = await refusalCookie.parse(request.headers.get("Cookie"));
  const before = typeof value === "number" && Number.isInteger(value) && value >= 0 ? Math.min(value, 1000) : 0;
  return { count: before + 1, setCookie: await refusalCookie.serialize(before + 1) };
}

export async function clearRefusals(): Promise<string> {
  return refusalCookie.serialize(0, { maxAge: 0 });
}
