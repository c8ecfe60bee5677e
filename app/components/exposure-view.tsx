import { Form, Link } from "@remix-run/react";
import { ContactList } from "~/components/contact-list";
import { SEVERITY_RANK } from "~/content/categories";
import { AUDIENCE_NOTES, guidanceFor } from "~/content/guidance";
import { fill } from "~/content/i18n";
import { medicaidAgencyFor } from "~/content/medicaid-agencies";
import { EXPOSURE_TEXT, SUMMARY_TEXT, summarySteps } from "~/content/pages";
import { PrintButton } from "~/components/print-button";
import { formatDate } from "~/utils/format";
import type { Lang } from "~/content/i18n";
import type { Exposure } from "~/services/notices/exposure.server";
import { exposureVars, type SummaryPhone } from "~/services/notices/summary";

function severityClass(rank: number) {
  return rank <= 5 ? "" : rank <= 11 ? " ec-category--medium" : " ec-category--low";
}

type Vars = Record<string, string | number>;

/** The free monitoring offer with its enroll-by date and button (or the enrollment's state). */
function Offer({ exposure, lang, vars }: { exposure: Exposure; lang: Lang; vars: Vars }) {
  const t = EXPOSURE_TEXT[lang];
  return (
    <section className="usa-summary-box ec-offer margin-y-3" aria-labelledby="offer-heading" data-testid="offer">
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
              {exposure.audience === "minor" ? <p>{t.offer.minorNote}</p> : null}
              <p className="text-bold" data-testid="enroll-by">
                {fill(t.offer.enrollBy, vars)}
              </p>
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
  );
}

/**
 * The exposure page. First screen: how many kinds of information, the two most important things
 * to do now, and the offer with its enroll-by date and button (issue 16: on a phone the offer used
 * to come after 6,000 px of cards). Then the letter's facts, a card per category (most serious
 * first: what it means, what to do, who can help), what was not involved, and "done — sign out".
 * On the patient's own page (`phones` given) also "Print or save" (print, or the PDF summary) and,
 * for paper only, every phone number the cards name (issue 16, item 11).
 */
export function ExposureView({ lang, exposure, phones }: { lang: Lang; exposure: Exposure; phones?: SummaryPhone[] }) {
  const t = EXPOSURE_TEXT[lang];
  const keep = SUMMARY_TEXT[lang];
  const inc = exposure.incident;
  const vars: Vars = exposureVars(exposure, lang);
  const audience = exposure.audience;
  const count = t.summary.count[audience];
  return (
    <div className="padding-top-4 measure-6" data-testid="exposure-page" data-audience={audience}>
      <h1 className="margin-top-0">{t.heading}</h1>
      {audience !== "adult" ? <p className="usa-intro">{fill(t.intro[audience][0]!, vars)}</p> : null}

      <section className="usa-summary-box margin-y-3" aria-labelledby="summary-heading" data-testid="summary">
        <div className="usa-summary-box__body">
          <h2 className="usa-summary-box__heading" id="summary-heading">
            {t.summary.heading}
          </h2>
          <div className="usa-summary-box__text">
            <p className="text-bold" data-testid="kinds-count">
              {fill(exposure.categories.length === 1 ? count.one : count.other, vars)}
            </p>
            <p className="margin-bottom-1">{t.summary.stepsIntro}</p>
            <ol className="usa-list margin-top-0" data-testid="first-steps">
              {summarySteps(exposure.categories).map((step) => (
                <li key={step} data-step={step}>
                  {fill(t.summary.steps[step][audience], vars)}
                </li>
              ))}
            </ol>
          </div>
        </div>
      </section>

      {audience !== "deceased" ? <Offer exposure={exposure} lang={lang} vars={vars} /> : null}

      <h2>{t.summary.letterHeading}</h2>
      <dl className="margin-0" aria-label={t.summary.letterHeading}>
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

      <h2 className="margin-top-4">{t.summary.detailsHeading}</h2>
      {/* On paper: each kind of information with what to do, without the explanations (they stay
          on screen), so the printed summary fits about two pages (issue 16, item 11). */}
      {t.intro[audience].slice(audience === "adult" ? 0 : 1).map((p) => (
        <p key={p} className="ec-noprint">
          {fill(p, vars)}
        </p>
      ))}
      <p className="ec-noprint">{t.orderNote}</p>
      <div data-testid="exposed-categories">
        {exposure.categories.map((key) => {
          const g = guidanceFor(key, lang, audience);
          return (
            <section key={key} data-category={key} className={`ec-category${severityClass(SEVERITY_RANK[key])}`} aria-labelledby={`cat-${key}`}>
              <h3 className="font-heading-lg" id={`cat-${key}`}>
                {g.label}
              </h3>
              <p className="ec-noprint">
                <strong>{t.meaningLabel}:</strong> {fill(g.meaning, vars)}
              </p>
              <h4 className="font-heading-sm margin-bottom-1 ec-noprint">{t.actionsLabel}</h4>
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

      <p>
        <Link to="/guidance">{t.moreGuidanceLink}</Link>
      </p>
      <p>{fill(t.helpLine, vars)}</p>

      {/* Printed, the "who can help" boxes stay closed: their numbers are listed here instead.
          (Only on the patient's own page: the admin preview has no summary to keep.) */}
      {phones ? (
        <>
          <section className="ec-printonly" data-testid="print-phones">
            <h2>{keep.pdf.phonesHeading}</h2>
            <ul className="usa-list">
              <li>{fill(keep.pdf.ourLine, vars)}</li>
              {phones.map((p) => (
                <li key={`${p.name}${p.phone}`}>
                  {p.name}: {p.phone}
                </li>
              ))}
            </ul>
          </section>

          <section className="ec-noprint margin-y-4" aria-labelledby="keep-heading" data-testid="print-or-save">
            <h2 id="keep-heading">{keep.block.heading}</h2>
            <p>{keep.block.intro}</p>
            <PrintButton label={keep.block.printButton} noScript={keep.block.printNoScript} />
            <p>
              <a href="/exposure/summary.pdf" download={keep.pdf.fileName} data-testid="summary-pdf">
                {keep.block.pdfLink}
              </a>
            </p>
          </section>
        </>
      ) : null}

      <Form method="post" action="/signout" className="ec-signout" reloadDocument>
        <button type="submit" className="usa-button usa-button--outline usa-button--big" data-testid="sign-out">
          {t.signOut}
        </button>
      </Form>
    </div>
  );
}
