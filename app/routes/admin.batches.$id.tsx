import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { BatchReportView } from "~/components/batch-report";
import { BatchStatusTag, batchStatusLabel } from "~/components/batch-status";
import { ErrorSummary } from "~/components/error-summary";
import { sweepStaleImports } from "~/services/batches/import.server";
import { BatchStateError, markBatchMailed } from "~/services/batches/mailing.server";
import { getBatchDetail, reportView } from "~/services/batches/pages.server";
import { requireStaff } from "~/http/staff.server";
import { staffActor } from "~/services/actor";
import { isIsoDate } from "~/utils/dates";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Batch ${data?.batch.fileName ?? ""} · Exposure Check` }];

const POLL_MS = 2000;

/**
 * While the import runs, the page updates in place: with JavaScript it asks for fresh figures
 * every 2 s without reloading (focus and reading position stay; WCAG 2.2.1), and a live region
 * says when the phase changes, every tenth of the way, and when it ends. Without JavaScript the
 * page reloads itself (a refresh inside <noscript>).
 */
function useLiveUpdates(importing: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!importing) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [importing, revalidator]);
}

function announcement(batch: { status: string; phase: string | null; rowsRead: number; rowsTotal: number; rowsImported: number; rowsRejected: number }) {
  if (batch.status !== "importing")
    return `Import ended: ${batchStatusLabel(batch.status).toLowerCase()}. ${n(batch.rowsImported)} rows imported, ${n(batch.rowsRejected)} rejected.`;
  const total = Math.max(batch.rowsTotal, batch.rowsRead);
  const tenth = total > 0 ? Math.floor((batch.rowsRead / total) * 10) * 10 : 0;
  return `${PHASES[batch.phase ?? "queued"] ?? "Importing"}${batch.phase === "reading" && total > 0 ? `: ${tenth}%` : ""}.`;
}

const n = (x: number) => x.toLocaleString("en-US");
const IdSchema = z.string().uuid();

const PHASES: Record<string, string> = {
  queued: "Waiting to start",
  reading: "Reading, checking and sealing rows",
  moving: "Saving the rows in one transaction",
  exporting: "Writing the mailing file",
};

const NOTICES: Record<string, string> = {
  mailed: "The batch is marked mailed: its codes work now, and they can no longer be exported.",
  "reprint-unknown": "No letter to reprint for that reference number (it must belong to a batch awaiting mailing or mailed).",
  "reprint-invalid": "Enter the 12-digit reference number printed on the letter.",
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "admin");
  const id = IdSchema.safeParse(params.id);
  if (!id.success) throw new Response(null, { status: 404 });
  const ctx = context.app;
  await sweepStaleImports(ctx);
  const b = await getBatchDetail(ctx, id.data);
  if (!b) throw new Response(null, { status: 404 });
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    today: ctx.now().toISOString().slice(0, 10),
    notice: notice && notice in NOTICES ? NOTICES[notice]! : null,
    noticeKind: notice,
    batch: {
      id: b.id,
      organization: b.organization,
      fileName: b.fileName,
      status: b.status,
      phase: b.phase,
      rowsTotal: b.rowsTotal,
      rowsRead: b.rowsRead,
      rowsImported: b.rowsImported,
      rowsRejected: b.rowsRejected,
      mailingDate: b.mailingDate,
      mailedOn: b.mailedOn,
      enrollBy: b.enrollBy,
      source: b.source,
      error: b.error,
      createdAt: b.createdAt.toISOString(),
      finishedAt: b.finishedAt?.toISOString() ?? null,
      heartbeatAt: b.heartbeatAt?.toISOString() ?? null,
    },
    report: b.report ? reportView(b.report) : null,
  };
}

type ActionOutcome = { errors: { field: string; message: string }[]; values?: { mailedOn: string } };

/** POST intent=mark-mailed: the letters are out (date + confirmation); audited by the service. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const ctx = context.app;
  const id = IdSchema.safeParse(params.id);
  if (!id.success) throw new Response(null, { status: 404 });
  const form = await request.formData();
  if (form.get("intent") !== "mark-mailed") return data<ActionOutcome>({ errors: [{ field: "mailedOn", message: "Unknown request." }] }, { status: 400 });
  const today = ctx.now().toISOString().slice(0, 10);
  const values = {
    mailedOn: String(form.get("mailedOn") ?? "")
      .trim()
      .slice(0, 20),
  };
  const Schema = z.object({
    mailedOn: z
      .string()
      .refine(isIsoDate, "Enter the date the letters were mailed as YYYY-MM-DD.")
      .refine((s) => s <= today, "The mailing date cannot be in the future."),
    confirm: z.literal("yes", { errorMap: () => ({ message: "Confirm that the print vendor has mailed the letters." }) }),
  });
  const parsed = Schema.safeParse({ mailedOn: values.mailedOn, confirm: form.get("confirm") });
  if (!parsed.success) {
    return data<ActionOutcome>({ errors: parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })), values }, { status: 400 });
  }
  try {
    await markBatchMailed(ctx, staffActor(actor), context.meta, { batchId: id.data, mailedOn: parsed.data.mailedOn });
  } catch (error) {
    if (error instanceof BatchStateError)
      return data<ActionOutcome>({ errors: [{ field: "mailedOn", message: `${error.message}.` }], values }, { status: 409 });
    throw error;
  }
  throw redirect(`/admin/batches/${id.data}?notice=mailed`, 303);
}

function Progress({ batch }: { batch: ReturnType<typeof useLoaderData<typeof loader>>["batch"] }) {
  const reading = batch.phase === "reading" || batch.phase === "queued" || !batch.phase;
  const total = Math.max(batch.rowsTotal, batch.rowsRead);
  const percent = total > 0 ? Math.min(100, Math.floor((batch.rowsRead / total) * 100)) : 0;
  return (
    <section aria-labelledby="progress-heading" className="margin-y-3" data-testid="import-progress">
      <h2 id="progress-heading">{PHASES[batch.phase ?? "queued"] ?? "Importing"}…</h2>
      <label htmlFor="import-progress-bar" className="usa-label margin-top-0">
        {reading
          ? total > 0
            ? `${n(batch.rowsRead)} of about ${n(total)} rows read (${percent}%)`
            : `${n(batch.rowsRead)} rows read`
          : `All ${n(batch.rowsRead)} rows read; saving them`}
      </label>
      {reading && total > 0 ? (
        <progress id="import-progress-bar" className="width-full" max={total} value={batch.rowsRead}>
          {percent}%
        </progress>
      ) : (
        <progress id="import-progress-bar" className="width-full">
          working
        </progress>
      )}
      <p className="margin-top-1">
        {n(batch.rowsImported)} rows sealed, {n(batch.rowsRejected)} rejected so far.
        {batch.heartbeatAt ? ` Last update ${batch.heartbeatAt.slice(11, 19)} UTC.` : ""} This page updates itself every 2 seconds.
      </p>
      <noscript>
        <meta httpEquiv="refresh" content="2" />
      </noscript>
    </section>
  );
}

export default function BatchPage() {
  const { batch, report, notice, noticeKind, today } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const base = `/admin/batches/${batch.id}`;
  useLiveUpdates(batch.status === "importing");
  return (
    <div className="padding-y-4">
      <div className="usa-sr-only" role="status" aria-live="polite" data-testid="import-announcement">
        {announcement(batch)}
      </div>
      <p className="margin-top-0">
        <Link to="/admin/batches">← All batches</Link>
      </p>
      <h1 className="ec-break-all">Batch {batch.fileName}</h1>
      {notice ? (
        <div
          className={`usa-alert ${noticeKind === "mailed" ? "usa-alert--success" : "usa-alert--error"} margin-bottom-3`}
          role="status"
          data-testid="batch-notice"
        >
          <div className="usa-alert__body">
            <p className="usa-alert__text">{notice}</p>
          </div>
        </div>
      ) : null}
      <ul className="usa-list usa-list--unstyled" data-testid="batch-facts">
        <li>
          Status: <BatchStatusTag status={batch.status} />
          {batch.status === "importing" && batch.phase ? ` (${batch.phase})` : ""}
        </li>
        <li>Organization: {batch.organization}</li>
        <li>
          Rows read: <span data-testid="rows-read">{n(batch.rowsRead)}</span>, imported: <span data-testid="rows-imported">{n(batch.rowsImported)}</span>,
          rejected: <span data-testid="rows-rejected">{n(batch.rowsRejected)}</span>
        </li>
        <li>
          Mailing date: {batch.mailingDate}
          {batch.mailedOn ? ` · mailed on ${batch.mailedOn}` : ""} · enroll by {batch.enrollBy}
        </li>
        <li>
          Uploaded {batch.createdAt.slice(0, 16).replace("T", " ")} UTC{batch.source ? ` from the ${batch.source === "web" ? "web page" : "command line"}` : ""}
          {batch.finishedAt ? ` · finished ${batch.finishedAt.slice(0, 16).replace("T", " ")} UTC` : ""}
        </li>
      </ul>

      {batch.status === "importing" ? <Progress batch={batch} /> : null}
      {batch.status === "failed" ? (
        <div className="usa-alert usa-alert--error margin-y-3" role="alert">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">The import failed</h2>
            <p className="usa-alert__text">{batch.error ?? "The import stopped."} Nothing of this batch was saved; upload the same file again to retry.</p>
          </div>
        </div>
      ) : null}
      {batch.status === "rejected" ? (
        <div className="usa-alert usa-alert--error margin-y-3" role="alert" data-testid="batch-rejected">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">Nothing was imported</h2>
            <p className="usa-alert__text">
              Rows were rejected (see the report). Fix the file and upload it again, or upload it with &quot;import the valid rows and keep the report&quot;.
            </p>
          </div>
        </div>
      ) : null}

      {batch.status === "awaiting_mailing" ? (
        <section aria-labelledby="mailing-heading" className="margin-y-4">
          <h2 id="mailing-heading">Mailing</h2>
          <p>
            The print vendor&apos;s file holds the activation codes in clear: download it only to hand it to the vendor. Every download is recorded. The codes
            start working when the batch is marked mailed, and can no longer be exported after that.
          </p>
          <p>
            <a className="usa-button" href={`${base}/mailing.csv`} download data-testid="mailing-download">
              Download the mailing file (CSV)
            </a>
          </p>
          <h3 id="mark-heading">Mark as mailed</h3>
          <ErrorSummary heading="There is a problem" errors={outcome?.errors ?? []} />
          <Form method="post" className="usa-form" aria-labelledby="mark-heading" data-testid="mark-mailed-form">
            <input type="hidden" name="intent" value="mark-mailed" />
            <label className="usa-label" htmlFor="mailedOn">
              Date the letters were mailed
            </label>
            <span className="usa-hint" id="mailedOn-hint">
              YYYY-MM-DD
            </span>
            <input
              className="usa-input"
              id="mailedOn"
              name="mailedOn"
              type="text"
              inputMode="numeric"
              defaultValue={outcome?.values?.mailedOn ?? today}
              aria-describedby="mailedOn-hint"
            />
            <div className="usa-checkbox margin-top-2">
              <input className="usa-checkbox__input" id="confirm" name="confirm" type="checkbox" value="yes" />
              <label className="usa-checkbox__label" htmlFor="confirm">
                The print vendor has mailed these {n(batch.rowsImported)} letters
              </label>
            </div>
            <button type="submit" className="usa-button usa-button--secondary margin-top-2" data-testid="mark-mailed">
              Mark mailed
            </button>
          </Form>
        </section>
      ) : null}

      {batch.status === "awaiting_mailing" || batch.status === "mailed" ? (
        <section aria-labelledby="reprint-heading" className="margin-y-4">
          <h2 id="reprint-heading">Reprint one letter</h2>
          <p>
            A new activation code replaces the old one, which stops working at once. You get a one-line mailing file for the reprint. The reprint is recorded.
          </p>
          <Form method="post" action={`${base}/reprint`} reloadDocument className="usa-form" aria-labelledby="reprint-heading" data-testid="reprint-form">
            <label className="usa-label" htmlFor="referenceNumber">
              Reference number on the letter
            </label>
            <input className="usa-input" id="referenceNumber" name="referenceNumber" type="text" inputMode="numeric" autoComplete="off" />
            <label className="usa-label" htmlFor="reason">
              Reason
            </label>
            <span className="usa-hint" id="reason-hint">
              For the audit trail, e.g. &quot;letter lost, caller verified&quot;. No personal data.
            </span>
            <input className="usa-input" id="reason" name="reason" type="text" maxLength={500} aria-describedby="reason-hint" />
            <button type="submit" className="usa-button usa-button--outline margin-top-2">
              Reprint and download
            </button>
          </Form>
        </section>
      ) : null}

      {report ? (
        <BatchReportView report={report} downloadHref={`${base}/report.csv`} />
      ) : batch.status !== "importing" ? (
        <p>No validation report for this batch ({batchStatusLabel(batch.status).toLowerCase()}).</p>
      ) : null}
    </div>
  );
}
