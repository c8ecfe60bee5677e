import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ErrorSummary } from "~/components/error-summary";
import { TextPage } from "~/components/text-section";
import { fill, type Lang } from "~/content/i18n";
import { GENUINE_TEXT } from "~/content/pages";
import { getLang } from "~/http/lang.server";
import { titleMeta } from "~/http/public-page";
import { getGenuineAnchors, type GenuineAnchors } from "~/services/incidents/anchors.server";
import { getPageVars } from "~/services/incidents/current.server";
import { lookUpLetter } from "~/services/notices/letter-lookup.server";
import { formatDate } from "~/utils/format";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
export const meta = titleMeta(GENUINE_TEXT);

/** Document responses keep the action's Retry-After (a throttled lookup answers 429). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const out = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) out.set("Retry-After", retryAfter);
  return out;
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  return { lang, vars: await getPageVars(context.app, lang), anchors: await getGenuineAnchors(context.app) };
}

type LookupOutcome =
  | { kind: "mailed"; reference: string; mailedOn: string }
  | { kind: "not_found"; reference: string }
  | { kind: "malformed"; typed: string }
  | { kind: "throttled"; minutes: number; typed: string };

/**
 * POST /genuine: "was a letter with this reference number mailed, and when?" (issue 16, item 5).
 * Counted per address before the lookup (services/notices/letter-lookup.server.ts); the number
 * travels in the form body only, never in a URL.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const typed = String(form.get("reference") ?? "").slice(0, 40);
  const result = await lookUpLetter(context.app, context.meta, { reference: typed });
  switch (result.kind) {
    case "mailed":
    case "not_found":
      return data<LookupOutcome>(result);
    case "malformed":
      return data<LookupOutcome>({ kind: "malformed", typed }, { status: 400 });
    case "throttled":
      return data<LookupOutcome>(
        { kind: "throttled", minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)), typed },
        { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
  }
}

/** "Is this letter genuine?": how to tell, what to check outside the site, and the mailing lookup. */
export default function GenuinePage() {
  const { lang, vars, anchors } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const t = GENUINE_TEXT[lang];
  return (
    <TextPage text={t} vars={vars} lang={lang}>
      <Lookup lang={lang} vars={vars} outcome={outcome} />
      {anchors ? <Anchors lang={lang} anchors={anchors} /> : null}
    </TextPage>
  );
}

function Lookup({ lang, vars, outcome }: { lang: Lang; vars: Record<string, string | number>; outcome: LookupOutcome | undefined }) {
  const t = GENUINE_TEXT[lang].lookup;
  const resultRef = useRef<HTMLDivElement>(null);
  const found = outcome && (outcome.kind === "mailed" || outcome.kind === "not_found") ? outcome : null;
  useEffect(() => {
    if (found) resultRef.current?.focus();
  }, [found]);
  const error =
    outcome?.kind === "malformed" ? fill(t.malformed, vars) : outcome?.kind === "throttled" ? fill(t.throttled, { ...vars, minutes: outcome.minutes }) : null;
  const typed = outcome?.kind === "malformed" || outcome?.kind === "throttled" ? outcome.typed : found?.reference;
  return (
    <section aria-labelledby="lookup-heading" className="bg-base-lightest padding-3 margin-y-4 radius-md" data-testid="letter-lookup">
      <h2 id="lookup-heading" className="margin-top-0">
        {t.heading}
      </h2>
      <p>{t.intro}</p>
      <ErrorSummary heading={t.errorHeading} errors={error ? [{ field: "reference", message: error }] : []} />
      {found ? (
        <div
          ref={resultRef}
          tabIndex={-1}
          role="status"
          className={`usa-alert ${found.kind === "mailed" ? "usa-alert--success" : "usa-alert--warning"} margin-bottom-3`}
          data-testid="lookup-answer"
          data-found={found.kind === "mailed" ? "yes" : "no"}
        >
          <div className="usa-alert__body">
            <p className="usa-alert__text text-bold">
              {found.kind === "mailed"
                ? fill(t.mailed, { reference: found.reference, date: formatDate(found.mailedOn, lang) })
                : fill(t.notFound, { reference: found.reference })}
            </p>
            <p className="usa-alert__text">{fill(found.kind === "mailed" ? t.mailedNext : t.notFoundNext, vars)}</p>
          </div>
        </div>
      ) : null}
      <Form method="post" noValidate className="usa-form" data-testid="lookup-form">
        <div className={`usa-form-group${error ? " usa-form-group--error" : ""}`}>
          <label className="usa-label" htmlFor="reference">
            {t.label}
          </label>
          <span className="usa-hint" id="reference-hint">
            {fill(t.hint, vars)}
          </span>
          {error ? (
            <span className="usa-error-message" id="reference-error">
              {error}
            </span>
          ) : null}
          <input
            className={`usa-input${error ? " usa-input--error" : ""}`}
            id="reference"
            name="reference"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            maxLength={20}
            defaultValue={typed ?? ""}
            aria-describedby={error ? "reference-error reference-hint" : "reference-hint"}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <button type="submit" className="usa-button margin-top-2">
          {t.button}
        </button>
      </Form>
    </section>
  );
}

function Anchors({ lang, anchors }: { lang: Lang; anchors: GenuineAnchors }) {
  const t = GENUINE_TEXT[lang].anchors;
  const links = (items: { name: string; url: string }[]) => (
    <ul className="usa-list">
      {items.map((l) => (
        <li key={l.url}>
          {l.name}: <a href={l.url}>{l.url.replace(/^https:\/\/(www\.)?/, "").replace(/\/$/, "")}</a>
        </li>
      ))}
    </ul>
  );
  return (
    <section aria-labelledby="anchors-heading" className="margin-bottom-4" data-testid="genuine-anchors">
      <h2 id="anchors-heading">{t.heading}</h2>
      <p>{t.intro}</p>
      <p data-testid="anchor-phone">{fill(t.phone, { phone: anchors.phone })}</p>
      {anchors.returnAddress.length ? (
        <>
          <p className="margin-bottom-1">{t.returnAddress}</p>
          <address className="margin-bottom-2 padding-left-2 border-left-05 border-base-light" data-testid="anchor-return-address">
            {anchors.returnAddress.map((line) => (
              <span key={line} className="display-block">
                {line}
              </span>
            ))}
          </address>
        </>
      ) : null}
      {anchors.coveredEntityWebsites.length ? (
        <div data-testid="anchor-entities">
          <p className="margin-bottom-0">{t.entities}</p>
          {links(anchors.coveredEntityWebsites)}
        </div>
      ) : null}
      {anchors.hhsBreachPortalUrl ? (
        <p data-testid="anchor-hhs">
          {t.hhs} <a href={anchors.hhsBreachPortalUrl}>{t.hhsLink}</a>
        </p>
      ) : null}
      {anchors.attorneyGeneralPostings.length ? (
        <div data-testid="anchor-attorneys-general">
          <p className="margin-bottom-0">{t.attorneysGeneral}</p>
          {links(anchors.attorneyGeneralPostings)}
        </div>
      ) : null}
    </section>
  );
}
