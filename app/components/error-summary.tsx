/**
 * USWDS error summary: a focusable alert at the top of a form that lists each problem and links to
 * its field. Screen readers announce it (role="alert"); each link moves focus to the input.
 */
export function ErrorSummary({ heading, errors }: { heading: string; errors: { field: string; message: string }[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="usa-alert usa-alert--error margin-bottom-3" role="alert" aria-labelledby="error-summary-heading" tabIndex={-1} data-testid="error-summary">
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
