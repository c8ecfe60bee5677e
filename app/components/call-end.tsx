import { Form } from "@remix-run/react";
import { CALL_SCRIPTS, DISPOSITION_TEXT } from "~/content/calls";
import { fill, type Lang, type TemplateVars } from "~/content/i18n";
import { CALL_NOTE_MAX_CHARS } from "~/services/calls/schemas";
import { Key } from "./key-hint";

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

/**
 * The end of an open call: before verification is recorded only "caller hung up"; after it, the
 * closing script, an optional note and one button (and one key) per disposition.
 */
export function CallEnd({ verificationPending, lang, vars }: { verificationPending: boolean; lang: Lang; vars: TemplateVars }) {
  const script = CALL_SCRIPTS[lang];
  if (verificationPending) {
    return (
      <Form method="post" className="margin-top-4 border-top-1px border-base-lighter padding-top-2" data-testid="hangup">
        <input type="hidden" name="intent" value="hangup" />
        <p>A call is ended with a disposition once verification is recorded. If the caller hangs up first:</p>
        <button type="submit" className="usa-button usa-button--outline">
          Caller hung up
        </button>
      </Form>
    );
  }
  return (
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
  );
}
