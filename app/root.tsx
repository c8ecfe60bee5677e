import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { PublicLayout } from "~/components/page-layout";
import { isStaffPath } from "~/components/staff-layout";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { RouteAnnouncer } from "~/components/route-announcer";
import { useNonce } from "~/components/nonce";
import { getPublicIncident } from "~/services/incidents/current.server";
import { setErrorTitle } from "~/utils/error-title";
import { getLang } from "~/http/lang.server";
import { rootData } from "~/http/page-data.server";

export const links: LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export const meta: MetaFunction = () => [{ title: "Exposure Check" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return rootData(await getLang(request), await getPublicIncident(context.app));
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

/** Once hydrated, the server's "Error: " title prefix goes back on (entry.client took it off). */
function useRestoreErrorTitle() {
  useEffect(() => {
    const w = window as unknown as { __ecErrorTitle?: boolean };
    if (w.__ecErrorTitle) setErrorTitle(true);
    w.__ecErrorTitle = false;
  }, []);
}

export function Layout({ children }: { children: ReactNode }) {
  useRestoreErrorTitle();
  const data = useRouteLoaderData<typeof loader>("root");
  const location = useLocation();
  const nonce = useNonce();
  const lang = data?.lang ?? "en";
  const staff = isStaffPath(location.pathname);
  return (
    <html lang={staff ? "en" : lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <Meta />
        {(data?.stylesheets ?? ["/uswds/css/uswds.min.css", "/app.css"]).map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        <Links />
      </head>
      <body>
        {staff ? (
          children
        ) : (
          <PublicLayout lang={lang} incident={data?.incident ?? null} path={location.pathname}>
            {children}
          </PublicLayout>
        )}
        <RouteAnnouncer />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export const ErrorBoundary = RouteErrorBoundary;
