import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { BatchReportView } from "~/components/batch-report";
import { BatchStatusTag } from "~/components/batch-status";
import { ErrorSummary } from "~/components/error-summary";
import { sweepStaleImports } from "~/services/batches/import.server";
import { listBatches, reportView, type ReportView } from "~/services/batches/pages.server";
import { listOrganizations } from "~/services/batches/organizations.server";
import { BATCH_UPLOAD_MAX_BYTES, discardUpload, NotMultipartError, parseStreamedUpload, UploadTooLargeError } from "~/http/upload.server";
import { startWebImport } from "~/services/batches/web-import.server";
import { getCurrentIncident } from "~/services/incidents/current.server";
import { requireStaff } from "~/http/staff.server";
import { staffActor } from "~/services/actor";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Notification batches · Exposure Check" }];

const n = (x: number) => x.toLocaleString("en-US");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "admin");
  const ctx = context.app;
  const incident = await getCurrentIncident(ctx);
  if (!incident) return { incident: null, organizations: [], batches: [], noticeDate: null };
  await sweepStaleImports(ctx);
  const [organizations, batches] = [await listOrganizations(ctx, incident.id), await listBatches(ctx, incident.id)];
  return {
    incident: { name: incident.name },
    noticeDate: incident.noticeDate,
    organizations: organizations.map((o) => ({ id: o.id, name: o.name })),
    batches: batches.map((b) => ({ ...b, createdAt: b.createdAt.toISOString(), finishedAt: b.finishedAt?.toISOString() ?? null })),
  };
}

const isDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

const UploadSchema = z.object({
  organizationId: z.string().uuid("Choose the organization this file is from."),
  mailingDate: z
    .string()
    .trim()
    .refine((s) => s === "" || isDate(s), "Enter the mailing date as YYYY-MM-DD, or leave it empty for the incident's notice date."),
  skipInvalid: z.boolean(),
  dryRun: z.boolean(),
});

type Values = { organizationId: string; mailingDate: string; skipInvalid: boolean; dryRun: boolean };
type ActionOutcome = {
  errors: { field: string; message: string }[];
  values?: Values;
  duplicate?: { batchId: string | null; inProgress: boolean };
  dryRun?: { fileName: string; report: ReportView | null; rowsRead: number; rejected: number };
};

