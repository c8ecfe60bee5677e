import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TextSection } from "~/components/text-section";
import { ACCESSIBILITY_TEXT } from "~/content/pages";
import { publicTextLoader } from "~/http/public-page.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: ACCESSIBILITY_TEXT[data?.lang ?? "en"].title }];

export const loader = publicTextLoader;

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
