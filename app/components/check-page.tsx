import { Form, Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ClosedPage } from "~/components/closed-page";
import { ErrorSummary } from "~/components/error-summary";
import { fill, type Lang } from "~/content/i18n";
import { CHECK_ERRORS, EXPOSURE_TEXT, HOME_TEXT } from "~/content/pages";
import type { CheckFieldError, CheckFormValues } from "~/services/notices/schemas";
import { formatDate, telHref } from "~/utils/format";

export type HomeIncident = {
  breachedEntity: string;
  whatHappened: string;
  whatWeAreDoing: string;
  intrusionStart: string;
  intrusionEnd: string;
  discoveredOn: string;
  noticeDate: string;
  phone: string;
  hours: string;
  offerMonths: number;
  enrollBy: string;
  partnerName: string;
  /** The retention date has come: the page says the response has ended. */
  ended?: boolean;
};

export type CheckOutcome =
  | { kind: "invalid"; errors: CheckFieldError[]; values: CheckFormValues }
  | { kind: "noMatch"; repeated?: boolean; values: CheckFormValues }
  | { kind: "typo"; values: CheckFormValues }
  | { kind: "throttled"; minutes: number; values: CheckFormValues }
  | { kind: "ended"; values: CheckFormValues };

/**
 * The home page: the breach notice in the layout such notices use, and the check form.
 * Rendered by `/` and, after a failed check, by `/check` with the errors and what was typed.
 */
