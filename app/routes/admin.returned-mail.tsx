import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { readFile } from "node:fs/promises";
import { ErrorSummary } from "~/components/error-summary";
import { SubstituteNoticeBanner } from "~/components/substitute-notice";
import { substituteNoticeStatus } from "~/services/batches/pages.server";
import { recordReturnedMail, RETURNED_MAIL_MAX_BYTES, type ReturnedMailResult } from "~/services/batches/returned-mail.server";
import { discardUpload, NotMultipartError, parseStreamedUpload, UploadTooLargeError, type StreamedUpload } from "~/http/upload.server";
import { getCurrentIncident } from "~/services/incidents/current.server";
import { requireStaff } from "~/http/staff.server";
import { staffActor } from "~/services/actor";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Returned mail · Exposure Check" }];

const n = (x: number) => x.toLocaleString("en-US");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "admin");
  const incident = await getCurrentIncident(context.app);
  if (!incident) return { incident: null, status: null };
  return { incident: { name: incident.name, tollFreePhone: incident.tollFreePhone }, status: await substituteNoticeStatus(context.app, incident.id) };
}

type ActionOutcome = { errors: { field: string; message: string }[]; result?: ReturnedMailResult; references?: string };

/** POST: a list of reference numbers (pasted, or a file) whose letters came back; flagged and audited by the service. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const ctx = context.app;
  let form: FormData;
  let upload: StreamedUpload | null = null;
  try {
    if (/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
      ({ form, upload } = await parseStreamedUpload(request, "file", RETURNED_MAIL_MAX_BYTES));
    } else {
      form = await request.formData();
    }
  } catch (error) {
    if (error instanceof UploadTooLargeError)
      return data<ActionOutcome>({ errors: [{ field: "file", message: "The file is larger than 20 MB." }] }, { status: 413 });
    if (error instanceof NotMultipartError)
      return data<ActionOutcome>({ errors: [{ field: "file", message: "We could not read that upload. Choose the file again." }] }, { status: 400 });
    throw error;
  }
  try {
    const typed = String(form.get("references") ?? "").slice(0, RETURNED_MAIL_MAX_BYTES);
    const fromFile = upload ? await readFile(upload.path, "utf8") : "";
    const content = [fromFile, typed].filter((s) => s.trim()).join("\n");
    const incident = await getCurrentIncident(ctx);
    if (!incident) return data<ActionOutcome>({ errors: [{ field: "references", message: "There is no incident yet." }] }, { status: 400 });
    if (!content.trim()) {
      return data<ActionOutcome>(
        { errors: [{ field: "references", message: "Paste the reference numbers, or choose a file that lists them." }] },
        { status: 400 },
      );
    }
    const result = await recordReturnedMail(ctx, staffActor(actor), context.meta, {
      incidentId: incident.id,
      fileName: upload?.fileName ?? "pasted list",
      content,
    });
    return data<ActionOutcome>({ errors: [], result });
  } finally {
    await discardUpload(upload);
  }
}

export default function ReturnedMailPage() {
  const { incident, status } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const r = outcome?.result;
  const total = r ? { returned: r.totalReturned, required: r.substituteNoticeRequired } : status;
  return (
    <div className="padding-y-4">
      <h1>Returned mail</h1>
      {!incident || !total || !status ? (
        <p>There is no incident yet.</p>
      ) : (
        <>
          <p>Letters the postal service returned as undeliverable. Upload their reference numbers: those notices are flagged, and the reports count them.</p>
          {total.required ? <SubstituteNoticeBanner returned={total.returned} threshold={status.threshold} tollFreePhone={incident.tollFreePhone} /> : null}
          <p data-testid="returned-total">
            {n(total.returned)} {total.returned === 1 ? "person" : "people"} of {incident.name} could not be reached by mail so far
            {total.required ? "." : ` (substitute notice is required from ${status.threshold}).`}
          </p>
          {r ? (
            <div className="usa-alert usa-alert--success margin-bottom-3" role="status" data-testid="returned-result">
              <div className="usa-alert__body">
                <h2 className="usa-alert__heading">List recorded</h2>
                <ul className="usa-list margin-top-1">
                  <li>
                    <span data-testid="flagged">{n(r.flagged)}</span> letters flagged as returned
                  </li>
                  <li>{n(r.alreadyFlagged)} were flagged already</li>
                  <li>{n(r.unknown)} reference numbers are not ours</li>
                  <li>
                    {n(r.invalid)} lines are not reference numbers
                    {r.invalidLines.length
                      ? ` (lines ${r.invalidLines.slice(0, 20).join(", ")}${r.invalidLines.length > 20 || r.invalid > 20 ? ", …" : ""})`
                      : ""}
                  </li>
                </ul>
              </div>
            </div>
          ) : null}
          <h2 id="upload-heading">Upload returned letters</h2>
          <ErrorSummary heading="There is a problem" errors={outcome?.errors ?? []} />
          <Form method="post" encType="multipart/form-data" className="usa-form usa-form--large" aria-labelledby="upload-heading" data-testid="returned-form">
            <label className="usa-label" htmlFor="references">
              Reference numbers
            </label>
            <span className="usa-hint" id="references-hint">
              One per line, as printed on the letter (e.g. 1234-5678-9012).
            </span>
            <textarea className="usa-textarea" id="references" name="references" rows={8} aria-describedby="references-hint" spellCheck={false} />
            <label className="usa-label" htmlFor="file">
              Or a file
            </label>
            <span className="usa-hint" id="file-hint">
              Text or CSV with the reference numbers in the first column; up to 20 MB.
            </span>
            <input className="usa-file-input" id="file" name="file" type="file" accept=".txt,.csv,text/plain,text/csv" aria-describedby="file-hint" />
            <button type="submit" className="usa-button margin-top-3" disabled={busy}>
              {busy ? "Recording…" : "Record returned mail"}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
