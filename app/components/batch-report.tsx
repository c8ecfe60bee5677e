import type { ReportView } from "~/services/batches/pages.server";

const n = (x: number) => x.toLocaleString("en-US");

/**
 * A batch's validation report: exact counts by reason, then the first rows of each reason as a
 * table (line, column, reason). Never a field's value: the report holds none.
 */
export function BatchReportView({ report, downloadHref, heading = "Validation report" }: { report: ReportView; downloadHref?: string; heading?: string }) {
  const partial = report.hiddenRows > 0 || report.truncated;
  return (
    <section aria-labelledby="report-heading" data-testid="batch-report">
      <h2 id="report-heading">{heading}</h2>
      <p>
        {n(report.rowsRead)} rows read, {n(report.rowsValid)} valid, {n(report.rowsRejected)} rejected.
        {report.ignoredColumns.length ? ` Columns ignored: ${report.ignoredColumns.join(", ")}.` : ""}
      </p>
      {report.counts.length === 0 ? (
        <p data-testid="report-clean">Every row passed validation.</p>
      ) : (
        <>
          <div className="usa-table-container--scrollable" tabIndex={0}>
            <table className="usa-table usa-table--compact" data-testid="report-counts">
              <caption>Problems by reason</caption>
              <thead>
                <tr>
                  <th scope="col">Reason</th>
                  <th scope="col">What it means</th>
                  <th scope="col" className="text-right">
                    Count
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.counts.map((c) => (
                  <tr key={c.reason} data-reason={c.reason}>
                    <th scope="row">
                      <code>{c.reason}</code>
                    </th>
                    <td>{c.label}</td>
                    <td className="text-right" data-testid={`count-${c.reason}`}>
                      {n(c.count)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="usa-table-container--scrollable" tabIndex={0}>
            <table className="usa-table usa-table--compact usa-table--striped" data-testid="report-rows">
              <caption>
                {partial ? `The first ${report.rowsPerReason} rows of each reason${downloadHref ? " (the CSV lists up to 100 of each)" : ""}` : "Rejected rows"}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Column</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((p, i) => (
                  <tr key={`${p.line}-${p.column}-${p.reason}-${i}`} data-reason={p.reason}>
                    <td>{p.line}</td>
                    <td>{p.column || "—"}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {downloadHref && report.counts.length > 0 ? (
        <p>
          <a className="usa-button usa-button--outline" href={downloadHref} download data-testid="report-download">
            Download the report (CSV)
          </a>
        </p>
      ) : null}
    </section>
  );
}
