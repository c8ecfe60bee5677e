import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useLocation, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { PublicLayout, type LayoutIncident } from "~/components/page-layout";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { useNonce } from "~/components/nonce";
import { getCurrentIncident } from "~/services/incidents/current.server";
import { stylesheets } from "~/utils/assets.server";
import { getLang } from "~/utils/lang.server";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Exposure Check" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const incident = await getCurrentIncident(context.app);
  const layoutIncident: LayoutIncident = incident
    ? { phone: incident.tollFreePhone, hours: incident.phoneHours[lang], organization: incident.breachedEntity }
    : null;
  return { lang, incident: layoutIncident, stylesheets: stylesheets() };
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

function isStaffPath(pathname: string) {
  return pathname === "/staff" || pathname.startsWith("/staff/") || pathname === "/admin" || pathname.startsWith("/admin/");
}

export function Layout({ children }: { children: ReactNode }) {
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
