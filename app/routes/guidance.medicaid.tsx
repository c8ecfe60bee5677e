import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { fill } from "~/content/i18n";
import { MEDICAID_AGENCIES, MEDICAID_AGENCIES_SOURCE, MEDICAID_AGENCIES_VERIFIED_ON, MEDICAID_PAGE_TEXT } from "~/content/medicaid-agencies";
import { formatDate, telHref } from "~/utils/format";
import { publicTextLoader } from "~/http/public-page.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: MEDICAID_PAGE_TEXT[data?.lang ?? "en"].title }];

export const loader = publicTextLoader;

/** Every state's, DC's and territory's Medicaid agency, with the table's source and the day it was checked. */
export default function MedicaidAgenciesPage() {
  const { lang } = useLoaderData<typeof loader>();
  const t = MEDICAID_PAGE_TEXT[lang];
  const rows = Object.entries(MEDICAID_AGENCIES).sort(([, a], [, b]) => a.place.en.replace(/^the /, "").localeCompare(b.place.en.replace(/^the /, "")));
  return (
    <div className="padding-top-4">
      <h1>{t.title}</h1>
      <p className="usa-intro measure-6">{t.intro}</p>
      <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-label={t.title}>
        <table className="usa-table usa-table--borderless usa-table--stacked" data-testid="medicaid-agencies">
          <thead>
            <tr>
              <th scope="col">{t.place}</th>
              <th scope="col">{t.agency}</th>
              <th scope="col">{t.contact}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([code, a]) => (
              <tr key={code} data-state={code}>
                <th scope="row" data-label={t.place}>
                  {a.place[lang].replace(/^(the|el|las) /, "")}
                </th>
                <td data-label={t.agency}>{a.agency}</td>
                <td data-label={t.contact}>
                  <a href={a.url}>{a.url.replace(/^https:\/\/(www\.)?/, "").replace(/\/$/, "")}</a>
                  {a.phone ? (
                    <>
                      <br />
                      <a href={telHref(a.phone)}>{a.phone}</a>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="measure-6">
        {t.source} <a href={MEDICAID_AGENCIES_SOURCE}>{MEDICAID_AGENCIES_SOURCE.replace(/^https:\/\/(www\.)?/, "")}</a>
      </p>
      <p>{fill(t.verified, { date: formatDate(MEDICAID_AGENCIES_VERIFIED_ON, lang) })}</p>
    </div>
  );
}
