import { useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { fill, type Lang } from "~/content/i18n";
import { SESSION_TEXT } from "~/content/pages";

/** How long before the end the warning appears (WCAG 2.2.1 asks for at least 20 seconds). */
export const WARN_BEFORE_MS = 2 * 60 * 1000;

export type SessionTimeoutProps = { lang: Lang; timeout: { secondsLeft: number; canExtend: boolean } };

function clockTime(ms: number, lang: Lang): string {
  return new Date(ms).toLocaleTimeString(lang === "es" ? "es-US" : "en-US", { hour: "numeric", minute: "2-digit" });
}

/**
 * The patient session's time limit, on every patient page (issue 16, item 6).
 *
 * Without JavaScript: a box says the rule and how many minutes after the page opened the session
 * ends, and "I'm still here" is a plain form (POST /session/extend, then back to this page).
 * With JavaScript: the box shows the reader's own clock time; two minutes before the end a
 * non-modal dialog appears (announced politely; focus moves to its button unless the person is
 * typing in a field) whose button extends the session without leaving the page; at the end the
 * page signs out through the ordinary sign-out form and lands on a page that says why.
 */
export function SessionTimeout({ lang, timeout }: SessionTimeoutProps) {
  const t = SESSION_TEXT[lang];
  const location = useLocation();
  const fetcher = useFetcher<{ timeout?: { secondsLeft: number; canExtend: boolean } }>();
  const [hydrated, setHydrated] = useState(false);
  const [deadline, setDeadline] = useState<number | null>(null);
  const [canExtend, setCanExtend] = useState(timeout.canExtend);
  const [phase, setPhase] = useState<"quiet" | "warning" | "extended">("quiet");
  const signOutRef = useRef<HTMLFormElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  // A (re)loaded page or a successful extension restarts the count from the server's figure.
  useEffect(() => {
    setHydrated(true);
    setDeadline(Date.now() + timeout.secondsLeft * 1000);
    setCanExtend(timeout.canExtend);
    // (After "I'm still here" the page's data is reloaded too: keep the thank-you.)
    setPhase((p) => (p === "warning" ? "quiet" : p));
  }, [timeout]);
  const extended = fetcher.data?.timeout;
  useEffect(() => {
    if (!extended) return;
    setDeadline(Date.now() + extended.secondsLeft * 1000);
    setCanExtend(extended.canExtend);
    setPhase("extended");
    returnFocus.current?.focus();
  }, [extended]);

  useEffect(() => {
    if (deadline === null) return;
    const tick = () => {
      const left = deadline - Date.now();
      if (left <= 0) {
        signOutRef.current?.submit();
        return;
      }
      if (left <= WARN_BEFORE_MS) setPhase((p) => (p === "warning" ? p : "warning"));
    };
    tick();
    const id = window.setInterval(tick, 1000);
    return () => window.clearInterval(id);
  }, [deadline]);

  useEffect(() => {
    if (phase !== "warning") return;
    const active = document.activeElement as HTMLElement | null;
    const typing = active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName);
    if (!typing) {
      returnFocus.current = active && active !== document.body ? active : null;
      buttonRef.current?.focus();
    }
  }, [phase]);

  const minutes = Math.max(1, Math.ceil(timeout.secondsLeft / 60));
  const time = deadline === null ? "" : clockTime(deadline, lang);
  const next = `${location.pathname}${location.search}`;

  return (
    <>
      <section
        className="ec-session-box ec-noprint margin-top-4 padding-2 bg-base-lightest radius-md"
        aria-labelledby="session-heading"
        data-testid="session-box"
      >
        <h2 id="session-heading" className="font-heading-md margin-top-0">
          {t.box.heading}
        </h2>
        <p>{t.box.rule}</p>
        <p data-testid="session-ends">{hydrated && time ? fill(t.box.endsAt, { time }) : fill(t.box.endsNoClock, { minutes })}</p>
        {canExtend ? (
          <fetcher.Form method="post" action="/session/extend">
            <input type="hidden" name="next" value={next} />
            {hydrated ? <input type="hidden" name="js" value="1" /> : null}
            <button type="submit" className="usa-button usa-button--outline" data-testid="session-extend">
              {t.box.button}
            </button>
          </fetcher.Form>
        ) : (
          <p>{t.box.limit}</p>
        )}
      </section>
      <div aria-live="polite" className="usa-sr-only" data-testid="session-live">
        {phase === "warning" ? `${t.warning.heading} ${fill(canExtend ? t.warning.body : t.warning.limitBody, { time })}` : null}
        {phase === "extended" ? t.warning.extended : null}
      </div>
      {phase === "warning" ? (
        <div
          role="dialog"
          aria-modal="false"
          aria-labelledby="timeout-heading"
          aria-describedby="timeout-body"
          className="ec-timeout ec-noprint"
          data-testid="timeout-warning"
        >
          <h2 id="timeout-heading" className="font-heading-lg margin-top-0">
            {t.warning.heading}
          </h2>
          <p id="timeout-body">{fill(canExtend ? t.warning.body : t.warning.limitBody, { time })}</p>
          {canExtend ? (
            <fetcher.Form method="post" action="/session/extend">
              <input type="hidden" name="next" value={next} />
              <input type="hidden" name="js" value="1" />
              <button ref={buttonRef} type="submit" className="usa-button" data-testid="timeout-extend">
                {t.warning.button}
              </button>
            </fetcher.Form>
          ) : null}
        </div>
      ) : null}
      {/* At the end: the ordinary sign-out, which lands on the page that says why. */}
      <form ref={signOutRef} method="post" action={`/signout?why=${canExtend ? "idle" : "limit"}`} hidden />
    </>
  );
}
