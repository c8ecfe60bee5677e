import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CallEnd } from "~/components/call-end";
import { CallHelpSection } from "~/components/call-help";
import { CallVerify } from "~/components/call-verify";
import { CALL_MESSAGES, DISPOSITION_LABELS } from "~/content/calls";
import { performCallAction } from "~/services/calls/actions.server";
import { getCallPage } from "~/services/calls/call.server";
import { CallIdSchema, parseCallAction } from "~/services/calls/schemas";
import { requireStaff } from "~/http/staff.server";
import { formatDate } from "~/utils/format";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Call · Exposure Check staff" }];
export const headers = () => ({ "Cache-Control": "no-store" });

function callIdOf(params: Record<string, string | undefined>): string {
  const id = CallIdSchema.safeParse(params.callId);
  if (!id.success) throw new Response("No such call.", { status: 404 });
  return id.data;
}

/**
 * One call. Before a passed verification: `verify-caller` only (the facts to compare, the script,
 * pass/fail). After: what the patient sees, the actions, the history. Every read is audited by
 * the service. Another agent's call, or no call: 404.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "agent");
  const page = await getCallPage(context.app, actor, context.meta, callIdOf(params));
  if (!page) throw new Response("No such call.", { status: 404 });
  return { page, role: actor.role };
}

/**
 * Posts with `intent` (DESIGN.md "Call-center console"). Any action before a passed verification
 * answers 403, except verify, language, hangup (the caller hung up) and, after a failed
 * verification, end. Done → 303 back to the call
 * (end → to the lookup page); bad input → 400; an ended call → 409.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireStaff(request, context, "agent");
  const callId = callIdOf(params);
  const parsed = parseCallAction(await request.formData());
  if (!parsed.ok) return data({ problem: parsed.problem, intent: parsed.intent }, { status: 400 });
  const result = await performCallAction(context.app, actor, context.meta, callId, parsed.action);
  switch (result.kind) {
    case "notFound":
      throw new Response("No such call.", { status: 404 });
    case "unverified":
      return data({ problem: "unverified", intent: parsed.action.intent }, { status: 403 });
    case "ended":
      return data({ problem: "ended", intent: parsed.action.intent }, { status: 409 });
    case "problem":
      return data({ problem: result.message, intent: parsed.action.intent }, { status: 400 });
    case "done":
      return redirect(result.ended ? "/staff/calls?ended=1" : `/staff/calls/${callId}?done=${encodeURIComponent(result.message)}`, 303);
  }
}

const PROBLEM_TEXT: Record<string, string> = {
  unverified: "Verify the caller first. Nothing can be done on this letter before that.",
  ended: "This call has ended.",
};

function Message({ keyName }: { keyName: string | null }) {
  if (!keyName) return null;
  const m = CALL_MESSAGES[keyName] ?? (PROBLEM_TEXT[keyName] ? { text: PROBLEM_TEXT[keyName]!, tone: "error" as const } : null);
  if (!m) return null;
  return (
    <div
      className={`usa-alert usa-alert--${m.tone} usa-alert--slim margin-bottom-3`}
      role={m.tone === "error" ? "alert" : "status"}
      data-testid="call-message"
      data-message={keyName}
    >
      <div className="usa-alert__body">
        <p className="usa-alert__text">{m.text}</p>
      </div>
    </div>
  );
}

export default function CallPage() {
  const { page } = useLoaderData<typeof loader>();
  const problem = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { call, verify, help } = page;
  const lang = call.language;
  const inc = help?.incident;
  const facts = page.script;
  const vars = {
    organization: facts.breachedEntity,
    vendor: facts.partnerName,
    months: facts.offerMonths,
    date: formatDate(facts.enrollBy, lang),
    phone: facts.tollFreePhone,
    hours: inc?.phoneHours[lang] ?? "",
  };
  const open = !call.endedAt;
  return (
    <div className="padding-y-4" data-testid="call-page" data-verification={call.verification}>
      <p>
        <Link to="/staff/calls">All calls</Link>
      </p>
      <h1 className="margin-bottom-1">Call {call.callReference}</h1>
      <p className="margin-top-0">
        Letter <strong data-testid="call-notice-reference">{call.referenceNumber}</strong> · started {call.startedAt.slice(11, 16)} UTC · reason: {call.reason}
      </p>
      <Message keyName={problem?.problem ?? params.get("done")} />

      {!open ? (
        <div className="usa-alert usa-alert--info" data-testid="call-closed">
          <div className="usa-alert__body">
            <p className="usa-alert__text">This call ended: {DISPOSITION_LABELS[call.disposition ?? "other"]}.</p>
          </div>
        </div>
      ) : (
        <Form method="post" className="margin-bottom-3" aria-label="Script language">
          <input type="hidden" name="intent" value="language" />
          <span className="margin-right-1">Caller's language:</span>
          <button
            type="submit"
            name="lang"
            value="en"
            className={`usa-button ${lang === "en" ? "" : "usa-button--outline"} usa-button--small`}
            aria-pressed={lang === "en"}
          >
            English
          </button>
          <button
            type="submit"
            name="lang"
            value="es"
            className={`usa-button ${lang === "es" ? "" : "usa-button--outline"} usa-button--small`}
            aria-pressed={lang === "es"}
          >
            Español
          </button>
        </Form>
      )}

      {verify ? <CallVerify verify={verify} call={call} lang={lang} vars={vars} /> : null}

      {help && inc ? <CallHelpSection help={help} notInvolved={inc.notInvolved[lang]} lang={lang} vars={vars} /> : null}

      {open ? <CallEnd verificationPending={call.verification === "pending"} lang={lang} vars={vars} /> : null}
    </div>
  );
}
