import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CheckPage, type CheckOutcome } from "~/components/check-page";
import { HOME_TEXT } from "~/content/pages";
import { getHomeIncident } from "~/services/incidents/current.server";
import { redeemActivationCode } from "~/services/notices/check.server";
import { parseCheckForm } from "~/services/notices/schemas";
import { matchCookies, minutesToWait, previousSessionToken, refusalOutcome } from "~/http/check-answer.server";
import { checkPageData } from "~/http/page-data.server";
import { countRefusal } from "~/http/patient.server";
import { getLang } from "~/http/lang.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

/** Document responses carry the action's headers (Retry-After on 429, the refusal count cookie). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const out = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) out.set("Retry-After", retryAfter);
  for (const cookie of actionHeaders.getSetCookie()) out.append("Set-Cookie", cookie);
  return out;
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: HOME_TEXT[data?.lang ?? "en"].title }];

/** GET /check shows the same form as the home page (a reload after an error lands here). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  return checkPageData(lang, await getHomeIncident(context.app, lang));
}

/**
 * The patient check (DESIGN.md "The patient check"): 303 to /exposure with the session cookie on
 * a match; the same words for a wrong code, a wrong date of birth or a locked notice; a typo in
 * the check symbol answered without a lookup; 429 with Retry-After when the address is throttled.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = context.app;
  const form = await request.formData();
  const parsed = parseCheckForm(form, ctx.now());
  if (parsed.errors.length > 0 || !parsed.dateOfBirth) {
    return data<CheckOutcome>({ kind: "invalid", errors: parsed.errors, values: parsed.values }, { status: 400 });
  }
  // The fast path (app/http/fast-check.server.ts) may have run this very check already and left
  // the page to us: show its outcome, never check twice (and, rendering a refusal page template,
  // placeholders in the fields).
  const prior = context.priorCheck;
  if (prior && "error" in prior) throw prior.error;
  const values = prior?.values ?? parsed.values;
  const result =
    prior?.result ??
    (await redeemActivationCode(ctx, context.meta, {
      code: values.code,
      dateOfBirth: parsed.dateOfBirth,
      previousSessionToken: await previousSessionToken(ctx.config, request.headers.get("Cookie")),
    }));
  switch (result.kind) {
    case "match": {
      const headers = new Headers();
      for (const cookie of await matchCookies(ctx.config, result.token, result.language)) headers.append("Set-Cookie", cookie);
      return redirect("/exposure", { status: 303, headers });
    }
    case "typo":
    case "malformed": {
      const { outcome, status } = refusalOutcome(result.kind, values, 0);
      return data<CheckOutcome>(outcome, { status });
    }
    case "throttled":
      return data<CheckOutcome>(
        { kind: "throttled", minutes: minutesToWait(result.retryAfterSeconds), values },
        { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
    case "mismatch": {
      // Identical for a wrong code, a wrong date of birth and a locked notice; only this
      // browser's own count of refusals makes it say more (the hour's pause, the phone number).
      const refusals = await countRefusal(request, ctx.config);
      const { outcome, status } = refusalOutcome("mismatch", values, refusals.count);
      return data<CheckOutcome>(outcome, { status, headers: { "Set-Cookie": refusals.setCookie } });
    }
    case "ended":
      return data<CheckOutcome>({ kind: "ended", values }, { status: 410 });
  }
}

export default function CheckRoute() {
  const { lang, incident } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  return <CheckPage lang={lang} incident={incident} outcome={outcome} />;
}
