import { redirect, type AppLoadContext } from "@remix-run/node";
import { getExposure, type Exposure } from "../notices/exposure.server";
import { patientCookie, readPatientSession } from "./session.server";

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
