import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { AUDIT_ACTIONS } from "~/services/audit/events";
import { viewAuditTrail } from "~/services/audit/query.server";
import { auditFilterQuery, parseAuditFilters } from "~/services/audit/schemas";
import { listStaffNames } from "~/services/staff/accounts.server";
import { requireStaff } from "~/http/staff.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Audit trail · Exposure Check" }];

/** The audit trail for supervisors: filtered, paginated, newest first. The view itself is audited. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "supervisor");
  const parsed = parseAuditFilters(new URL(request.url).searchParams);
  const staff = await listStaffNames(context.app, actor);
  if (!parsed.ok) return { staff, values: parsed.values, errors: parsed.errors, result: null };
  const result = await viewAuditTrail(context.app, actor, context.meta, parsed.filters, parsed.page);
  return { staff, values: parsed.values, errors: [], result };
}

export default function AuditTrail() {
  const { staff, values, errors, result } = useLoaderData<typeof loader>();
  const query = auditFilterQuery(values);
  const has = (f: string) => errors.some((e) => e.field === f);
  const group = (f: string) => (has(f) ? "usa-form-group usa-form-group--error" : "usa-form-group");
  return (
    <div className="padding-y-4">
      <h1>Audit trail</h1>
      <p>Every staff sign-in, view, search, change, upload and export, and every patient check. Times are UTC.</p>
      <ErrorSummary heading="Check the filters" errors={errors} />
      <Form method="get" className="usa-form maxw-none" data-testid="audit-filters">
        <div className="grid-row grid-gap">
          <div className={`${group("staff")} tablet:grid-col-4`}>
            <label className="usa-label" htmlFor="staff">
              Staff member
            </label>
            <select className="usa-select" id="staff" name="staff" defaultValue={values.staff}>
              <option value="">Anyone</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.email} ({s.role})
                </option>
              ))}
            </select>
          </div>
          <div className={`${group("reference")} tablet:grid-col-4`}>
            <label className="usa-label" htmlFor="reference">
              Notice reference
            </label>
            <span className="usa-hint" id="reference-hint">
              12 digits, like 4821-0937-5562
            </span>
            <input
              className="usa-input"
              id="reference"
              name="reference"
              defaultValue={values.reference}
              aria-describedby="reference-hint"
              inputMode="numeric"
            />
          </div>
          <div className={`${group("action")} tablet:grid-col-4`}>
            <label className="usa-label" htmlFor="action">
              Event type
            </label>
            <select className="usa-select" id="action" name="action" defaultValue={values.action}>
              <option value="">Any</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </div>
          <div className={`${group("from")} tablet:grid-col-3`}>
            <label className="usa-label" htmlFor="from">
              From (date)
            </label>
            <span className="usa-hint" id="from-hint">
              YYYY-MM-DD
            </span>
            <input className="usa-input" id="from" name="from" type="date" defaultValue={values.from} aria-describedby="from-hint" />
          </div>
          <div className={`${group("to")} tablet:grid-col-3`}>
            <label className="usa-label" htmlFor="to">
              To (date, included)
            </label>
            <span className="usa-hint" id="to-hint">
              YYYY-MM-DD
            </span>
            <input className="usa-input" id="to" name="to" type="date" defaultValue={values.to} aria-describedby="to-hint" />
          </div>
        </div>
        <div className="margin-top-2">
          <button type="submit" className="usa-button">
            Show events
          </button>
          <Link to="/staff/audit" className="usa-button usa-button--outline">
            Clear filters
          </Link>
          {result ? (
            <a href={`/staff/audit/export${query}`} className="usa-button usa-button--outline" data-testid="audit-export" download>
              Export CSV ({result.total} events)
            </a>
          ) : null}
        </div>
      </Form>

      {result ? (
        <>
          <p className="margin-top-3" data-testid="audit-count">
            {result.total === 0 ? "No events match." : `${result.total} events · page ${result.page} of ${result.pageCount}`}
          </p>
          {result.rows.length > 0 ? (
            <div className="usa-table-container--scrollable" tabIndex={0}>
              <table className="usa-table usa-table--striped usa-table--compact" data-testid="audit-table">
                <caption className="usa-sr-only">Audit events, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Time (UTC)</th>
                    <th scope="col">Who</th>
                    <th scope="col">Role</th>
                    <th scope="col">Event</th>
                    <th scope="col">Subject</th>
                    <th scope="col">Reason / call</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">Address</th>
                    <th scope="col">Request</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  {result.rows.map((r) => (
                    <tr key={r.id} data-action={r.action} data-outcome={r.outcome}>
                      <td>{r.id}</td>
                      <td className="text-no-wrap">{r.at.replace("T", " ").slice(0, 19)}</td>
                      <td>{r.actor}</td>
                      <td>{r.actorRole}</td>
                      <td className="text-no-wrap">{r.action}</td>
                      <td>{r.subject}</td>
                      <td>{[r.reason, r.callReference].filter(Boolean).join(" · ")}</td>
                      <td>{r.outcome}</td>
                      <td>
                        {r.ip ? (
                          <span>{r.ip}</span>
                        ) : r.ipHash ? (
                          <span title="Kept 30 days in clear; after that a keyed hash: equal hashes, same address">hash {r.ipHash.slice(0, 8)}</span>
                        ) : null}
                      </td>
                      <td className="font-mono-3xs">{r.requestId.slice(0, 8)}</td>
                      <td className="font-mono-3xs">{r.details}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {result.pageCount > 1 ? (
            <nav aria-label="Pagination" className="usa-pagination">
              <ul className="usa-pagination__list">
                {result.page > 1 ? (
                  <li className="usa-pagination__item usa-pagination__arrow">
                    <Link
                      to={`/staff/audit${auditFilterQuery(values, result.page - 1)}`}
                      className="usa-pagination__link usa-pagination__previous-page"
                      aria-label="Previous page"
                    >
                      <span className="usa-pagination__link-text">Previous</span>
                    </Link>
                  </li>
                ) : null}
                <li className="usa-pagination__item usa-pagination__page-no">
                  <span className="usa-pagination__button usa-current" aria-current="page">
                    {result.page} of {result.pageCount}
                  </span>
                </li>
                {result.page < result.pageCount ? (
                  <li className="usa-pagination__item usa-pagination__arrow">
                    <Link
                      to={`/staff/audit${auditFilterQuery(values, result.page + 1)}`}
                      className="usa-pagination__link usa-pagination__next-page"
                      aria-label="Next page"
                    >
                      <span className="usa-pagination__link-text">Next</span>
                    </Link>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
