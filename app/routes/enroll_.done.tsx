import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
import { PrintButton } from "~/components/print-button";
import { SessionTimeout } from "~/components/session-timeout";
import { ENROLL_TEXT } from "~/content/enrollment";
import { fill } from "~/content/i18n";
import { getEnrollmentView } from "~/services/enrollment/enroll.server";
import { requirePatient } from "~/http/patient.server";
import { formatDate, telHref } from "~/utils/format";
import { getLang } from "~/http/lang.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const t = ENROLL_TEXT[data?.lang ?? "en"];
  return [{ title: data?.view.status === "waiting" ? t.waiting.title : t.result.title }];
};

/**
 * GET /enroll/done: the result of the enrollment of the person behind the session — the
 * monitoring code, how to activate it, the coverage dates (printable); or "you are on the list".
 * No enrollment yet → the form.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { noticeId, timeout } = await requirePatient(request, context);
  const view = await getEnrollmentView(context.app, noticeId);
  if (!view) throw redirect("/enroll");
  const lang = await getLang(request);
  return { lang, timeout, view: { ...view, phoneHours: view.phoneHours[lang] } };
}

export default function EnrollResultPage() {
  const { lang, view, timeout } = useLoaderData<typeof loader>();
  const t = ENROLL_TEXT[lang];
  const vars = {
    vendor: view.partner.name,
    vendorUrl: view.partner.url,
    vendorPhone: view.partner.phone,
    phone: view.tollFreePhone,
    hours: view.phoneHours,
    months: view.offerMonths,
    start: view.coverageStart ? formatDate(view.coverageStart, lang) : "",
    end: view.coverageEnd ? formatDate(view.coverageEnd, lang) : "",
  };

  if (view.status === "waiting") {
    return (
      <div className="padding-top-4 measure-6" data-testid="enroll-waiting">
        <div className="usa-alert usa-alert--warning" role="status">
          <div className="usa-alert__body">
            <h1 className="usa-alert__heading font-heading-xl">{t.waiting.heading}</h1>
            {t.waiting.body.map((p) => (
              <p key={p} className="usa-alert__text">
                {fill(p, vars)}
              </p>
            ))}
          </div>
        </div>
        <Footer lang={lang} />
        <SessionTimeout lang={lang} timeout={timeout} />
      </div>
    );
  }

  const links = {
    vendorUrl: (
      <a href={view.partner.url} rel="noreferrer noopener" data-testid="partner-url">
        {view.partner.url}
      </a>
    ),
    vendorPhone: (
      <a href={telHref(view.partner.phone)} className="ec-nowrap" data-testid="partner-phone">
        {view.partner.phone}
      </a>
    ),
  };
  return (
    <div className="padding-top-4 measure-6" data-testid="enroll-result">
      <h1 className="margin-top-0">{t.result.heading}</h1>
      <p className="usa-intro">{fill(t.result.intro, vars)}</p>
      <h2>{t.result.doneHeading}</h2>
      <ul className="usa-list" data-testid="done-list">
        {t.result.done.map((d) => (
          <li key={d}>{fill(d, vars)}</li>
        ))}
        <li data-testid="email-note">{view.emailGiven ? t.result.emailQueued : t.result.emailNotGiven}</li>
      </ul>
      <div className="usa-summary-box margin-y-3" role="region" aria-labelledby="code-heading">
        <div className="usa-summary-box__body">
          <h2 className="usa-summary-box__heading" id="code-heading">
            {t.result.codeLabel}
          </h2>
          <p className="font-mono-xl text-bold margin-y-1" data-testid="monitoring-code">
            {view.monitoringCode}
          </p>
          <p className="usa-summary-box__text">{t.result.keepSafe}</p>
          <p className="usa-summary-box__text" data-testid="coverage">
            {fill(t.result.coverage, vars)}
          </p>
          {view.product === "minor" ? <p className="usa-summary-box__text">{t.result.productMinor}</p> : null}
        </div>
      </div>
      <h2>{fill(t.result.activateHeading, vars)}</h2>
      <p>{fill(t.result.activateIntro, vars)}</p>
      <ol className="usa-process-list" data-testid="activate-steps">
        {t.result.activateSteps.map((s) => (
          <li key={s} className="usa-process-list__item">
            <p className="margin-top-05">{fillWithLinks(s, vars, links)}</p>
          </li>
        ))}
      </ol>
      <h2>{t.result.nextHeading}</h2>
      <ul className="usa-list">
        {t.result.next.map((n) => (
          <li key={n}>{fill(n, vars)}</li>
        ))}
      </ul>
      <h2>{t.result.neverHeading}</h2>
      <ul className="usa-list" data-testid="never-ask">
        {t.result.never.map((n) => (
          <li key={n}>{fill(n, vars)}</li>
        ))}
      </ul>
      <p>{t.result.printHint}</p>
      <PrintButton label={t.result.printButton} />
      <p className="margin-top-3">{fill(t.result.helpLine, vars)}</p>
      <Footer lang={lang} />
      <SessionTimeout lang={lang} timeout={timeout} />
    </div>
  );
}

/** `fill`, but the named placeholders become the given elements (links), not text. */
function fillWithLinks(template: string, vars: Record<string, string | number>, links: Record<string, ReactNode>): ReactNode[] {
  return template.split(/(\{[a-zA-Z]+\})/).map((part, i) => {
    const name = /^\{([a-zA-Z]+)\}$/.exec(part)?.[1];
    if (name && name in links) return <Fragment key={i}>{links[name]}</Fragment>;
    return <Fragment key={i}>{fill(part, vars)}</Fragment>;
  });
}

function Footer({ lang }: { lang: "en" | "es" }) {
  const t = ENROLL_TEXT[lang];
  return (
    <>
      <p className="margin-top-3">
        <Link to="/exposure">{t.backToExposure}</Link>
      </p>
      <Form method="post" action="/signout" className="ec-signout" reloadDocument>
        <button type="submit" className="usa-button usa-button--outline usa-button--big" data-testid="sign-out">
          {t.signOut}
        </button>
      </Form>
    </>
  );
}
