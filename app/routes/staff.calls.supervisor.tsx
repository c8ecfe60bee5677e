import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/bar-chart";
import { DISPOSITION_LABELS, DISPOSITION_SHORT } from "~/content/calls";
import { getCallCenterOverview } from "~/services/calls/supervisor.server";
import { requireStaff } from "~/http/staff.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Call center · Exposure Check staff" }];
export const headers = () => ({ "Cache-Control": "no-store" });

/** The supervisor's view (role supervisor and up). Audited by the service. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "supervisor");
  return { overview: await getCallCenterOverview(context.app, actor, context.meta) };
}

function minutes(seconds: number | null): string {
  if (seconds === null) return "no ended calls yet";
  const m = Math.floor(seconds / 60);
  return `${m} min ${seconds % 60} s`;
}

export default function SupervisorPage() {
  const { overview: o } = useLoaderData<typeof loader>();
  return (
    <div className="padding-y-4">
      <h1>Call center</h1>
      {o.alerts.length ? (
        <div className="usa-alert usa-alert--error margin-bottom-3" role="alert" data-testid="lookup-alerts">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">Lookup limit alerts (last 24 hours)</h2>
            <ul className="usa-list">
              {o.alerts.map((a) => (
                <li key={`${a.email}-${a.at}`}>
                  {a.email} went past {a.limitPerHour} lookups an hour at {a.at.slice(11, 16)} UTC ({a.at.slice(0, 10)}).
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      {o.heldNotices.length ? (
        <div className="usa-alert usa-alert--error margin-bottom-3" role="alert" data-testid="held-alerts">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">Letters held after repeated guessing (last 24 hours)</h2>
            <p className="usa-alert__text">
              Someone entered a wrong date of birth for these letters again and again. Their online check stays locked until an agent unlocks it for a caller
              who passed verification.
            </p>
            <ul className="usa-list">
              {o.heldNotices.map((h) => (
                <li key={`${h.referenceNumber}-${h.at}`}>
                  <Link to={`/staff/audit?reference=${h.referenceNumber}`}>{h.referenceNumber}</Link> held at {h.at.slice(11, 16)} UTC ({h.at.slice(0, 10)})
                  {h.stillHeld ? "" : ", since unlocked"}.
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      <ul className="usa-card-group">
        <li className="usa-card tablet:grid-col-4">
          <div className="usa-card__container">
            <div className="usa-card__body">
              <p className="font-heading-xl margin-y-1" data-testid="calls-total">
                {o.callsTotal}
              </p>
              <p>calls in the last 24 hours</p>
            </div>
          </div>
        </li>
        <li className="usa-card tablet:grid-col-4">
          <div className="usa-card__container">
            <div className="usa-card__body">
              <p className="font-heading-xl margin-y-1" data-testid="average-handling">
                {minutes(o.averageHandlingSeconds)}
              </p>
              <p>average handling time (ended calls, abandoned left out)</p>
            </div>
          </div>
        </li>
        <li className="usa-card tablet:grid-col-4">
          <div className="usa-card__container">
            <div className="usa-card__body">
              <p className="font-heading-xl margin-y-1">{o.agentsSignedIn.length}</p>
              <p>agents and supervisors signed in</p>
            </div>
          </div>
        </li>
      </ul>

      <h2>Calls per hour</h2>
      <BarChart
        id="calls-per-hour"
        title="Calls per hour, last 24 hours (UTC)"
        description="Number of calls started in each hour"
        points={o.callsPerHour}
        tickLabel={(l) => `${l.slice(11, 13)}:00`}
      />
      <table className="usa-table usa-table--compact usa-sr-only">
        <caption>Calls per hour</caption>
        <tbody>
          {o.callsPerHour.map((p) => (
            <tr key={p.label}>
              <th scope="row">{p.label.replace("T", " ")}:00</th>
              <td>{p.value}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Calls per disposition</h2>
      <BarChart
        id="calls-per-disposition"
        title="Calls per disposition, last 24 hours"
        description="Number of calls by how they ended"
        points={o.perDisposition.map((p) => ({ label: p.label, value: p.value }))}
        tickLabel={(l) => DISPOSITION_SHORT[l] ?? l}
        color="#00a398"
      />
      <table className="usa-table usa-table--compact" data-testid="per-disposition">
        <caption>Calls per disposition, last 24 hours</caption>
        <tbody>
          {o.perDisposition.map((p) => (
            <tr key={p.label}>
              <th scope="row">{DISPOSITION_LABELS[p.label] ?? p.label}</th>
              <td>{p.value}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Signed in now</h2>
      <table className="usa-table usa-table--compact" data-testid="agents-signed-in">
        <thead>
          <tr>
            <th scope="col">Staff member</th>
            <th scope="col">Role</th>
            <th scope="col">Open calls</th>
            <th scope="col">Last active (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {o.agentsSignedIn.map((a) => (
            <tr key={a.email}>
              <td>{a.email}</td>
              <td>{a.role}</td>
              <td>{a.openCalls}</td>
              <td>{a.lastSeenAt.slice(11, 16)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Unusual activity (last hour)</h2>
      {o.unusual.length ? (
        <ul className="usa-list" data-testid="unusual-activity">
          {o.unusual.map((u) => (
            <li key={u.email}>
              {u.email}: {u.misses} lookups that found no one, {u.verifyFailures} failed verifications.
            </li>
          ))}
        </ul>
      ) : (
        <p>Nothing unusual.</p>
      )}

      <h2>Latest calls</h2>
      <table className="usa-table usa-table--compact" data-testid="recent-calls">
        <thead>
          <tr>
            <th scope="col">Started (UTC)</th>
            <th scope="col">Agent</th>
            <th scope="col">Disposition</th>
            <th scope="col">Letter</th>
          </tr>
        </thead>
        <tbody>
          {o.recentCalls.map((c) => (
            <tr key={`${c.startedAt}-${c.referenceNumber}`}>
              <td>{c.startedAt.slice(0, 16).replace("T", " ")}</td>
              <td>{c.agent}</td>
              <td>{DISPOSITION_LABELS[c.disposition ?? "open"]}</td>
              <td>
                <Link to={`/staff/audit?reference=${c.referenceNumber}`}>Audit trail of {c.referenceNumber}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
