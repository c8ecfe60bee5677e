import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { getPoolStatus, POOL_LOW_SHARE } from "~/services/enrollment/pool.server";
import { importMonitoringCodes } from "~/services/enrollment/pool-import.server";
import { getCurrentIncident } from "~/services/incidents/current.server";
import { requireStaff } from "~/http/staff.server";
import { staffActor } from "~/services/actor";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Monitoring code pool · Exposure Check" }];

/** Larger files go through `npm run cli -- pool import`. */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const PRODUCTS = ["adult", "minor"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "admin");
  const incident = await getCurrentIncident(context.app);
  const status = incident ? await getPoolStatus(context.app, incident.id) : null;
  return {
    lowPercent: Math.round(POOL_LOW_SHARE * 100),
    status: status && {
      incident: status.incident,
      products: status.products,
      alerts: status.alerts.map((a) => ({
        id: a.id,
        kind: a.kind,
        product: a.product,
        remaining: a.remaining,
        loaded: a.loaded,
        raisedAt: a.raisedAt.toISOString(),
      })),
    },
  };
}

type ActionOutcome = {
  errors: { field: string; message: string }[];
  done?: { product: string; loaded: number; duplicates: number; rejected: number; enrolledFromWaiting: number };
  rejected?: { line: number; reason: string }[];
};

/** POST: load a vendor file (one code per line) into the pool of a product; audited. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const form = await request.formData();
  const product = String(form.get("product") ?? "");
  const file = form.get("file");
  const skipInvalid = form.get("skipInvalid") === "yes";
  const errors: ActionOutcome["errors"] = [];
  if (!(PRODUCTS as readonly string[]).includes(product)) errors.push({ field: "product", message: "Choose the product these codes are for." });
  if (!file || typeof file === "string" || file.size === 0) errors.push({ field: "file", message: "Choose the vendor's code file (one code per line)." });
  else if (file.size > MAX_UPLOAD_BYTES) errors.push({ field: "file", message: "The file is larger than 20 MB. Load it with `npm run cli -- pool import`." });
  const incident = await getCurrentIncident(context.app);
  if (!incident) errors.push({ field: "product", message: "There is no incident yet." });
  if (errors.length > 0 || !incident || !file || typeof file === "string") return data<ActionOutcome>({ errors }, { status: 400 });

  const result = await importMonitoringCodes(context.app, staffActor(actor), context.meta, {
    incidentId: incident.id,
    product: product as (typeof PRODUCTS)[number],
    text: await file.text(),
    fileName: file.name,
    skipInvalid,
  });
  const rejected = result.invalid.slice(0, 200);
  if (result.refused) {
    return data<ActionOutcome>(
      {
        errors: [{ field: "file", message: `Nothing was loaded: ${result.invalid.length} line(s) are not codes. Fix them, or check "load the valid codes".` }],
        rejected,
      },
      { status: 400 },
    );
  }
  return data<ActionOutcome>({
    errors: [],
    rejected,
    done: { product, loaded: result.loaded, duplicates: result.duplicates, rejected: result.invalid.length, enrolledFromWaiting: result.enrolledFromWaiting },
  });
}

export default function PoolPage() {
  const { status, lowPercent } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="padding-y-4">
      <h1>Monitoring code pool</h1>
      {status ? (
        <>
          <p>
            {status.incident.name} — enroll by {status.incident.enrollBy}. Admins are warned here and by email when fewer than {lowPercent}% of a product&apos;s
            codes remain, and when a pool is empty.
          </p>
          {status.alerts.map((a) => (
            <div key={a.id} className={`usa-alert ${a.kind === "empty" ? "usa-alert--error" : "usa-alert--warning"} margin-bottom-2`} data-testid="pool-alert">
              <div className="usa-alert__body">
                <p className="usa-alert__text">
                  {a.kind === "empty"
                    ? `No ${a.product} codes are left (since ${a.raisedAt.slice(0, 16).replace("T", " ")} UTC). People who enroll are put on a waiting list.`
                    : `${a.product} codes are running low: ${a.remaining} of ${a.loaded} were left when this was raised.`}
                </p>
              </div>
            </div>
          ))}
          <table className="usa-table" data-testid="pool-status">
            <caption>Codes per product</caption>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Loaded</th>
                <th scope="col">Handed out</th>
                <th scope="col">Left</th>
                <th scope="col">Share left</th>
                <th scope="col">People waiting</th>
              </tr>
            </thead>
            <tbody>
              {status.products.map((p) => (
                <tr key={p.product} data-product={p.product}>
                  <th scope="row">{p.product}</th>
                  <td>{p.loaded.toLocaleString("en-US")}</td>
                  <td>{p.claimed.toLocaleString("en-US")}</td>
                  <td data-testid={`remaining-${p.product}`}>{p.remaining.toLocaleString("en-US")}</td>
                  <td>
                    {p.loaded > 0 ? `${Math.round(p.share * 100)}%` : "—"}
                    {p.low ? " (low)" : ""}
                  </td>
                  <td>{p.waiting.toLocaleString("en-US")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p>There is no incident yet.</p>
      )}

      <h2>Load codes</h2>
      <ErrorSummary heading="There is a problem" errors={outcome?.errors ?? []} />
      {outcome?.done ? (
        <div className="usa-alert usa-alert--success margin-bottom-3" role="status" data-testid="pool-import-done">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              Loaded {outcome.done.loaded} {outcome.done.product} codes ({outcome.done.duplicates} already in the pool, {outcome.done.rejected} rejected).
              {outcome.done.enrolledFromWaiting > 0 ? ` ${outcome.done.enrolledFromWaiting} waiting people were enrolled and will be emailed.` : ""}
            </p>
          </div>
        </div>
      ) : null}
      {outcome?.rejected?.length ? (
        <table className="usa-table usa-table--compact" data-testid="pool-rejected">
          <caption>Rejected lines</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {outcome.rejected.map((r) => (
              <tr key={r.line}>
                <td>{r.line}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="usa-form">
        <label className="usa-label" htmlFor="product">
          Product
        </label>
        <select className="usa-select" id="product" name="product" defaultValue="">
          <option value="">- Select -</option>
          <option value="adult">Adult</option>
          <option value="minor">Minor</option>
        </select>
        <label className="usa-label" htmlFor="file">
          Vendor code file
        </label>
        <span className="usa-hint" id="file-hint">
          Plain text, one code per line. Codes already loaded are skipped.
        </span>
        <input className="usa-file-input" id="file" name="file" type="file" accept=".txt,.csv,text/plain" aria-describedby="file-hint" />
        <div className="usa-checkbox margin-top-2">
          <input className="usa-checkbox__input" id="skipInvalid" name="skipInvalid" type="checkbox" value="yes" />
          <label className="usa-checkbox__label" htmlFor="skipInvalid">
            Load the valid codes even if some lines are rejected
          </label>
        </div>
        <button type="submit" className="usa-button margin-top-3" disabled={busy}>
          {busy ? "Loading…" : "Load codes"}
        </button>
      </Form>
    </div>
  );
}
