import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { patientCookie } from "~/http/patient.server";
import { signOutPatient } from "~/services/patient/session.server";
import { noticeLangCookie } from "~/http/lang.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export async function loader() {
  return redirect("/");
}

/** "Done — sign out": end the session at once and clear the cookie. */
export async function action({ request, context }: ActionFunctionArgs) {
  const cookie = patientCookie(context.app.config);
  const token: unknown = await cookie.parse(request.headers.get("Cookie"));
  await signOutPatient(context.app, context.meta, typeof token === "string" ? token : null);
  const headers = new Headers();
  headers.append("Set-Cookie", await cookie.serialize("", { maxAge: 0 }));
  headers.append("Set-Cookie", await noticeLangCookie.serialize("", { maxAge: 0 }));
  return redirect("/?ended=signedout", { status: 303, headers });
}
