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
export async function requirePatient(
  request: Request,
  context: AppLoadContext,
): Promise<{ noticeId: number; exposure: Exposure; token: string }> {
  const cookie = patientCookie(context.app.config);
  const token: unknown = await cookie.parse(request.headers.get("Cookie"));
  const session = await readPatientSession(context.app, typeof token === "string" ? token : null);
  if (!session || session.expired) {
    throw redirect(session?.expired ? "/?ended=expired" : "/", {
      headers: { "Set-Cookie": await cookie.serialize("", { maxAge: 0 }) },
    });
  }
  const exposure = await getExposure(context.app, session.noticeId);
  if (!exposure) throw redirect("/", { headers: { "Set-Cookie": await cookie.serialize("", { maxAge: 0 }) } });
  return { noticeId: session.noticeId, exposure, token: token as string };
}
