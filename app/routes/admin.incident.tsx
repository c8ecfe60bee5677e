import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { CheckPage } from "~/components/check-page";
import { ErrorSummary } from "~/components/error-summary";
import { ExposureView } from "~/components/exposure-view";
import { requireStaff } from "~/http/staff.server";
import { staffActor } from "~/services/actor";
import { getCurrentIncident } from "~/services/incidents/current.server";
import { createIncident, showIncident, updateIncident } from "~/services/incidents/manage.server";
import { previewIncident, type IncidentPreview } from "~/services/incidents/preview.server";
import { incidentInputFromForm, incidentWarnings, parseIncidentDefinition, problemToFieldError } from "~/services/incidents/schemas";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Incident · Exposure Check" }];

/** GET: the deployment's incident as the form shows it (the view is audited), or an empty form. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const incident = await getCurrentIncident(context.app);
  if (!incident) return { existing: null, values: null };
  const def = await showIncident(context.app, staffActor(actor), context.meta, incident);
  return { existing: { slug: incident.slug }, values: def as Record<string, unknown> };
}

type Outcome = {
  errors: { field: string; message: string }[];
  warnings: string[];
  values: Record<string, unknown>;
  preview: IncidentPreview | null;
};

/**
 * POST `intent=preview`: check the form and show the public pages it would give, saving nothing.
 * POST `intent=save`: create the incident (none yet) or update the deployment's incident, through
 * the same service as the CLI (one schema, audited).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const form = await request.formData();
  const input = incidentInputFromForm((name) => {
    const v = form.get(name);
    return typeof v === "string" ? v : null;
  });
  const intent = form.get("intent") === "save" ? "save" : "preview";
  const current = await getCurrentIncident(context.app);
  if (current) input.slug = current.slug; // the slug of an existing incident does not change here
  const parsed = parseIncidentDefinition(input);
  if (!parsed.ok) {
    return data<Outcome>({ errors: parsed.problems.map(problemToFieldError), warnings: [], values: input, preview: null }, { status: 400 });
  }
  if (intent === "preview") {
    const today = context.app.now().toISOString().slice(0, 10);
    return data<Outcome>({
      errors: [],
      warnings: incidentWarnings(parsed.value, today),
      values: input,
      preview: previewIncident(parsed.value, context.app.now()),
    });
  }
  const result = current
    ? await updateIncident(context.app, staffActor(actor), context.meta, current.slug, parsed.value)
    : await createIncident(context.app, staffActor(actor), context.meta, parsed.value);
  if (result.kind === "invalid") {
    return data<Outcome>({ errors: result.problems.map(problemToFieldError), warnings: [], values: input, preview: null }, { status: 400 });
  }
  if (result.kind === "not_found") throw new Response("Not found", { status: 404 });
  throw redirect(`/admin/incident?saved=${result.kind}`, 303);
}

const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");
const lang = (v: unknown, l: "en" | "es") => (v && typeof v === "object" ? (v as Record<string, unknown>)[l] : undefined);

export default function IncidentPage() {
  const { existing, values: stored } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const values = outcome?.values ?? stored ?? {};
  const errorOf = (field: string) => outcome?.errors.find((e) => e.field === field)?.message;

  const input = (name: string, label: string, hint?: string, type: "text" | "date" | "tel" | "url" | "number" = "text") => {
    const id = name;
    const error = errorOf(id);
    return (
      <div className={`usa-form-group${error ? " usa-form-group--error" : ""}`}>
        <label className="usa-label" htmlFor={id}>
          {label}
        </label>
        {hint ? (
          <span className="usa-hint" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
        {error ? (
          <span className="usa-error-message" id={`${id}-error`}>
            {error}
          </span>
        ) : null}
        <input
          className={`usa-input${error ? " usa-input--error" : ""}`}
          id={id}
          name={name}
          type={type}
          defaultValue={str(values[name])}
          readOnly={name === "slug" && !!existing}
          aria-describedby={[hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
        />
      </div>
    );
  };
  /** One textarea: the return address as lines, or a list of links as `Name | https://…` lines. */
  const lines = (name: string, label: string, hint: string) => {
    const error = errorOf(name);
    const raw: unknown = (values as Record<string, unknown>)[name];
    const value = Array.isArray(raw)
      ? (raw as unknown[])
          .map((l: unknown) => (l && typeof l === "object" ? `${str((l as { name?: unknown }).name)} | ${str((l as { url?: unknown }).url)}` : str(l)))
          .join("\n")
      : str(raw);
    return (
      <div className={`usa-form-group${error ? " usa-form-group--error" : ""}`}>
        <label className="usa-label" htmlFor={name}>
          {label}
        </label>
        <span className="usa-hint" id={`${name}-hint`}>
          {hint}
        </span>
        {error ? (
          <span className="usa-error-message" id={`${name}-error`}>
            {error}
          </span>
        ) : null}
        <textarea
          className={`usa-textarea${error ? " usa-input--error" : ""}`}
          id={name}
          name={name}
          rows={3}
          defaultValue={value}
          aria-describedby={`${name}-hint${error ? ` ${name}-error` : ""}`}
        />
      </div>
    );
  };
  const texts = (key: string, label: string, rows = 4) => (
    <fieldset className="usa-fieldset margin-top-3">
      <legend className="usa-legend text-bold">{label}</legend>
      {(["en", "es"] as const).map((l) => {
        const id = `${key}-${l}`;
        const error = errorOf(id);
        const raw = lang(values[key], l);
        const value = Array.isArray(raw) ? raw.join("\n") : str(raw);
        return (
          <div key={l} className={`usa-form-group${error ? " usa-form-group--error" : ""}`}>
            <label className="usa-label" htmlFor={id}>
              {l === "en" ? "English" : "Spanish"}
              {key === "notInvolved" ? " (one per line)" : ""}
            </label>
            {error ? (
              <span className="usa-error-message" id={`${id}-error`}>
                {error}
              </span>
            ) : null}
            <textarea
              className={`usa-textarea${error ? " usa-input--error" : ""}`}
              id={id}
              name={`${key}.${l}`}
              rows={rows}
              lang={l}
              defaultValue={value}
              aria-describedby={error ? `${id}-error` : undefined}
            />
          </div>
        );
      })}
    </fieldset>
  );

  return (
    <div className="padding-y-4">
      <h1>Incident</h1>
      <p>
        {existing
          ? "What the public pages say about this breach. Preview the pages before you save; every change is recorded in the audit trail."
          : "There is no incident yet: the public site says it is not open. Describe the breach here (or with `npm run cli -- incident create --file`)."}
      </p>
      {saved ? (
        <div className="usa-alert usa-alert--success margin-bottom-3" role="status" data-testid="incident-saved">
          <div className="usa-alert__body">
            <p className="usa-alert__text">The incident was {saved === "created" ? "created" : "saved"}.</p>
          </div>
        </div>
      ) : null}
      <ErrorSummary heading="Fix these problems; nothing was saved" errors={outcome?.errors ?? []} />
      {outcome?.warnings.length ? (
        <div className="usa-alert usa-alert--warning margin-bottom-3" role="status" data-testid="incident-warnings">
          <div className="usa-alert__body">
            {outcome.warnings.map((w) => (
              <p key={w} className="usa-alert__text">
                {w.replace(/^warning: /, "")}
              </p>
            ))}
          </div>
        </div>
      ) : null}
      <Form method="post" className="usa-form usa-form--large maxw-tablet-lg" data-testid="incident-form" noValidate>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend text-bold">The breach</legend>
          {input("slug", "Short name (slug)", "Lower-case letters, digits and hyphens. It cannot change later.")}
          {input("name", "Name of the incident")}
          {input("breachedEntity", "Who was breached", "The company or covered entity, as the letters name it.")}
          {input("intrusionStart", "Intrusion started", "YYYY-MM-DD", "date")}
          {input("intrusionEnd", "Intrusion ended", "YYYY-MM-DD", "date")}
          {input("discoveredOn", "Discovered on", "YYYY-MM-DD", "date")}
          {input("reviewEndedOn", "File review ended", "YYYY-MM-DD", "date")}
          {input("noticeDate", "Date on the letters", "YYYY-MM-DD", "date")}
        </fieldset>
        {texts("whatHappened", "What happened")}
        {texts("whatWeAreDoing", "What we are doing")}
        {texts("notInvolved", "What was not involved", 3)}
        <fieldset className="usa-fieldset margin-top-3">
          <legend className="usa-legend text-bold">Phone line</legend>
          {input("tollFreePhone", "Toll-free number", "For example 1-855-555-0100.", "tel")}
        </fieldset>
        {texts("phoneHours", "Phone hours", 2)}
        <fieldset className="usa-fieldset margin-top-3">
          <legend className="usa-legend text-bold">The offer</legend>
          {input("offerMonths", "Months of monitoring", undefined, "number")}
          {input("enrollBy", "Enroll by", "YYYY-MM-DD", "date")}
          {input("partnerName", "Monitoring partner")}
          {input("partnerUrl", "Partner's web address", "https://…", "url")}
          {input("partnerPhone", "Partner's phone number", undefined, "tel")}
        </fieldset>
        <fieldset className="usa-fieldset margin-top-3" data-testid="incident-anchors">
          <legend className="usa-legend text-bold">Is this letter genuine? (optional)</legend>
          <p>What a person can check outside this site. Shown on the public page only when filled in; a blank field keeps what is saved.</p>
          {lines("letterReturnAddress", "Return address on the envelope", "As printed, one line per line.")}
          {lines("coveredEntityWebsites", "The providers' own notices", "One per line: Name | https://…")}
          {input("hhsBreachPortalUrl", "HHS breach portal listing", "https://ocrportal.hhs.gov/…", "url")}
          {lines("attorneyGeneralPostings", "State attorney-general postings", "One per line: Name | https://…")}
        </fieldset>
        <fieldset className="usa-fieldset margin-top-3">
          <legend className="usa-legend text-bold">Retention</legend>
          {input("retainUntil", "Keep personal data until", "From this date the site says the response has ended and personal data is erased.", "date")}
        </fieldset>
        <div className="margin-top-4">
          <button type="submit" name="intent" value="preview" className="usa-button usa-button--outline" data-testid="incident-preview-button">
            Preview the public pages
          </button>
          <button type="submit" name="intent" value="save" className="usa-button" data-testid="incident-save-button">
            {existing ? "Save changes" : "Create the incident"}
          </button>
        </div>
      </Form>
      {outcome?.preview ? <Preview preview={outcome.preview} /> : null}
    </div>
  );
}

