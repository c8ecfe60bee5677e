import { Link, useLoaderData } from "@remix-run/react";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { fill } from "~/content/i18n";
import { SESSION_TEXT } from "~/content/pages";
import { getLang } from "~/http/lang.server";
import { getPageVars } from "~/services/incidents/current.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: SESSION_TEXT[data?.lang ?? "en"].ended.title }];

/** After a patient session ended by itself: why, that nothing was lost, and the way back. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const why = new URL(request.url).searchParams.get("why") === "limit" ? "limit" : "idle";
  const vars = await getPageVars(context.app, lang);
  return { lang, why, phone: String(vars.phone), hours: String(vars.hours) } as const;
}

export default function SessionEndedPage() {
  const { lang, why, phone, hours } = useLoaderData<typeof loader>();
  const t = SESSION_TEXT[lang].ended;
  return (
    <div className="padding-top-4 measure-6" data-testid="session-ended" data-why={why}>
      <h1 className="margin-top-0">{t.heading}</h1>
      <p className="usa-intro">{why === "limit" ? t.limit : t.idle}</p>
      {t.body.map((p) => (
        <p key={p}>{p}</p>
      ))}
      <p>
        <Link className="usa-button usa-button--big" to="/">
          {t.again}
        </Link>
      </p>
      {phone ? <p>{fill(t.helpLine, { phone, hours })}</p> : null}
    </div>
  );
}
