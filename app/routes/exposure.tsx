import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ContactList } from "~/components/contact-list";
import { SEVERITY_RANK } from "~/content/categories";
import { AUDIENCE_NOTES, CATEGORY_GUIDANCE } from "~/content/guidance";
import { fill } from "~/content/i18n";
import { medicaidAgencyFor, medicaidAgencyText } from "~/content/medicaid-agencies";
import { EXPOSURE_TEXT } from "~/content/pages";
import { requirePatient } from "~/http/patient.server";
import { formatDate } from "~/utils/format";
import { getLang } from "~/utils/lang.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: EXPOSURE_TEXT[data?.lang ?? "en"].title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { exposure } = await requirePatient(request, context);
  const lang = await getLang(request);
  return { lang, exposure };
}

function severityClass(rank: number) {
  return rank <= 5 ? "" : rank <= 11 ? " ec-category--medium" : " ec-category--low";
}

/**
 * The exposure page: which of this person's categories were involved, most serious first, what
 * each means and what to do; what was not involved; the offer; and "done — sign out".
 */
export default function ExposurePage() {
  const { lang, exposure } = useLoaderData<typeof loader>();
  const t = EXPOSURE_TEXT[lang];
  const inc = exposure.incident;
  const vars = {
    phone: inc.tollFreePhone,
    hours: inc.phoneHours[lang],
    organization: inc.breachedEntity,
    vendor: inc.partnerName,
    months: inc.offerMonths,
    date: formatDate(inc.enrollBy, lang),
    medicaidAgency: medicaidAgencyText(exposure.state, lang),
  };
  const audience = exposure.audience;
  return (
    <div className="padding-top-4 measure-6" data-testid="exposure-page" data-audience={audience}>
      <h1 className="margin-top-0">{t.heading}</h1>
      {t.intro[audience].map((p) => (
        <p key={p} className="usa-intro">
          {fill(p, vars)}
        </p>
      ))}
      <div className="usa-summary-box margin-y-3">
        <dl className="usa-summary-box__body margin-0" aria-label={lang === "es" ? "Su carta" : "Your letter"}>
          <div>
            <dt className="text-bold display-inline">{lang === "es" ? "Proveedor" : "Provider"}: </dt>
            <dd className="display-inline margin-left-0" data-testid="organization">
              {exposure.organizationName}
            </dd>
          </div>
          <div>
            <dt className="text-bold display-inline">{lang === "es" ? "Fecha de la carta" : "Letter date"}: </dt>
            <dd className="display-inline margin-left-0">{formatDate(exposure.letterDate, lang)}</dd>
          </div>
          <div>
            <dt className="text-bold display-inline">{lang === "es" ? "Número de referencia" : "Reference number"}: </dt>
            <dd className="display-inline margin-left-0 ec-nowrap">{exposure.referenceNumber}</dd>
          </div>
        </dl>
      </div>

      <p>{t.orderNote}</p>
      <div data-testid="exposed-categories">
        {exposure.categories.map((key) => {
          const g = CATEGORY_GUIDANCE[key][lang];
          return (
            <section key={key} data-category={key} className={`ec-category${severityClass(SEVERITY_RANK[key])}`} aria-labelledby={`cat-${key}`}>
              <h2 className="font-heading-lg" id={`cat-${key}`}>
                {g.label}
              </h2>
              <p>
                <strong>{t.meaningLabel}:</strong> {fill(g.meaning, vars)}
              </p>
              <h3 className="font-heading-sm margin-bottom-1">{t.actionsLabel}</h3>
              <ol className="usa-list margin-top-0">
                {g.actions.map((a) => (
                  <li key={a}>{fill(a, vars)}</li>
                ))}
              </ol>
              {g.contacts.length ? (
                <details className="ec-details">
                  <summary>{t.contactsLabel}</summary>
                  <ContactList
                    ids={g.contacts}
                    lang={lang}
                    labels={{ phone: t.phoneLabel, website: t.websiteLabel }}
                    medicaid={medicaidAgencyFor(exposure.state)}
                  />
                </details>
              ) : null}
            </section>
          );
        })}
      </div>

      {audience !== "adult" ? (
        <section className="usa-alert usa-alert--info margin-y-3" aria-labelledby="audience-heading">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading" id="audience-heading">
              {t.audienceHeading[audience]}
            </h2>
            <ol className="usa-list">
              {AUDIENCE_NOTES[lang][audience].map((n) => (
                <li key={n}>{fill(n, vars)}</li>
              ))}
            </ol>
          </div>
        </section>
      ) : null}

      <h2>{t.notInvolvedHeading}</h2>
      <p>{t.notInvolvedIntro}</p>
      <ul className="usa-list" data-testid="not-involved">
        {inc.notInvolved[lang].map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>

      {audience !== "deceased" ? (
        <section className="usa-summary-box ec-offer margin-y-4" aria-labelledby="offer-heading" data-testid="offer">
          <div className="usa-summary-box__body">
            <h2 className="usa-summary-box__heading" id="offer-heading">
              {fill(t.offer.heading, vars)}
            </h2>
            <div className="usa-summary-box__text">
              {exposure.enrollment ? (
                <>
                  <p>
                    {exposure.enrollment === "enrolled"
                      ? t.offer.alreadyEnrolled
                      : lang === "es"
                        ? "Recibimos su solicitud. Le daremos su código en cuanto lo tengamos."
                        : "We have your request. We will give you your code as soon as we have it."}
                  </p>
                  <Link className="usa-button" to="/enroll/done">
                    {lang === "es" ? "Ver mi inscripción" : "See my enrollment"}
                  </Link>
                </>
              ) : exposure.offerOpen ? (
                <>
                  {t.offer.body.map((b) => (
                    <p key={b}>{fill(b, vars)}</p>
                  ))}
                  {audience === "minor" ? <p>{t.offer.minorNote}</p> : null}
                  <p className="text-bold">{fill(t.offer.enrollBy, vars)}</p>
                  <Link className="usa-button usa-button--big" to="/enroll">
                    {t.offer.button}
                  </Link>
                </>
              ) : (
                <p>{fill(t.offer.closed, vars)}</p>
              )}
            </div>
          </div>
        </section>
      ) : null}

      <p>
        <Link to="/guidance">{t.moreGuidanceLink}</Link>
      </p>
      <p>{fill(t.helpLine, vars)}</p>

      <Form method="post" action="/signout" className="ec-signout" reloadDocument>
        <button type="submit" className="usa-button usa-button--outline usa-button--big" data-testid="sign-out">
          {t.signOut}
        </button>
      </Form>
    </div>
  );
}
