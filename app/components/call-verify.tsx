import { Form } from "@remix-run/react";
import { CALL_SCRIPTS } from "~/content/calls";
import { fill, type Lang, type TemplateVars } from "~/content/i18n";
import type { CallSummary, VerifyFacts } from "~/services/calls/call.server";
import { Key } from "./key-hint";

/**
 * Before a passed verification, all the agent sees: the script's questions, the letter's facts to
 * compare (never read out), and pass/fail (DESIGN.md "Call-center console"; decision 060).
 */
export function CallVerify({
  verify,
  call,
  lang,
  vars,
}: {
  verify: VerifyFacts;
  call: Pick<CallSummary, "verifyFailures" | "canVerify">;
  lang: Lang;
  vars: TemplateVars;
}) {
  const script = CALL_SCRIPTS[lang];
  return (
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
  );
}
