import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CallExposure } from "~/components/call-exposure";
import { CALL_MESSAGES, CALL_SCRIPTS, DISPOSITION_LABELS, DISPOSITION_TEXT } from "~/content/calls";
import { fill } from "~/content/i18n";
import { performCallAction } from "~/services/calls/actions.server";
import { getCallPage } from "~/services/calls/call.server";
import { CALL_NOTE_MAX_CHARS, CallIdSchema, parseCallAction } from "~/services/calls/schemas";
import { requireStaff } from "~/http/staff.server";
import { formatDate } from "~/utils/format";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Call · Exposure Check staff" }];
export const headers = () => ({ "Cache-Control": "no-store" });

function callIdOf(params: Record<string, string | undefined>): string {
  const id = CallIdSchema.safeParse(params.callId);
  if (!id.success) throw new Response("No such call.", { status: 404 });
  return id.data;
}

/**
 * One call. Before a passed verification: `verify-caller` only (the facts to compare, the script,
 * pass/fail). After: what the patient sees, the actions, the history. Every read is audited by
 * the service. Another agent's call, or no call: 404.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "agent");
  const page = await getCallPage(context.app, actor, context.meta, callIdOf(params));
  if (!page) throw new Response("No such call.", { status: 404 });
  return { page, role: actor.role };
}

/**
 * Posts with `intent` (DESIGN.md "Call-center console"). Any action before a passed verification
 * answers 403, except verify, language, hangup (the caller hung up) and, after a failed
 * verification, end. Done → 303 back to the call
 * (end → to the lookup page); bad input → 400; an ended call → 409.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireStaff(request, context, "agent");
  const callId = callIdOf(params);
  const parsed = parseCallAction(await request.formData());
  if (!parsed.ok) return data({ problem: parsed.problem, intent: parsed.intent }, { status: 400 });
  const result = await performCallAction(context.app, actor, context.meta, callId, parsed.action);
  switch (result.kind) {
    case "notFound":
      throw new Response("No such call.", { status: 404 });
    case "unverified":
      return data({ problem: "unverified", intent: parsed.action.intent }, { status: 403 });
    case "ended":
      return data({ problem: "ended", intent: parsed.action.intent }, { status: 409 });
    case "problem":
      return data({ problem: result.message, intent: parsed.action.intent }, { status: 400 });
    case "done":
      return redirect(result.ended ? "/staff/calls?ended=1" : `/staff/calls/${callId}?done=${encodeURIComponent(result.message)}`, 303);
  }
}

const PROBLEM_TEXT: Record<string, string> = {
  unverified: "Verify the caller first. Nothing can be done on this letter before that.",
  ended: "This call has ended.",
};

function Message({ keyName }: { keyName: string | null }) {
  if (!keyName) return null;
  const m = CALL_MESSAGES[keyName] ?? (PROBLEM_TEXT[keyName] ? { text: PROBLEM_TEXT[keyName]!, tone: "error" as const } : null);
  if (!m) return null;
  return (
    <div
      className={`usa-alert usa-alert--${m.tone} usa-alert--slim margin-bottom-3`}
      role={m.tone === "error" ? "alert" : "status"}
      data-testid="call-message"
      data-message={keyName}
    >
      <div className="usa-alert__body">
        <p className="usa-alert__text">{m.text}</p>
      </div>
    </div>
  );
}

function Key({ k }: { k: string }) {
  return (
    <span className="ec-key" aria-hidden="true">
      {k}
    </span>
  );
}

/**
 * One key per disposition, once the focus is in the end-call form but not in the note (so typing a
 * note never ends a call; WCAG 2.1.4: a character shortcut active only on focus). Without
 * JavaScript the buttons' `accesskey` (Alt + number) does the same.
 */
function dispositionKey(event: React.KeyboardEvent<HTMLFormElement>) {
  const target = event.target as HTMLElement;
  if (event.altKey || event.ctrlKey || event.metaKey || target.closest("textarea, input, select")) return;
  const entry = Object.entries(DISPOSITION_TEXT).find(([, d]) => d.key === event.key);
  if (!entry) return;
  const button = event.currentTarget.querySelector<HTMLButtonElement>(`button[value="${entry[0]}"]`);
  if (!button) return;
  event.preventDefault();
  button.click();
}

