import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { signOutStaff } from "~/services/staff/login.server";
import { clearStaffCookie, readStaffToken } from "~/http/staff.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

/** GET does nothing (a link must not sign anyone out); the form posts. */
export async function loader() {
  return redirect("/staff/login");
}

/** Sign out: the session ends in the database at once, the cookie is cleared, the audit says so. */
export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = context.app;
  await signOutStaff(ctx, context.meta, await readStaffToken(ctx.config, request));
  return redirect("/staff/login?ended=signedout", { status: 303, headers: { "Set-Cookie": await clearStaffCookie(ctx.config) } });
}
