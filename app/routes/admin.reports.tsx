import { CountTable } from "~/components/count-table";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BarChart, fillDays } from "~/components/bar-chart";
import { SubstituteNoticeBanner } from "~/components/substitute-notice";
import { getCurrentIncident } from "~/services/incidents/current.server";
import { getReportsPage } from "~/services/reports/pages.server";
import { SUBSTITUTE_NOTICE_THRESHOLD, type ReportRow } from "~/services/reports/reports.server";
import { requireStaff } from "~/http/staff.server";
import { staffActor } from "~/services/actor";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Reports · Exposure Check" }];

const n = (x: number) => x.toLocaleString("en-US");
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Aggregates only (no personal data); the view is audited `report.view` by the service. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const incident = await getCurrentIncident(context.app);
  if (!incident) return { report: null, tollFreePhone: null };
  const report = await getReportsPage(context.app, staffActor(actor), context.meta, incident.id);
  return { report, tollFreePhone: incident.tollFreePhone };
}

function ReportTable({
  id,
  caption,
  keyHeader,
  rows,
  total,
  rates,
}: {
  id: string;
  caption: string;
  keyHeader: string;
  rows: ReportRow[];
  total: ReportRow;
  rates: Map<string, number>;
}) {
  const cols: [keyof ReportRow, string][] = [
    ["notified", "Notified"],
    ["minors", "Minors"],
    ["deceased", "Deceased"],
    ["checked", "Checked"],
    ["locked", "Locked now"],
    ["returnedMail", "Returned mail"],
    ["enrolled", "Enrolled"],
  ];
  return (
    <div className="usa-table-container--scrollable" tabIndex={0}>
      <table className="usa-table usa-table--striped usa-table--compact" data-testid={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{keyHeader}</th>
            {cols.map(([, h]) => (
              <th key={h} scope="col" className="text-right">
                {h}
              </th>
            ))}
            <th scope="col" className="text-right">
              Enrollment rate
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-key={r.key}>
              <th scope="row">{r.label}</th>
              {cols.map(([k]) => (
                <td key={k} className="text-right" data-col={k}>
                  {n(r[k] as number)}
                </td>
              ))}
              <td className="text-right">{rates.has(r.key) ? pct(rates.get(r.key)!) : "—"}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-key="total">
            <th scope="row">Total</th>
            {cols.map(([k]) => (
              <td key={k} className="text-right text-bold" data-col={k}>
                {n(total[k] as number)}
              </td>
            ))}
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function sum(rows: ReportRow[]): ReportRow {
  const t: ReportRow = { key: "total", label: "Total", notified: 0, minors: 0, deceased: 0, checked: 0, locked: 0, returnedMail: 0, enrolled: 0 };
  for (const r of rows) for (const k of ["notified", "minors", "deceased", "checked", "locked", "returnedMail", "enrolled"] as const) t[k] += r[k];
  return t;
}

function Download({ by, children }: { by: string; children: string }) {
  return (
    <a className="usa-button usa-button--outline usa-button--small" href={`/admin/reports/download?by=${by}`} download data-testid={`download-${by}`}>
      {children}
    </a>
  );
}

export default function ReportsPage() {
  const { report, tollFreePhone } = useLoaderData<typeof loader>();
  if (!report) {
    return (
      <div className="padding-y-4">
        <h1>Reports</h1>
        <p>There is no incident yet.</p>
      </div>
    );
  }
  const e = report.enrollment;
  const checks = fillDays(report.checksPerDay.map((d) => ({ label: d.day, value: d.checks })));
  const enrolls = fillDays(e.perDay.map((d) => ({ label: d.day, value: d.enrolled })));
  const orgRates = new Map(e.perOrganization.map((o) => [o.organizationId, o.rate]));
  const stateRates = new Map(e.perState.map((s) => [s.state, s.rate]));
  const totalChecks = report.checksPerDay.reduce((a, d) => a + d.checks, 0);
  const totalEnrolled = e.perDay.reduce((a, d) => a + d.enrolled, 0);
  return (
    <div className="padding-y-4">
      <h1>Reports</h1>
      <p>
        {report.incidentName}. Counts are of batches awaiting mailing or mailed; enrollment rates are of mailed letters. See also the{" "}
        <Link to="/admin/hhs">HHS breach report figures</Link>.
      </p>
      {report.substituteNoticeRequired ? (
        <SubstituteNoticeBanner returned={report.total.returnedMail} threshold={SUBSTITUTE_NOTICE_THRESHOLD} tollFreePhone={tollFreePhone} linkToReturnedMail />
      ) : null}
      <div className="usa-summary-box margin-bottom-3" role="region" aria-labelledby="summary-heading" data-testid="report-summary">
        <div className="usa-summary-box__body">
          <h2 className="usa-summary-box__heading" id="summary-heading">
            At a glance
          </h2>
          <ul className="usa-list usa-summary-box__text">
            <li>
              <span data-testid="total-notified">{n(report.total.notified)}</span> people notified ({n(report.total.minors)} minors, {n(report.total.deceased)}{" "}
              deceased)
            </li>
            <li>
              {n(report.total.checked)} checked their exposure; {n(report.total.locked)} locked now; {n(report.total.returnedMail)} letters returned
            </li>
            <li>
              {n(e.rate.enrolled)} enrolled in monitoring ({pct(e.rate.rate)} of mailed letters, {pct(e.rate.rateOfChecked)} of those who checked);{" "}
              {n(e.rate.waiting)} waiting for a code
            </li>
            <li>By product: {e.perProduct.map((p) => `${p.product} ${n(p.enrolled)} enrolled, ${n(p.waiting)} waiting`).join("; ")}</li>
          </ul>
        </div>
      </div>

      <h2 id="by-org">Per organization</h2>
      <ReportTable
        id="report-by-organization"
        caption="Notices per organization"
        keyHeader="Organization"
        rows={report.byOrganization}
        total={sum(report.byOrganization)}
        rates={orgRates}
      />
      <p>
        <Download by="organization">Download per organization (CSV)</Download>
      </p>

      <h2 id="by-state">Per state</h2>
      <ReportTable
        id="report-by-state"
        caption="Notices per state (of the mailing address)"
        keyHeader="State"
        rows={report.byState}
        total={report.total}
        rates={stateRates}
      />
      <p>
        <Download by="state">Download per state (CSV)</Download>
      </p>

      <h2 id="checks-heading">Checks per day</h2>
      <BarChart
        id="checks-chart"
        title="Exposure checks per day"
        description={`${n(totalChecks)} successful checks over ${checks.length} days (UTC)${checks.length ? `, from ${checks[0]!.label} to ${checks[checks.length - 1]!.label}` : ""}. The table below lists each day.`}
        points={checks}
      />
      <details className="ec-details margin-y-2">
        <summary>Checks per day as a table</summary>
        <CountTable
          testId="checks-table"
          caption="Successful exposure checks per UTC day"
          keyHeader="Day"
          rows={report.checksPerDay}
          rowKey={(d) => d.day}
          rowLabel={(d) => d.day}
          columns={[
            { header: "Checks", value: (d) => d.checks },
            { header: "First checks", value: (d) => d.firstChecks },
          ]}
        />
      </details>
      <p>
        <Download by="day">Download checks per day (CSV)</Download>
      </p>

      <h2 id="enroll-heading">Enrollments per day</h2>
      <BarChart
        id="enrollments-chart"
        title="Monitoring enrollments per day"
        description={`${n(totalEnrolled)} enrollments over ${enrolls.length} days (UTC). The table below lists each day.`}
        points={enrolls}
        color="#00a91c"
      />
      <details className="ec-details margin-y-2">
        <summary>Enrollments per day as a table</summary>
        <CountTable
          testId="enrollments-table"
          caption="Enrollments per UTC day"
          keyHeader="Day"
          rows={e.perDay}
          rowKey={(d) => d.day}
          rowLabel={(d) => d.day}
          columns={[{ header: "Enrolled", value: (d) => d.enrolled }]}
        />
      </details>
      <p className="display-flex flex-wrap ec-gap-2">
        <Download by="enrollment-day">Download enrollments per day (CSV)</Download>
        <Download by="enrollment-product">Download enrollments per product (CSV)</Download>
      </p>
    </div>
  );
}
