import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TextSection } from "~/components/text-section";
import { ACCESSIBILITY_TEXT } from "~/content/pages";
import { getPageVars } from "~/services/incidents/current.server";
import { getLang } from "~/utils/lang.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: ACCESSIBILITY_TEXT[data?.lang ?? "en"].title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  return { lang, vars: await getPageVars(context.app, lang) };
}

/** The accessibility statement. */
export default function AccessibilityPage() {
  const { lang, vars } = useLoaderData<typeof loader>();
  const t = ACCESSIBILITY_TEXT[lang];
  return (
    <div className="padding-top-4 measure-6">
      <h1>{t.heading}</h1>
      {t.sections.map((s) => (
        <TextSection key={s.id} section={s} vars={vars} lang={lang} />
      ))}
    </div>
  );
}
