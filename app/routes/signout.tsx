import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { patientCookie } from "~/http/patient.server";
import { signOutPatient } from "~/services/patient/session.server";
import { noticeLangCookie } from "~/http/lang.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export async function loader() {
  return redirect("/");
}

/**
 * "Done — sign out": end the session at once and clear the cookie. The time-out warning submits
 * the same form with `why=idle|limit` when the time is up: the person lands on the page that says
 * why they were signed out, not on the home page.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const cookie = patientCookie(context.app.config);
  const token: unknown = await cookie.parse(request.headers.get("Cookie"));
  await signOutPatient(context.app, context.meta, typeof token === "string" ? token : null);
  const headers = new Headers();
  headers.append("Set-Cookie", await cookie.serialize("", { maxAge: 0 }));
  headers.append("Set-Cookie", await noticeLangCookie.serialize("", { maxAge: 0 }));
  const form = await request.formData().catch(() => null);
  const why = form?.get("why");
  const to = why === "idle" || why === "limit" ? `/session/ended?why=${why}` : "/?ended=signedout";
  return redirect(to, { status: 303, headers });
}
