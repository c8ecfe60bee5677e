import { useEffect, useRef } from "react";
import { setErrorTitle } from "~/utils/error-title";

/**
 * USWDS error summary: a focusable alert at the top of a form that lists each problem and links to
 * its field. Screen readers announce it (role="alert"); each link moves focus to the input. It
 * takes focus when it appears (autofocus on a page load without JavaScript, an effect after a
 * JavaScript submission) and puts "Error: " before the page title while it is shown.
 */
export function ErrorSummary({ heading, errors }: { heading: string; errors: { field: string; message: string }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const signature = errors.map((e) => `${e.field}:${e.message}`).join("|");
  useEffect(() => {
    if (!signature) return;
    ref.current?.focus();
    setErrorTitle(true);
    return () => setErrorTitle(false);
  }, [signature]);
  if (errors.length === 0) return null;
  return (
    <div
      ref={ref}
      className="usa-alert usa-alert--error margin-bottom-3"
      role="alert"
      aria-labelledby="error-summary-heading"
      tabIndex={-1}
      autoFocus
      data-testid="error-summary"
    >
      <div className="usa-alert__body">
        <h2 className="usa-alert__heading" id="error-summary-heading">
          {heading}
        </h2>
        <ul className="usa-list usa-list--unstyled">
          {errors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              <a href={`#${e.field}`}>{e.message}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
