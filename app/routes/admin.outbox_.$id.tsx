import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { readOutboxMessage } from "~/services/email/outbox.server";
import { requireStaff } from "~/http/staff.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Message · Outbox · Exposure Check" }];

/** One queued message as it is (or was) sent: subject and text; recipient masked; audited. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  // Digits only, within the bigint range (a longer number answered 500 from the database: issue 15, finding 5).
  const id = z
    .string()
    .regex(/^[1-9][0-9]{0,17}$/)
    .transform(Number)
    .safeParse(params.id);
  if (!id.success) throw new Response("Not found", { status: 404 });
  const message = await readOutboxMessage(context.app, actor, context.meta, id.data);
  if (!message) throw new Response("Not found", { status: 404 });
  return {
    ...message,
    createdAt: message.createdAt.toISOString(),
    nextAttemptAt: message.nextAttemptAt.toISOString(),
    sentAt: message.sentAt?.toISOString() ?? null,
  };
}

export default function OutboxMessage() {
  const m = useLoaderData<typeof loader>();
  return (
    <div className="padding-y-4 measure-6">
      <p>
        <Link to="/admin/outbox">Back to the outbox</Link>
      </p>
      <h1>Message {m.id}</h1>
      <dl>
        <dt className="text-bold">To</dt>
        <dd>{m.to}</dd>
        <dt className="text-bold">Kind</dt>
        <dd>{m.kind}</dd>
        <dt className="text-bold">Status</dt>
        <dd>
          {m.status} after {m.attempts} attempt(s){m.lastError ? ` — last error: ${m.lastError}` : ""}
        </dd>
        <dt className="text-bold">Subject</dt>
        <dd data-testid="outbox-subject">{m.subject}</dd>
      </dl>
      <pre className="bg-base-lightest padding-2 font-mono-xs" data-testid="outbox-body">
        {m.bodyText}
      </pre>
    </div>
  );
}