export default function CallPage() {
  const { page } = useLoaderData<typeof loader>();
  const problem = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { call, verify, help } = page;
  const lang = call.language;
  const script = CALL_SCRIPTS[lang];
  const inc = help?.incident;
  const facts = page.script;
  const vars = {
    organization: facts.breachedEntity,
    vendor: facts.partnerName,
    months: facts.offerMonths,
    date: formatDate(facts.enrollBy, lang),
    phone: facts.tollFreePhone,
    hours: inc?.phoneHours[lang] ?? "",
  };
  const open = !call.endedAt;
  return (
    <div className="padding-y-4" data-testid="call-page" data-verification={call.verification}>
      <p>
        <Link to="/staff/calls">All calls</Link>
      </p>
      <h1 className="margin-bottom-1">Call {call.callReference}</h1>
      <p className="margin-top-0">
        Letter <strong data-testid="call-notice-reference">{call.referenceNumber}</strong> · started {call.startedAt.slice(11, 16)} UTC · reason: {call.reason}
      </p>
      <Message keyName={problem?.problem ?? params.get("done")} />

      {!open ? (
        <div className="usa-alert usa-alert--info" data-testid="call-closed">
          <div className="usa-alert__body">
            <p className="usa-alert__text">This call ended: {DISPOSITION_LABELS[call.disposition ?? "other"]}.</p>
          </div>
        </div>
      ) : (
        <Form method="post" className="margin-bottom-3" aria-label="Script language">
          <input type="hidden" name="intent" value="language" />
          <span className="margin-right-1">Caller's language:</span>
          <button
            type="submit"
            name="lang"
            value="en"
            className={`usa-button ${lang === "en" ? "" : "usa-button--outline"} usa-button--small`}
            aria-pressed={lang === "en"}
          >
            English
          </button>
          <button
            type="submit"
            name="lang"
            value="es"
            className={`usa-button ${lang === "es" ? "" : "usa-button--outline"} usa-button--small`}
            aria-pressed={lang === "es"}
          >
            Español
          </button>
        </Form>
      )}

      {verify ? (
        <section data-testid="verify-caller" aria-labelledby="verify-heading" className="margin-bottom-4">
          <h2 id="verify-heading">Verify the caller</h2>
          <div className="ec-script" lang={lang}>
            <span className="usa-tag margin-right-1">Read aloud</span>
            {fill(script.greeting, vars)}
            <ol className="usa-list">
              {script.verify.map((q) => (
                <li key={q}>{q}</li>
              ))}
            </ol>
          </div>
          <p className="text-bold">Compare what the caller says with the letter. Never read these out.</p>
          <table className="usa-table usa-table--borderless">
            <caption className="usa-sr-only">The letter's details, for comparison</caption>
            <tbody>
              <tr>
                <th scope="row">Name</th>
                <td>{verify.fullName}</td>
              </tr>
              <tr>
                <th scope="row">Date of birth</th>
                <td>{verify.dateOfBirth}</td>
              </tr>
              <tr>
                <th scope="row">Postal address</th>
                <td>
                  {verify.addressLines.map((l) => (
                    <span key={l} className="display-block">
                      {l}
                    </span>
                  ))}
                </td>
              </tr>
              <tr>
                <th scope="row">Letter to</th>
                <td>
                  {verify.audience === "minor"
                    ? "a parent or guardian (minor's letter)"
                    : verify.audience === "deceased"
                      ? "the next of kin (deceased)"
                      : "the person"}
                </td>
              </tr>
            </tbody>
          </table>
          {call.verifyFailures > 0 ? (
            <p className="ec-script" lang={lang}>
              {script.verifyFailed}
            </p>
          ) : null}
          {call.canVerify ? (
            <Form method="post" className="display-flex flex-wrap ec-gap-3">
              <input type="hidden" name="intent" value="verify" />
              <button type="submit" name="outcome" value="pass" className="usa-button" accessKey="v" data-testid="verify-pass">
                <Key k="V" />
                All three match: verified
              </button>
              <button type="submit" name="outcome" value="fail" className="usa-button usa-button--secondary" accessKey="x" data-testid="verify-fail">
                <Key k="X" />
                Does not match
              </button>
            </Form>
          ) : (
            <p>Verification cannot be retried on this call. End the call.</p>
          )}
        </section>
      ) : null}

      {help && inc ? (
        <>
          <CallExposure lang={lang} categories={help.categories} audience={help.audience} notInvolved={inc.notInvolved[lang]} vars={vars} />
          <section aria-labelledby="actions-heading" className="margin-top-4">
            <h2 id="actions-heading">Help the caller</h2>
            <ul className="usa-list" data-testid="notice-state">
              <li>
                Letter from {help.organizationName}, dated {formatDate(help.letterDate, "en")}.
              </li>
              <li>{help.lockedUntil ? `Online check locked until ${help.lockedUntil.slice(11, 16)} UTC.` : "Online check not locked."}</li>
              <li>
                Enrollment:{" "}
                {help.enrollment
                  ? `${help.enrollment.status} (${help.enrollment.channel.replace("_", " ")})${help.enrollment.emailOnFile ? ", email on file" : ", no email"}`
                  : "not enrolled"}
                .
              </li>
              {help.fraudFlagged ? <li className="text-bold">Flagged: suspected fraud. No code works online until a letter is reissued.</li> : null}
              {help.reprintPending ? <li>A reissued letter is waiting to be printed.</li> : null}
            </ul>

            {help.offer === "open" && !help.enrollment ? (
              <Form method="post" className="usa-form margin-bottom-3" data-testid="enroll-form">
                <h3>Enroll in monitoring</h3>
                <p className="ec-script" lang={lang}>
                  <span className="usa-tag margin-right-1">Read aloud</span>
                  {fill(script.offer, vars)} {fill(script.consent, vars)}
                </p>
                <input type="hidden" name="intent" value="enroll" />
                <div className="usa-checkbox">
                  <input className="usa-checkbox__input" id="verbalConsent" type="checkbox" name="verbalConsent" value="yes" />
                  <label className="usa-checkbox__label" htmlFor="verbalConsent">
                    The caller said yes to the terms
                  </label>
                </div>
                {help.audience === "minor" ? (
                  <>
                    <label className="usa-label" htmlFor="guardianName">
                      Parent or guardian's name
                    </label>
                    <input className="usa-input" id="guardianName" name="guardianName" maxLength={120} autoComplete="off" />
                  </>
                ) : null}
                <label className="usa-label" htmlFor="enroll-email">
                  Email for the confirmation (optional)
                </label>
                <input className="usa-input" id="enroll-email" name="email" type="email" maxLength={254} autoComplete="off" />
                <button type="submit" className="usa-button margin-top-2" data-testid="enroll-submit">
                  Enroll
                </button>
              </Form>
            ) : help.offer !== "open" && !help.enrollment ? (
              <p>Enrollment is not offered for this letter ({help.offer}).</p>
            ) : null}

            <div className="display-flex flex-wrap ec-gap-3 margin-bottom-3">
              {help.enrollment?.status === "enrolled" ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="resend" />
                  <button type="submit" className="usa-button usa-button--outline">
                    Resend confirmation email
                  </button>
                </Form>
              ) : null}
              {help.lockedUntil ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="unlock" />
                  <button type="submit" className="usa-button" data-testid="unlock">
                    Unlock online check
                  </button>
                </Form>
              ) : null}
            </div>

            <Form method="post" className="usa-form margin-bottom-3">
              <input type="hidden" name="intent" value="email" />
              <label className="usa-label" htmlFor="change-email">
                Change the email address
              </label>
              <input className="usa-input" id="change-email" name="email" type="email" maxLength={254} autoComplete="off" required />
              <button type="submit" className="usa-button usa-button--outline margin-top-1">
                Save email
              </button>
            </Form>

            <Form method="post" className="margin-bottom-3">
              <h3>Lost letter</h3>
              <p className="ec-script" lang={lang}>
                <span className="usa-tag margin-right-1">Read aloud</span>
                {script.lostLetter}
              </p>
              <input type="hidden" name="intent" value="reissue" />
              <button type="submit" className="usa-button usa-button--outline" data-testid="reissue">
                Reissue letter with a new code
              </button>
            </Form>

            <Form method="post" className="margin-bottom-3">
              <h3>Flag this letter</h3>
              <p className="usa-hint">
                Suspected fraud stops every code online until a letter is reissued. Deceased makes the page speak to the next of kin and stops enrollment.
              </p>
              <input type="hidden" name="intent" value="flag" />
              <div className="display-flex flex-wrap ec-gap-3">
                <button type="submit" name="flag" value="fraud" className="usa-button usa-button--secondary">
                  Suspected fraud
                </button>
                <button type="submit" name="flag" value="deceased" className="usa-button usa-button--outline">
                  Person has died
                </button>
              </div>
            </Form>

            <details className="margin-bottom-3">
              <summary>
                History of this letter ({help.history.length} events, {help.earlierCalls.length} earlier calls)
              </summary>
              <table className="usa-table usa-table--compact" data-testid="notice-history">
                <caption>Events, newest first (no personal details)</caption>
                <thead>
                  <tr>
                    <th scope="col">When (UTC)</th>
                    <th scope="col">What</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">By</th>
                  </tr>
                </thead>
                <tbody>
                  {help.history.map((h, i) => (
                    <tr key={`${h.at}-${i}`}>
                      <td>{h.at.slice(0, 16).replace("T", " ")}</td>
                      <td>{h.action}</td>
                      <td>{h.outcome}</td>
                      <td>{h.by}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {help.earlierCalls.length ? (
                <ul className="usa-list">
                  {help.earlierCalls.map((c) => (
                    <li key={c.startedAt}>
                      {c.startedAt.slice(0, 16).replace("T", " ")}: {DISPOSITION_LABELS[c.disposition ?? "open"]}
                    </li>
                  ))}
                </ul>
              ) : null}
            </details>
          </section>
        </>
      ) : null}

      {open && call.verification === "pending" ? (
        <Form method="post" className="margin-top-4 border-top-1px border-base-lighter padding-top-2" data-testid="hangup">
          <input type="hidden" name="intent" value="hangup" />
          <p>A call is ended with a disposition once verification is recorded. If the caller hangs up first:</p>
          <button type="submit" className="usa-button usa-button--outline">
            Caller hung up
          </button>
        </Form>
      ) : null}

      {open && call.verification !== "pending" ? (
        <Form
          method="post"
          className="usa-form maxw-full margin-top-4 border-top-1px border-base-lighter padding-top-2"
          data-testid="end-call"
          onKeyDown={dispositionKey}
        >
          <h2>End the call</h2>
          <p className="ec-script" lang={lang}>
            <span className="usa-tag margin-right-1">Read aloud</span>
            {fill(script.closing, vars)}
          </p>
          <input type="hidden" name="intent" value="end" />
          <label className="usa-label" htmlFor="note">
            Note (optional)
          </label>
          <span className="usa-hint" id="note-hint">
            No personal data: no names, dates, addresses, codes or numbers. {CALL_NOTE_MAX_CHARS} characters at most.
          </span>
          <textarea className="usa-textarea" id="note" name="note" maxLength={CALL_NOTE_MAX_CHARS} rows={2} aria-describedby="note-hint" />
          <p className="text-bold margin-bottom-1" id="disposition-help">
            Disposition (ends the call). Shortcut: Tab from the note, then press the number; or Alt + the number from anywhere.
          </p>
          <div className="ec-dispositions" role="group" aria-label="Disposition">
            {Object.entries(DISPOSITION_TEXT).map(([value, d]) => (
              <button
                key={value}
                type="submit"
                name="disposition"
                value={value}
                accessKey={d.key}
                className="usa-button usa-button--outline"
                data-testid={`disposition-${value}`}
              >
                <Key k={d.key} />
                {d.label}
              </button>
            ))}
          </div>
        </Form>
      ) : null}
    </div>
  );
}
