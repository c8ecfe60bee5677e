import { Link, useLoaderData } from "@remix-run/react";
import { TextPage } from "~/components/text-section";
import { GUIDANCE_TEXT } from "~/content/pages";
import { titleMeta } from "~/http/public-page";
import { publicTextLoader } from "~/http/public-page.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
export const meta = titleMeta(GUIDANCE_TEXT);

export const loader = publicTextLoader;

/** General vigilance guidance for anyone, with a link to the guidance for each kind of data. */
export default function GuidancePage() {
  const { lang, vars } = useLoaderData<typeof loader>();
  const t = GUIDANCE_TEXT[lang];
  return (
    <TextPage text={t} vars={vars} lang={lang}>
      <p>
        <Link to="/guidance/categories" className="usa-button usa-button--outline">
          {t.byCategoryLink}
        </Link>
      </p>
    </TextPage>
  );
}
