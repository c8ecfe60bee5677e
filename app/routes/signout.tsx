import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearPatientCookies, patientCookie } from "~/http/patient.server";
import { signOutPatient } from "~/services/patient/session.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export async function loader() {
  return redirect("/");
}

/**
 * "Done — sign out": end the session at once and clear the cookie. The time-out warning posts to
 * `/signout?why=idle|limit` when the time is up: the person lands on the page that says
 * why they were signed out, not on the home page.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const cookie = patientCookie(context.app.config);
  const token: unknown = await cookie.parse(request.headers.get("Cookie"));
  await signOutPatient(context.app, context.meta, typeof token === "string" ? token : null);
  const headers = new Headers();
  for (const clear of await clearPatientCookies(context.app.config)) headers.append("Set-Cookie", clear);
  // The reason rides in the query (`/signout?why=idle`): sign-out never needs to read a body.
  const why = new URL(request.url).searchParams.get("why");
  const to = why === "idle" || why === "limit" ? `/session/ended?why=${why}` : "/?ended=signedout";
  return redirect(to, { status: 303, headers });
}
