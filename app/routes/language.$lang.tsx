import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { isLang } from "~/content/i18n";
import { langCookieFor } from "~/http/lang.server";
import { safeNextPath } from "~/utils/safe-next";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

/** `/language/es?next=/faq`: remember the choice and go back to the same page. Works without JS. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  if (!isLang(params.lang)) throw new Response("Not found", { status: 404 });
  const next = safeNextPath(new URL(request.url).searchParams.get("next"));
  return redirect(next, { headers: { "Set-Cookie": await langCookieFor(context.app.config).serialize(params.lang) } });
}
