import { Link } from "@remix-run/react";

/**
 * HIPAA substitute notice (45 CFR 164.404(d)(2)): when 10 or more people could not be reached by
 * mail, the covered entity owes a conspicuous 90-day notice on its home page (or major media) and a
 * toll-free number active for at least 90 days.
 */
export function SubstituteNoticeBanner({
  returned,
  threshold,
  tollFreePhone,
  linkToReturnedMail = false,
}: {
  returned: number;
  threshold: number;
  tollFreePhone?: string | null;
  linkToReturnedMail?: boolean;
}) {
  return (
    <div className="usa-alert usa-alert--warning margin-y-3" role="region" aria-labelledby="substitute-notice-heading" data-testid="substitute-notice">
      <div className="usa-alert__body">
        <h2 className="usa-alert__heading" id="substitute-notice-heading">
          Substitute notice required
        </h2>
        <p className="usa-alert__text">
          {returned.toLocaleString("en-US")} people could not be reached by mail ({threshold} or more). HIPAA requires a substitute notice: a conspicuous notice
          on the web site for 90 days (or in major print or broadcast media where they live), and a toll-free number
          {tollFreePhone ? ` (${tollFreePhone})` : ""} that works for at least 90 days.
          {linkToReturnedMail ? (
            <>
              {" "}
              <Link to="/admin/returned-mail">Returned mail</Link>
            </>
          ) : null}
        </p>
      </div>
    </div>
  );
}
