import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listOutbox, retryOutboxMessage } from "~/services/email/outbox.server";
import { requireStaff } from "~/http/staff.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Outbox · Exposure Check" }];

const STATUSES = ["pending", "sending", "sent", "failed"] as const;
const Filter = z.object({ status: z.enum(STATUSES).optional() });

/**
 * The email queue for admins: what is waiting, sent, or failed (after the give-up time). Without
 * RESEND_API_KEY this is where email is delivered. Recipients masked; every view audited.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const url = new URL(request.url);
  const parsed = Filter.safeParse({ status: url.searchParams.get("status") || undefined });
  const status = parsed.success ? parsed.data.status : undefined;
  const outbox = await listOutbox(context.app, actor, context.meta, { status, limit: 200 });
  return {
    status: status ?? null,
    transport: outbox.transport,
    summary: outbox.summary,
    rows: outbox.rows.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      nextAttemptAt: r.nextAttemptAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
    })),
  };
}

/** POST intent=retry: a failed message goes back on the queue (audited). */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const form = await request.formData();
  const id = z.coerce.number().int().positive().safeParse(form.get("id"));
  if (form.get("intent") !== "retry" || !id.success) return data({ done: null, error: "Unknown action." }, { status: 400 });
  const ok = await retryOutboxMessage(context.app, actor, context.meta, id.data);
  return data(
    { done: ok ? `Message ${id.data} is queued again.` : null, error: ok ? null : "Only a failed message can be retried." },
    { status: ok ? 200 : 409 },
  );
}

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—");

export default function OutboxPage() {
  const { rows, summary, status, transport } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  return (
    <div className="padding-y-4">
      <h1>Outbox</h1>
      <p>
        {transport === "outbox"
          ? "No email service is set up yet, so emails are not sent: they wait here. Open a message to read it. Your technical team can connect the email service (Resend)."
          : "Emails are sent through the email service (Resend). A failed message stopped after several tries; you can send it again."}
      </p>
      {summary.failed > 0 ? (
        <div className="usa-alert usa-alert--error margin-bottom-2" data-testid="outbox-failed-alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              {summary.failed} message(s) could not be delivered. <Link to="?status=failed">Show them</Link>.
            </p>
          </div>
        </div>
      ) : null}
      {outcome?.done ? (
        <div className="usa-alert usa-alert--success margin-bottom-2" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{outcome.done}</p>
          </div>
        </div>
      ) : null}
      {outcome?.error ? (
        <div className="usa-alert usa-alert--error margin-bottom-2" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{outcome.error}</p>
          </div>
        </div>
      ) : null}
      <nav aria-label="Filter by status">
        <ul className="usa-button-group">
          <li className="usa-button-group__item">
            <Link className={`usa-button${status === null ? "" : " usa-button--outline"}`} to="/admin/outbox">
              All
            </Link>
          </li>
          {STATUSES.map((s) => (
            <li key={s} className="usa-button-group__item">
              <Link className={`usa-button${status === s ? "" : " usa-button--outline"}`} to={`?status=${s}`}>
                {s} ({summary[s]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <table className="usa-table usa-table--striped" data-testid="outbox">
        <caption>Newest first (at most 200)</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Kind</th>
            <th scope="col">To</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Queued</th>
            <th scope="col">Sent / next try</th>
            <th scope="col">Last error</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-status={r.status}>
              <td>
                <Link to={`/admin/outbox/${r.id}`}>{r.id}</Link>
              </td>
              <td>{r.kind}</td>
              <td>{r.to}</td>
              <td>{r.status}</td>
              <td>{r.attempts}</td>
              <td>{when(r.createdAt)}</td>
              <td>{r.status === "sent" ? when(r.sentAt) : r.status === "failed" ? "gave up" : when(r.nextAttemptAt)}</td>
              <td>{r.lastError ?? ""}</td>
              <td>
                {r.status === "failed" ? (
                  <Form method="post">
                    <input type="hidden" name="id" value={r.id} />
                    <button className="usa-button usa-button--unstyled" type="submit" name="intent" value="retry">
                      Retry
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p>No messages.</p> : null}
    </div>
  );
}
