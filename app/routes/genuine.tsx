import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Steps, TextSection } from "~/components/text-section";
import { fill } from "~/content/i18n";
import { GENUINE_TEXT } from "~/content/pages";
import { publicTextLoader } from "~/http/public-page.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: GENUINE_TEXT[data?.lang ?? "en"].title }];

export const loader = publicTextLoader;

/** "Is this letter genuine?": how to tell a real letter from a scam. */
export default function GenuinePage() {
  const { lang, vars } = useLoaderData<typeof loader>();
  const t = GENUINE_TEXT[lang];
  return (
    <div className="padding-top-4 measure-6">
      <h1>{t.heading}</h1>
      {t.intro.map((p) => (
        <p className="usa-intro" key={p}>
          {fill(p, vars)}
        </p>
      ))}
      <Steps heading={t.stepsHeading} steps={t.steps} vars={vars} />
      {t.sections.map((s) => (
        <TextSection key={s.id} section={s} vars={vars} lang={lang} />
      ))}
    </div>
  );
}