/**
 * POST (multipart): the batch file streams to a temporary file (hashed on the way, never held in
 * memory), then the same import service as the command line starts in the background and the
 * browser goes to the batch's progress page. A dry run is awaited and its report shown here.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const ctx = context.app;
  let parsed: Awaited<ReturnType<typeof parseStreamedUpload>>;
  try {
    parsed = await parseStreamedUpload(request, "file");
  } catch (error) {
    if (error instanceof UploadTooLargeError) {
      return data<ActionOutcome>(
        {
          errors: [{ field: "file", message: `The file is larger than ${BATCH_UPLOAD_MAX_BYTES / 1024 ** 3} GB. Import it with npm run cli -- batch import.` }],
        },
        { status: 413 },
      );
    }
    if (error instanceof NotMultipartError)
      return data<ActionOutcome>({ errors: [{ field: "file", message: "Choose the batch file (CSV)." }] }, { status: 400 });
    throw error;
  }
  const { form, upload } = parsed;
  const values: Values = {
    organizationId: String(form.get("organizationId") ?? ""),
    mailingDate: String(form.get("mailingDate") ?? "").slice(0, 20),
    skipInvalid: form.get("skipInvalid") === "yes",
    dryRun: form.get("dryRun") === "yes",
  };
  const errors: ActionOutcome["errors"] = [];
  const check = UploadSchema.safeParse(values);
  if (!check.success) for (const i of check.error.issues) errors.push({ field: String(i.path[0]), message: i.message });
  const incident = await getCurrentIncident(ctx);
  if (!incident) errors.push({ field: "organizationId", message: "There is no incident yet." });
  else if (check.success && !(await listOrganizations(ctx, incident.id)).some((o) => o.id === values.organizationId)) {
    errors.push({ field: "organizationId", message: "Choose the organization this file is from." });
  }
  if (!upload) errors.push({ field: "file", message: "Choose the batch file (CSV)." });
  if (errors.length || !upload) {
    await discardUpload(upload);
    return data<ActionOutcome>({ errors, values }, { status: 400 });
  }

  const started = await startWebImport(ctx, staffActor(actor), context.meta, {
    organizationId: values.organizationId,
    upload,
    mailingDate: values.mailingDate || undefined,
    skipInvalid: values.skipInvalid,
    dryRun: values.dryRun,
  });
  if (started.kind === "started") throw redirect(`/admin/batches/${started.batchId}`, 303);
  if (started.kind === "dry_run") {
    const r = started.result;
    return data<ActionOutcome>({
      errors: [],
      values,
      dryRun: { fileName: upload.fileName, report: r.report ? reportView(r.report, 100) : null, rowsRead: r.rowsRead, rejected: r.rejected },
    });
  }
  return data<ActionOutcome>({ errors: [], values, duplicate: { batchId: started.batchId, inProgress: started.kind === "in_progress" } }, { status: 409 });
}

export default function BatchesPage() {
  const { incident, organizations, batches, noticeDate } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const v = outcome?.values;
  return (
    <div className="padding-y-4">
      <h1>Notification batches</h1>
      {!incident ? (
        <p>There is no incident yet.</p>
      ) : (
        <>
          <p>
            {incident.name}: the mailing lists the covered entities handed over. An imported batch awaits mailing: download its mailing file for the print
            vendor, then mark it mailed — its codes start working then.
          </p>
          {batches.length === 0 ? (
            <p data-testid="no-batches">No batch yet.</p>
          ) : (
            <div className="usa-table-container--scrollable" tabIndex={0}>
              <table className="usa-table usa-table--striped usa-table--compact" data-testid="batch-table">
                <caption>Batches, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Batch file and organization</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="text-right">
                      Imported
                    </th>
                    <th scope="col" className="text-right">
                      Rejected
                    </th>
                    <th scope="col">Mailing</th>
                    <th scope="col">Uploaded</th>
                  </tr>
                </thead>
                <tbody>
                  {batches.map((b) => (
                    <tr key={b.id} data-batch={b.id}>
                      <th scope="row">
                        <Link to={`/admin/batches/${b.id}`}>{b.fileName}</Link>
                        <div className="text-normal font-body-3xs">{b.organization}</div>
                      </th>
                      <td>
                        <BatchStatusTag status={b.status} />
                        {b.status === "importing" ? <div className="font-body-3xs">{n(b.rowsRead)} rows read</div> : null}
                      </td>
                      <td className="text-right">{n(b.rowsImported)}</td>
                      <td className="text-right">{n(b.rowsRejected)}</td>
                      <td>{b.mailedOn ? `mailed ${b.mailedOn}` : b.mailingDate}</td>
                      <td>
                        {b.createdAt.slice(0, 10)}
                        {b.source ? ` (${b.source})` : ""}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <h2 id="upload-heading">Upload a batch file</h2>
          <ErrorSummary heading="There is a problem" errors={outcome?.errors ?? []} />
          {outcome?.duplicate ? (
            <div className="usa-alert usa-alert--warning margin-bottom-3" role="status" data-testid="duplicate-file">
              <div className="usa-alert__body">
                <h3 className="usa-alert__heading">
                  {outcome.duplicate.inProgress ? "This file is being imported right now" : "This file was imported already"}
                </h3>
                <p className="usa-alert__text">
                  The same file (same SHA-256) for this organization is {outcome.duplicate.inProgress ? "being imported" : "already a batch"}: nothing new was
                  added. {outcome.duplicate.batchId ? <Link to={`/admin/batches/${outcome.duplicate.batchId}`}>Open that batch</Link> : null}
                </p>
              </div>
            </div>
          ) : null}
          {outcome?.dryRun ? (
            <div className="margin-bottom-4" data-testid="dry-run-result">
              <div className={`usa-alert ${outcome.dryRun.rejected ? "usa-alert--warning" : "usa-alert--success"} margin-bottom-2`} role="status">
                <div className="usa-alert__body">
                  <p className="usa-alert__text">
                    Dry run of {outcome.dryRun.fileName}: {n(outcome.dryRun.rowsRead)} rows read, {n(outcome.dryRun.rejected)} rejected. Nothing was imported or
                    stored.
                  </p>
                </div>
              </div>
              {outcome.dryRun.report ? <BatchReportView report={outcome.dryRun.report} heading="Dry-run report" /> : null}
            </div>
          ) : null}
          {organizations.length === 0 ? (
            <p>
              Create an <Link to="/admin/organizations">organization</Link> first.
            </p>
          ) : (
            <Form method="post" encType="multipart/form-data" className="usa-form usa-form--large" aria-labelledby="upload-heading" data-testid="upload-form">
              <label className="usa-label" htmlFor="organizationId">
                Organization
              </label>
              <select className="usa-select" id="organizationId" name="organizationId" defaultValue={v?.organizationId ?? ""} required>
                <option value="">- Select -</option>
                {organizations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
              <label className="usa-label" htmlFor="mailingDate">
                Mailing date <span className="usa-hint">(optional)</span>
              </label>
              <span className="usa-hint" id="mailingDate-hint">
                YYYY-MM-DD. Empty: the incident&apos;s notice date ({noticeDate}). A person under 18 on this date gets the minor letter.
              </span>
              <input
                className="usa-input"
                id="mailingDate"
                name="mailingDate"
                type="text"
                inputMode="numeric"
                pattern="\d{4}-\d{2}-\d{2}"
                placeholder="YYYY-MM-DD"
                defaultValue={v?.mailingDate ?? ""}
                aria-describedby="mailingDate-hint"
              />
              <label className="usa-label" htmlFor="file">
                Batch file (CSV)
              </label>
              <span className="usa-hint" id="file-hint">
                A spreadsheet saved as CSV (UTF-8) with a header row: external_id, first_name, middle_name, last_name, suffix, address_line1, address_line2,
                city, state, zip, date_of_birth, email, phone, language, deceased, exposed.{" "}
                <a href="/admin/batches/template.csv" download data-testid="batch-template">
                  Download a template file
                </a>
                . Files up to 2 GB can be uploaded here; for larger files, ask your technical team to load them from the command line.
              </span>
              <input className="usa-file-input" id="file" name="file" type="file" accept=".csv,text/csv" aria-describedby="file-hint" required />
              <div className="usa-checkbox margin-top-3">
                <input className="usa-checkbox__input" id="skipInvalid" name="skipInvalid" type="checkbox" value="yes" defaultChecked={v?.skipInvalid} />
                <label className="usa-checkbox__label" htmlFor="skipInvalid">
                  Import the valid rows and keep the report
                  <span className="usa-checkbox__label-description">Without this, one rejected row means nothing is imported.</span>
                </label>
              </div>
              <div className="usa-checkbox">
                <input className="usa-checkbox__input" id="dryRun" name="dryRun" type="checkbox" value="yes" defaultChecked={v?.dryRun} />
                <label className="usa-checkbox__label" htmlFor="dryRun">
                  Dry run: check the file only
                  <span className="usa-checkbox__label-description">Validates every row, duplicates included, and imports nothing.</span>
                </label>
              </div>
              <button type="submit" className="usa-button margin-top-3" disabled={busy} data-testid="upload-submit">
                {busy ? "Uploading…" : "Upload and import"}
              </button>
            </Form>
          )}
        </>
      )}
    </div>
  );
}
