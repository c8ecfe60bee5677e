import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { LOOKUP_ERRORS, LOOKUP_REASONS } from "~/content/calls";
import { closeAbandonedCalls } from "~/services/calls/abandoned.server";
import { listOpenCalls } from "~/services/calls/call.server";
import { lookupCaller } from "~/services/calls/lookup.server";
import { CALL_REFERENCE_MAX_CHARS, parseLookupForm, type LookupFormErrors, type LookupFormValues } from "~/services/calls/schemas";
import { requireStaff } from "~/http/staff.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Calls · Exposure Check staff" }];

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const h = new Headers({ "Cache-Control": "no-store" });
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) h.set("Retry-After", retryAfter);
  return h;
};

/** The agent's start page: the lookup form and their calls still open. No personal data. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "agent");
  await closeAbandonedCalls(context.app);
  return { openCalls: await listOpenCalls(context.app, actor), limitPerHour: context.app.config.callLookupsPerHour };
}

type LookupOutcome =
  | { kind: "invalid"; errors: LookupFormErrors; values: LookupFormValues }
  | { kind: "result"; matches: "0" | "many"; values: LookupFormValues }
  | { kind: "refused"; retryAfterSeconds: number; values: LookupFormValues };

/**
 * POST the lookup (DESIGN.md "Call-center console"): one match → 303 to the call; none or several
 * → 200 with `lookup-result` (data-matches "0" | "many") and nobody's data; bad input → 400;
 * over the hourly limit → 429 with Retry-After.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireStaff(request, context, "agent");
  const form = await request.formData();
  const parsed = parseLookupForm(form);
  // Only the call reference and reason come back into the form; never the search terms.
  const kept: LookupFormValues = { ...parsed.values, referenceNumber: "", activationCode: "", lastName: "", dateOfBirth: "", zip: "" };
  if (!parsed.input) return data<LookupOutcome>({ kind: "invalid", errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await lookupCaller(context.app, actor, context.meta, parsed.input);
  switch (result.kind) {
    case "found":
      return redirect(`/staff/calls/${result.callId}`, 303);
    case "refused":
      return data<LookupOutcome>(
        { kind: "refused", retryAfterSeconds: result.retryAfterSeconds, values: kept },
        { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
    default:
      return data<LookupOutcome>({ kind: "result", matches: result.kind === "many" ? "many" : "0", values: kept });
  }
}

function Field({
  name,
  label,
  hint,
  error,
  value,
  ...rest
}: { name: keyof LookupFormValues; label: string; hint?: string; error?: string; value: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className={`usa-form-group${error ? " usa-form-group--error" : ""}`}>
      <label className="usa-label" htmlFor={name}>
        {label}
      </label>
      {hint ? (
        <span className="usa-hint" id={`${name}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="usa-error-message" id={`${name}-error`}>
          {error}
        </span>
      ) : null}
      <input
        className={`usa-input${error ? " usa-input--error" : ""}`}
        id={name}
        name={name}
        defaultValue={value}
        autoComplete="off"
        aria-describedby={[hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined}
        {...rest}
      />
    </div>
  );
}

export default function CallsPage() {
  const { openCalls, limitPerHour } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const [params] = useSearchParams();
  const values: Partial<LookupFormValues> = outcome?.values ?? {};
  const errors = outcome?.kind === "invalid" ? outcome.errors : [];
  const errorFor = (f: string) => {
    const e = errors.find((x) => x.field === f);
    return e ? (LOOKUP_ERRORS[e.message] ?? e.message) : undefined;
  };
  return (
    <div className="padding-y-4">
      <h1>Calls</h1>
      {params.get("ended") ? (
        <div className="usa-alert usa-alert--success usa-alert--slim margin-bottom-3" role="status" data-testid="call-ended">
          <div className="usa-alert__body">
            <p className="usa-alert__text">Call ended and recorded. Ready for the next caller.</p>
          </div>
        </div>
      ) : null}
      <ErrorSummary
        heading="Check the form"
        errors={errors.map((e) => ({ field: e.field === "form" ? "referenceNumber" : e.field, message: LOOKUP_ERRORS[e.message] ?? e.message }))}
      />
      {outcome?.kind === "result" ? (
        <div className="usa-alert usa-alert--warning margin-bottom-3" role="status" data-testid="lookup-result" data-matches={outcome.matches}>
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">{outcome.matches === "0" ? "No letter found" : "More than one letter matches"}</h2>
            <p className="usa-alert__text">
              {outcome.matches === "0"
                ? "Nothing matches exactly. Check the spelling with the caller, or ask for the reference number printed on the letter."
                : "Several people match these details, so none is shown. Ask the caller for the reference number printed on the letter."}
            </p>
          </div>
        </div>
      ) : null}
      {outcome?.kind === "refused" ? (
        <div className="usa-alert usa-alert--error margin-bottom-3" role="alert" data-testid="lookup-refused">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">Lookup limit reached</h2>
            <p className="usa-alert__text">
              You have made more lookups this hour than allowed ({limitPerHour}). Your supervisor has been alerted. You can look up again in{" "}
              {Math.ceil(outcome.retryAfterSeconds / 60)} minutes.
            </p>
          </div>
        </div>
      ) : null}

      <Form method="post" className="usa-form maxw-tablet" data-testid="lookup-form" noValidate>
        <h2>Find the caller's letter</h2>
        <Field
          name="callReference"
          label="Call reference (from the phone system)"
          value={values.callReference ?? ""}
          maxLength={CALL_REFERENCE_MAX_CHARS}
          required
          error={errorFor("callReference")}
          autoFocus
        />
        <div className={`usa-form-group${errorFor("reason") ? " usa-form-group--error" : ""}`}>
          <label className="usa-label" htmlFor="reason">
            Reason for the lookup
          </label>
          {errorFor("reason") ? (
            <span className="usa-error-message" id="reason-error">
              {errorFor("reason")}
            </span>
          ) : null}
          <select className="usa-select" id="reason" name="reason" defaultValue={values.reason ?? LOOKUP_REASONS[0]} required>
            {LOOKUP_REASONS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="usa-fieldset margin-top-3">
          <legend className="usa-legend usa-legend--large">Use one way to find the letter</legend>
          <p className="usa-hint">Exact matches only. Type what the caller reads or says; never guess.</p>
          <Field
            name="referenceNumber"
            label="Reference number (on the letter)"
            hint="12 digits, for example 4821-0937-5562"
            value=""
            inputMode="numeric"
            maxLength={20}
            error={errorFor("form")}
          />
          <Field name="activationCode" label="Or: activation code" hint="16 characters" value="" maxLength={24} />
          <p className="text-bold margin-bottom-0">Or: last name, date of birth and ZIP code</p>
          <Field name="lastName" label="Last name" value="" maxLength={80} error={errorFor("lastName")} />
          <Field name="dateOfBirth" label="Date of birth" hint="YYYY-MM-DD" value="" maxLength={10} error={errorFor("dateOfBirth")} />
          <Field name="zip" label="ZIP code" value="" inputMode="numeric" maxLength={10} error={errorFor("zip")} />
        </fieldset>
        <button type="submit" className="usa-button margin-top-3" data-testid="lookup-submit">
          Find letter
        </button>
      </Form>

      <h2 className="margin-top-5">Your open calls</h2>
      {openCalls.length ? (
        <ul className="usa-list" data-testid="open-calls">
          {openCalls.map((c) => (
            <li key={c.id}>
              <Link to={`/staff/calls/${c.id}`}>Call {c.callReference}</Link> — started {c.startedAt.slice(11, 16)} UTC, verification {c.verification}
            </li>
          ))}
        </ul>
      ) : (
        <p>None. End every call with a disposition; calls left open are closed as abandoned when you sign out.</p>
      )}
      <p className="usa-hint">You can make {limitPerHour} lookups an hour. Past that you are slowed down, then stopped, and your supervisor is told.</p>
    </div>
  );
}
