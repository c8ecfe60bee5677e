import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ContactList } from "~/components/contact-list";
import { CATEGORY_KEYS, sortBySeverity } from "~/content/categories";
import { CATEGORY_GUIDANCE } from "~/content/guidance";
import { fill } from "~/content/i18n";
import { MEDICAID_AGENCY_GENERIC, MEDICAID_PAGE_TEXT } from "~/content/medicaid-agencies";
import { EXPOSURE_TEXT, GUIDANCE_TEXT } from "~/content/pages";
import { publicTextLoader } from "~/http/public-page.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: GUIDANCE_TEXT[data?.lang ?? "en"].byCategoryLink }];

export const loader = publicTextLoader;

/** Guidance for every kind of information in the catalog, most serious first. Public, no session. */
export default function CategoryGuidancePage() {
  const data = useLoaderData<typeof loader>();
  const lang = data.lang;
  const vars = { ...data.vars, medicaidAgency: MEDICAID_AGENCY_GENERIC[lang] };
  const t = EXPOSURE_TEXT[lang];
  const keys = sortBySeverity(CATEGORY_KEYS);
  return (
    <div className="padding-top-4 measure-6">
      <h1>{GUIDANCE_TEXT[lang].byCategoryLink}</h1>
      <ul className="usa-list">
        {keys.map((k) => (
          <li key={k}>
            <a href={`#${k}`}>{CATEGORY_GUIDANCE[k][lang].label}</a>
          </li>
        ))}
      </ul>
      {keys.map((k) => {
        const g = CATEGORY_GUIDANCE[k][lang];
        return (
          <section key={k} aria-labelledby={k} className="margin-top-4">
            <h2 id={k}>{g.label}</h2>
            <p>{fill(g.meaning, vars)}</p>
            <h3 className="font-heading-sm margin-bottom-1">{t.actionsLabel}</h3>
            <ol className="usa-list margin-top-0">
              {g.actions.map((a) => (
                <li key={a}>{fill(a, vars)}</li>
              ))}
            </ol>
            <ContactList ids={g.contacts} lang={lang} labels={{ phone: t.phoneLabel, website: t.websiteLabel }} />
            {k === "medicaid_medicare_id" ? (
              <p>
                <Link to="/guidance/medicaid">{MEDICAID_PAGE_TEXT[lang].title}</Link>
              </p>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
