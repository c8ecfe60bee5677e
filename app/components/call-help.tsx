import { Form } from "@remix-run/react";
import { CALL_SCRIPTS, DISPOSITION_LABELS } from "~/content/calls";
import { fill, type Lang, type TemplateVars } from "~/content/i18n";
import type { CallHelp } from "~/services/calls/call.server";
import { formatDate } from "~/utils/format";
import { CallExposure } from "./call-exposure";

/**
 * After a passed verification: what the caller's page shows (to read aloud), the letter's state,
 * and every action (enroll, resend, unlock, email, reissue, flags), then the letter's history.
 */
export function CallHelpSection({ help, notInvolved, lang, vars }: { help: CallHelp; notInvolved: string[]; lang: Lang; vars: TemplateVars }) {
  const script = CALL_SCRIPTS[lang];
  return (
    <>
      <CallExposure lang={lang} categories={help.categories} audience={help.audience} notInvolved={notInvolved} vars={vars} />
      <section aria-labelledby="actions-heading" className="margin-top-4">
        <h2 id="actions-heading">Help the caller</h2>
        <ul className="usa-list" data-testid="notice-state">
          <li>
            Letter from {help.organizationName}, dated {formatDate(help.letterDate, "en")}.
          </li>
          <li data-testid="lock-state">
            {help.lockHeld
              ? "Online check held after repeated wrong dates of birth: it stays locked until you unlock it for a verified caller."
              : help.lockedUntil
                ? `Online check locked until ${help.lockedUntil.slice(11, 16)} UTC on ${help.lockedUntil.slice(0, 10)}.`
                : "Online check not locked."}
          </li>
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
  );
}
