import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorSummary } from "~/components/error-summary";
import { SessionTimeout } from "~/components/session-timeout";
import { ENROLL_TEXT } from "~/content/enrollment";
import { fill } from "~/content/i18n";
import { enrollInMonitoring, getEnrollmentStatus } from "~/services/enrollment/enroll.server";
import { parseEnrollForm, type EnrollFormErrors, type EnrollFormValues } from "~/services/enrollment/schemas";
import { requirePatient } from "~/http/patient.server";
import { formatDate } from "~/utils/format";
import { getLang } from "~/http/lang.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: ENROLL_TEXT[data?.lang ?? "en"].title }];

/** GET /enroll: the offer, the form; or why there is none. Someone already enrolled goes to the result. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { noticeId, exposure, timeout } = await requirePatient(request, context);
  if (await getEnrollmentStatus(context.app, noticeId)) throw redirect("/enroll/done");
  const lang = await getLang(request);
  const inc = exposure.incident;
  const state = exposure.audience === "deceased" ? "deceased" : exposure.offerOpen ? "open" : "closed";
  return {
    lang,
    state,
    minor: exposure.audience === "minor",
    timeout,
    offer: {
      months: inc.offerMonths,
      enrollBy: inc.enrollBy,
      vendor: inc.partnerName,
      vendorUrl: inc.partnerUrl,
      phone: inc.tollFreePhone,
      hours: inc.phoneHours[lang],
    },
  } as const;
}

type ActionOutcome = { kind: "invalid"; errors: EnrollFormErrors; values: EnrollFormValues } | { kind: "closed" | "deceased" };

/**
 * POST /enroll: check the form, enroll (idempotent: a second submit finds the first enrollment),
 * then 303 to the result. The notice comes from the session, never from the form.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const { noticeId, exposure } = await requirePatient(request, context);
  const lang = await getLang(request);
  const parsed = parseEnrollForm(await request.formData(), exposure.audience === "minor");
  if (parsed.errors.length > 0) {
    return data<ActionOutcome>({ kind: "invalid", errors: parsed.errors, values: parsed.values }, { status: 400 });
  }
  const result = await enrollInMonitoring(context.app, context.meta, {
    noticeId,
    email: parsed.email,
    termsAccepted: parsed.values.consent,
    guardianName: parsed.values.guardianName || null,
    language: lang,
  });
  switch (result.kind) {
    case "enrolled":
    case "waiting":
      return redirect("/enroll/done", { status: 303 });
    case "closed":
    case "deceased":
      return data<ActionOutcome>({ kind: result.kind }, { status: 409 });
    case "unavailable":
      throw redirect("/");
    case "invalid":
      return data<ActionOutcome>(
        {
          kind: "invalid",
          errors: [
            result.problem === "guardian_name" ? { field: "guardianName", message: "guardianRequired" } : { field: "consent", message: "consentRequired" },
          ],
          values: parsed.values,
        },
        { status: 400 },
      );
  }
}

export default function EnrollPage() {
  const { lang, state: loaded, minor, offer, timeout } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const t = ENROLL_TEXT[lang];
  const vars = { ...offer, date: formatDate(offer.enrollBy, lang) };
  const state = outcome && outcome.kind !== "invalid" ? outcome.kind : loaded;

  if (state !== "open") {
    const text = state === "deceased" ? t.deceased : t.closed;
    return (
      <div className="padding-top-4 measure-6" data-testid={`enroll-${state}`}>
        <h1 className="margin-top-0">{text.heading}</h1>
        {text.body.map((p) => (
          <p key={p} className="usa-intro">
            {fill(p, vars)}
          </p>
        ))}
        <p>
          <Link to="/exposure">{t.backToExposure}</Link>
        </p>
        <SessionTimeout lang={lang} timeout={timeout} />
      </div>
    );
  }

  const invalid = outcome?.kind === "invalid" ? outcome : null;
  const values = invalid?.values ?? { email: "", emailConfirm: "", guardianName: "", consent: false };
  const errors = (invalid?.errors ?? []).map((e) => ({ field: e.field, message: t.errors[e.message] }));
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;

  return (
    <div className="padding-top-4 measure-6" data-testid="enroll-page">
      <h1 className="margin-top-0">{t.heading}</h1>
      <ErrorSummary heading={t.errorHeading} errors={errors} />
      <p className="usa-intro">{fill(t.intro, vars)}</p>
      <ul className="usa-list">
        {t.whatYouGet.map((w) => (
          <li key={w}>{fill(w, vars)}</li>
        ))}
      </ul>
      <p className="text-bold">{fill(t.enrollBy, vars)}</p>

      <Form method="post" className="usa-form usa-form--large" noValidate data-testid="enroll-form">
        {minor ? (
          <fieldset className="usa-fieldset margin-top-3">
            <legend className="usa-legend usa-legend--large">{t.minorHeading}</legend>
            <p>{t.minorIntro}</p>
            <Field id="guardianName" label={t.guardianLabel} hint={t.guardianHint} error={errorFor("guardianName")}>
              <input
                className={`usa-input${errorFor("guardianName") ? " usa-input--error" : ""}`}
                id="guardianName"
                name="guardianName"
                type="text"
                autoComplete="name"
                maxLength={120}
                defaultValue={values.guardianName}
                aria-describedby="guardianName-hint"
                required
              />
            </Field>
          </fieldset>
        ) : null}

        <fieldset className="usa-fieldset margin-top-3">
          <legend className="usa-legend usa-legend--large">{t.emailHeading}</legend>
          <p>{t.emailIntro}</p>
          <Field id="email" label={t.emailLabel} hint={t.emailHint} error={errorFor("email")}>
            <input
              className={`usa-input${errorFor("email") ? " usa-input--error" : ""}`}
              id="email"
              name="email"
              type="email"
              autoComplete="email"
              maxLength={254}
              defaultValue={values.email}
              aria-describedby="email-hint"
            />
          </Field>
          <Field id="emailConfirm" label={t.emailConfirmLabel} error={errorFor("emailConfirm")}>
            <input
              className={`usa-input${errorFor("emailConfirm") ? " usa-input--error" : ""}`}
              id="emailConfirm"
              name="emailConfirm"
              type="email"
              autoComplete="off"
              maxLength={254}
              defaultValue={values.emailConfirm}
            />
          </Field>
        </fieldset>

        <fieldset className="usa-fieldset margin-top-3">
          <legend className="usa-legend usa-legend--large">{t.consentHeading}</legend>
          <p>
            <a href={offer.vendorUrl} rel="noreferrer noopener" target="_blank">
              {fill(t.termsLink, vars)}
            </a>
          </p>
          <div className={`usa-form-group${errorFor("consent") ? " usa-form-group--error" : ""}`}>
            {errorFor("consent") ? (
              <span className="usa-error-message" id="consent-error" role="alert">
                {errorFor("consent")}
              </span>
            ) : null}
            <div className="usa-checkbox">
              <input
                className="usa-checkbox__input"
                id="consent"
                name="consent"
                type="checkbox"
                value="yes"
                defaultChecked={values.consent}
                required
                aria-describedby={errorFor("consent") ? "consent-error" : undefined}
              />
              <label className="usa-checkbox__label" htmlFor="consent">
                {fill(t.consentLabel, vars)}
              </label>
            </div>
          </div>
          <p>{t.noWaiver}</p>
        </fieldset>

        <button type="submit" className="usa-button usa-button--big margin-top-3" data-testid="enroll-submit">
          {t.submit}
        </button>
      </Form>
      <p className="margin-top-3">
        <Link to="/exposure">{t.backToExposure}</Link>
      </p>
      <SessionTimeout lang={lang} timeout={timeout} />
    </div>
  );
}

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className={`usa-form-group${error ? " usa-form-group--error" : ""}`}>
      <label className={`usa-label${error ? " usa-label--error" : ""}`} htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="usa-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <span className="usa-error-message" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
      {children}
    </div>
  );
}
