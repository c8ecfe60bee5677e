import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requirePatient } from "~/http/patient.server";
import { safeNextPath } from "~/utils/safe-next";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

/** GET: nothing to show here. */
export async function loader() {
  return redirect("/exposure");
}

/**
 * "I'm still here" (issue 16, item 6): reading the live session pushes its idle end 15 minutes on
 * (never past the 60-minute limit). With JavaScript the page asked for the new time left; without
 * it the plain form goes back to the page it came from. A session already over lands on the page
 * that says why (requirePatient), and nothing is extended.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const { timeout } = await requirePatient(request, context);
  const form = await request.formData().catch(() => null);
  if (form?.get("js") === "1") return { timeout };
  const next = form?.get("next");
  return redirect(safeNextPath(typeof next === "string" ? next : null, "/exposure"), 303);
}