function PreviewFrame({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="ec-preview margin-top-4" aria-labelledby={`${id}-heading`} data-testid={id}>
      <h3 className="ec-preview__title" id={`${id}-heading`}>
        {title}
      </h3>
      {/* A picture of the page, not the page: its forms and buttons do nothing here. */}
      <fieldset disabled className="ec-preview__body usa-fieldset">
        {children}
      </fieldset>
    </section>
  );
}

function Preview({ preview }: { preview: IncidentPreview }) {
  return (
    <section className="margin-top-5" aria-labelledby="preview-heading" data-testid="incident-preview">
      <h2 id="preview-heading">Preview (not saved yet)</h2>
      <p>This is what people will see. The exposure page shows a made-up sample letter. Save to publish.</p>
      {(["en", "es"] as const).map((l) => (
        <div key={l}>
          <PreviewFrame id={`preview-home-${l}`} title={`Home page, ${l === "en" ? "English" : "Spanish"}`}>
            <div lang={l}>
              <CheckPage lang={l} incident={preview.home[l]} />
            </div>
          </PreviewFrame>
          <PreviewFrame id={`preview-exposure-${l}`} title={`Exposure page, ${l === "en" ? "English" : "Spanish"} (sample letter)`}>
            <div lang={l}>
              <ExposureView lang={l} exposure={preview.exposure[l]} />
            </div>
          </PreviewFrame>
        </div>
      ))}
    </section>
  );
}