export function CheckPage({
  lang,
  incident,
  outcome,
  ended,
}: {
  lang: Lang;
  incident: HomeIncident | null;
  outcome?: CheckOutcome;
  ended?: "expired" | "signedout" | null;
}) {
  const t = HOME_TEXT[lang];
  const e = CHECK_ERRORS[lang];
  const x = EXPOSURE_TEXT[lang];
  const vars = incident ? { phone: incident.phone, hours: incident.hours, organization: incident.breachedEntity } : { phone: "", hours: "", organization: "" };
  const values = outcome?.values ?? { code: "", month: "", day: "", year: "" };
  const fieldErrors = outcome?.kind === "invalid" ? outcome.errors : [];
  const summary: { field: string; message: string }[] =
    outcome?.kind === "invalid"
      ? fieldErrors.map((f) => ({ field: f.field, message: fill(e[f.message], vars) }))
      : outcome?.kind === "typo"
        ? [{ field: "code", message: e.codeTypo }]
        : outcome?.kind === "noMatch"
          ? [{ field: "code", message: fill(outcome.repeated ? e.noMatchRepeated : e.noMatch, vars) }]
          : outcome?.kind === "throttled"
            ? [
                {
                  field: "code",
                  message: fill(outcome.minutes <= 1 ? e.tooManyAttemptsOneMinute : e.tooManyAttempts, { ...vars, minutes: outcome.minutes }),
                },
              ]
            : [];
  const errorFor = (field: string) => {
    if (outcome?.kind === "typo" && field === "code") return e.codeTypo;
    const f = fieldErrors.find((x) => x.field === field);
    return f ? fill(e[f.message], vars) : null;
  };
  const dobInvalid = ["dob-month", "dob-day", "dob-year"].some((f) => errorFor(f));
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (summary.length) summaryRef.current?.querySelector<HTMLElement>("[role=alert]")?.focus();
  }, [outcome, summary.length]);

  if (!incident) return <ClosedPage lang={lang} kind="not_open" />;
  if (incident.ended || outcome?.kind === "ended") return <ClosedPage lang={lang} kind="ended" />;

  return (
    <div className="grid-row grid-gap-lg padding-top-4">
      <div className="tablet-lg:grid-col-7">
        <h1 className="margin-top-0">{t.heading}</h1>
        {ended ? (
          <div className="usa-alert usa-alert--info usa-alert--slim margin-bottom-3" role="status">
            <div className="usa-alert__body">
              <p className="usa-alert__text">
                <strong>{ended === "expired" ? x.sessionExpired.heading : x.signedOut.heading}.</strong>{" "}
                {(ended === "expired" ? x.sessionExpired.body : x.signedOut.body).join(" ")}
              </p>
            </div>
          </div>
        ) : null}
        {t.intro.map((p) => (
          <p key={p} className="usa-intro">
            {fill(p, vars)}
          </p>
        ))}

        <section aria-labelledby="check-heading" className="bg-base-lightest padding-3 margin-y-3 radius-md" id="check">
          <h2 id="check-heading" className="margin-top-0">
            {t.form.heading}
          </h2>
          <div ref={summaryRef}>
            <ErrorSummary heading={e.summaryHeading} errors={summary} />
          </div>
          <p>{t.form.intro}</p>
          <Form method="post" action="/check" noValidate className="usa-form usa-form--large" data-testid="check-form">
            <div className={`usa-form-group${errorFor("code") ? " usa-form-group--error" : ""}`}>
              <label className="usa-label" htmlFor="code">
                {t.form.codeLabel}
              </label>
              <span className="usa-hint" id="code-hint">
                {t.form.codeHint}
              </span>
              {errorFor("code") ? (
                <span className="usa-error-message" id="code-error">
                  {errorFor("code")}
                </span>
              ) : null}
              <input
                className={`usa-input ec-code-input${errorFor("code") ? " usa-input--error" : ""}`}
                id="code"
                name="code"
                type="text"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={24}
                defaultValue={values.code}
                aria-describedby={errorFor("code") ? "code-error code-hint" : "code-hint"}
                aria-invalid={errorFor("code") ? true : undefined}
              />
            </div>
            <fieldset className={`usa-fieldset${dobInvalid ? " usa-form-group usa-form-group--error" : ""}`}>
              <legend className="usa-legend">{t.form.dobLegend}</legend>
              <span className="usa-hint" id="dob-hint">
                {t.form.dobHint}
              </span>
              {["dob-month", "dob-day", "dob-year"].map((f) =>
                errorFor(f) ? (
                  <span className="usa-error-message" id={`${f}-error`} key={f}>
                    {errorFor(f)}
                  </span>
                ) : null,
              )}
              <div className="usa-memorable-date">
                {(
                  [
                    ["dob-month", t.form.monthLabel, values.month, 2, "usa-form-group--month", "bday-month"],
                    ["dob-day", t.form.dayLabel, values.day, 2, "usa-form-group--day", "bday-day"],
                    ["dob-year", t.form.yearLabel, values.year, 4, "usa-form-group--year", "bday-year"],
                  ] as const
                ).map(([name, label, value, max, cls, auto]) => (
                  <div className={`usa-form-group ${cls}`} key={name}>
                    <label className="usa-label" htmlFor={name}>
                      {label}
                    </label>
                    <input
                      className={`usa-input${errorFor(name) ? " usa-input--error" : ""}`}
                      id={name}
                      name={name}
                      type="text"
                      inputMode="numeric"
                      pattern="[0-9]*"
                      maxLength={max}
                      autoComplete={auto}
                      defaultValue={value}
                      aria-describedby={errorFor(name) ? `${name}-error dob-hint` : "dob-hint"}
                      aria-invalid={errorFor(name) ? true : undefined}
                    />
                  </div>
                ))}
              </div>
            </fieldset>
            <ul className="usa-list margin-top-2">
              {t.form.whoseBirthDate.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
            <button className="usa-button usa-button--big margin-top-2" type="submit">
              {t.form.submit}
            </button>
          </Form>
          <p className="margin-top-3">{fill(t.form.noLetter, vars)}</p>
        </section>
      </div>

      <div className="tablet-lg:grid-col-5">
        {incident ? (
          <div className="usa-summary-box margin-top-2" role="region" aria-labelledby="notice-heading">
            <div className="usa-summary-box__body">
              <h2 className="usa-summary-box__heading" id="notice-heading">
                {t.noticeHeadings.whatHappened}
              </h2>
              <div className="usa-summary-box__text">
                <p>{incident.whatHappened}</p>
                <ul className="usa-list margin-top-1" data-testid="notice-dates">
                  <li>{fill(t.dates.intrusion, { start: formatDate(incident.intrusionStart, lang), end: formatDate(incident.intrusionEnd, lang) })}</li>
                  <li>{fill(t.dates.discovered, { discovered: formatDate(incident.discoveredOn, lang) })}</li>
                </ul>
              </div>
            </div>
          </div>
        ) : null}
        <h2>{t.noticeHeadings.whatInvolved}</h2>
        <p>{t.whatInvolvedText}</p>
        <h2>{t.noticeHeadings.whatWeAreDoing}</h2>
        {incident ? <p>{incident.whatWeAreDoing}</p> : null}
        <h2>{t.noticeHeadings.whatYouCanDo}</h2>
        <ol className="usa-process-list">
          {t.whatYouCanDoSteps.map((s) => (
            <li className="usa-process-list__item" key={s}>
              <p className="margin-top-0">{s}</p>
            </li>
          ))}
        </ol>
        <h2>{t.noticeHeadings.moreInfo}</h2>
        {incident ? (
          <p>
            <a href={telHref(incident.phone)} className="text-bold font-sans-lg">
              {incident.phone}
            </a>
            <br />
            {incident.hours}
          </p>
        ) : null}
        <p>
          <Link to="/faq">{t.moreInfo[1]}</Link>
        </p>
      </div>
    </div>
  );
}
