import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { InputField, NewPasswordFields, TotpCodeField } from "~/components/staff-fields";
import { signInStage, signInWithNewPassword, signInWithPassword, signInWithTotp, type SignInResult } from "~/services/staff/login.server";
import { PASSWORD_PROBLEM_TEXT } from "~/services/staff/password-policy";
import { fieldErrors, NewPasswordStepSchema, PasswordStepSchema, TotpStepSchema } from "~/services/staff/schemas";
import { clearStaffCookie, readStaffToken, staffCookie } from "~/http/staff.server";
import { safeStaffNextPath } from "~/utils/safe-next";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Staff sign-in · Exposure Check" }];

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

const ENDED_TEXT = {
  expired: "Your session ended: 30 minutes without activity, or 12 hours after you signed in. Please sign in again.",
  signedout: "You are signed out.",
  restart: "That sign-in took too long or was stopped. Please start again with your email and password.",
} as const;
type Ended = keyof typeof ENDED_TEXT;

/** Which step to show comes from the session (never from the URL). A signed-in person goes on. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const next = safeStaffNextPath(url.searchParams.get("next"));
  const stage = await signInStage(context.app, await readStaffToken(context.app.config, request));
  if (stage === "active") throw redirect(next);
  const endedParam = url.searchParams.get("ended");
  const ended: Ended | null = endedParam && endedParam in ENDED_TEXT ? (endedParam as Ended) : null;
  return { stage, next, ended };
}

type Outcome = { errors: { field: string; message: string }[]; email?: string; notice?: string };

function answer(outcome: Outcome, status: number, headers?: HeadersInit) {
  return data<Outcome>(outcome, { status, headers });
}

function lockedAnswer(seconds: number, headers: Headers) {
  headers.set("Retry-After", String(seconds));
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return answer({ errors: [{ field: "email", message: `Too many attempts. For security, wait ${minutes} minutes, then try again.` }] }, 429, headers);
}

async function follow(result: Extract<SignInResult, { kind: "next" | "signedIn" }>, next: string, config: Parameters<typeof staffCookie>[0]) {
  const cookie = await staffCookie(config).serialize(result.token);
  const to = result.kind === "signedIn" ? next : `/staff/login${next !== "/staff" ? `?next=${encodeURIComponent(next)}` : ""}`;
  return redirect(to, { status: 303, headers: { "Set-Cookie": cookie } });
}

/**
 * One form per step, all posting here: `intent=password` (email + password), `intent=totp` (the
 * code; on the first sign-in it confirms the authenticator), `intent=new-password` (first sign-in
 * only), `intent=restart`. Each success answers 303 with a new session cookie (new id every step).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = context.app;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const next = safeStaffNextPath(String(form.get("next") ?? ""));
  const token = await readStaffToken(ctx.config, request);
  const headers = new Headers();
  const restart = async () =>
    redirect(`/staff/login?ended=restart${next !== "/staff" ? `&next=${encodeURIComponent(next)}` : ""}`, {
      status: 303,
      headers: { "Set-Cookie": await clearStaffCookie(ctx.config) },
    });

  if (intent === "restart") return restart();

  if (intent === "password") {
    const parsed = PasswordStepSchema.safeParse({ email: form.get("email") ?? "", password: form.get("password") ?? "" });
    const email = String(form.get("email") ?? "").slice(0, 254);
    if (!parsed.success) return answer({ errors: fieldErrors(parsed.error), email }, 400);
    const result = await signInWithPassword(ctx, context.meta, parsed.data);
    if (result.kind === "next" || result.kind === "signedIn") return follow(result, next, ctx.config);
    if (result.kind === "locked") return lockedAnswer(result.retryAfterSeconds, headers);
    return answer({ errors: [{ field: "email", message: "That email and password do not match an account that can sign in." }], email }, 400);
  }

  if (intent === "totp") {
    const parsed = TotpStepSchema.safeParse({ code: form.get("code") ?? "" });
    if (!parsed.success) return answer({ errors: fieldErrors(parsed.error) }, 400);
    const result = await signInWithTotp(ctx, context.meta, token, parsed.data.code);
    if (result.kind === "next" || result.kind === "signedIn") return follow(result, next, ctx.config);
    if (result.kind === "locked") {
      headers.set("Set-Cookie", await clearStaffCookie(ctx.config));
      return lockedAnswer(result.retryAfterSeconds, headers);
    }
    if (result.kind === "restart") return restart();
    return answer(
      { errors: [{ field: "code", message: "That code is not right, or it was already used. Wait for the next code in your app and try again." }] },
      400,
    );
  }

  if (intent === "new-password") {
    const parsed = NewPasswordStepSchema.safeParse({ password: form.get("password") ?? "", confirm: form.get("confirm") ?? "" });
    if (!parsed.success) return answer({ errors: fieldErrors(parsed.error) }, 400);
    const result = await signInWithNewPassword(ctx, context.meta, token, parsed.data);
    if (result.kind === "signedIn" || result.kind === "next") return follow(result, next, ctx.config);
    if (result.kind === "badPassword") {
      return answer({ errors: [{ field: result.problem === "mismatch" ? "confirm" : "password", message: PASSWORD_PROBLEM_TEXT[result.problem] }] }, 400);
    }
    return restart();
  }
  return answer({ errors: [{ field: "email", message: "Please start again." }] }, 400);
}

export default function StaffLogin() {
  const { stage, next, ended } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const errors = outcome?.errors ?? [];
  return (
    <div className="grid-row padding-y-4">
      <div className="tablet:grid-col-8 desktop:grid-col-6">
        {ended && errors.length === 0 ? (
          <div
            className={`usa-alert ${ended === "signedout" ? "usa-alert--success" : "usa-alert--info"} usa-alert--slim margin-bottom-3`}
            data-testid="sign-in-notice"
          >
            <div className="usa-alert__body">
              <p className="usa-alert__text">{ENDED_TEXT[ended]}</p>
            </div>
          </div>
        ) : null}
        <ErrorSummary heading="There is a problem" errors={errors} />
        {stage === "password" ? (
          <Form method="post" className="usa-form usa-form--large" data-testid="password-step">
            <h1>Staff sign-in</h1>
            <p>For call-center agents, supervisors and administrators. Every sign-in is recorded.</p>
            <input type="hidden" name="intent" value="password" />
            <input type="hidden" name="next" value={next} />
            <InputField errors={errors} name="email" label="Email address" type="email" autoComplete="username" required defaultValue={outcome?.email ?? ""} />
            <InputField errors={errors} name="password" label="Password" type="password" autoComplete="current-password" required />
            <button type="submit" className="usa-button">
              Continue
            </button>
          </Form>
        ) : stage === "totp" ? (
          <>
            <Form method="post" className="usa-form usa-form--large" data-testid="totp-step">
              <h1>Enter your code</h1>
              <p>
                Open your authenticator app and enter the 6-digit code for Exposure Check. On your first sign-in (or after an administrator reset your second
                factor), first add the set-up key you were given to the app.
              </p>
              <input type="hidden" name="intent" value="totp" />
              <input type="hidden" name="next" value={next} />
              <TotpCodeField errors={errors} />
              <button type="submit" className="usa-button">
                Sign in
              </button>
            </Form>
            <Form method="post" className="margin-top-2">
              <input type="hidden" name="intent" value="restart" />
              <button type="submit" className="usa-button usa-button--unstyled">
                Start again with a different account
              </button>
            </Form>
          </>
        ) : (
          <Form method="post" className="usa-form usa-form--large" data-testid="new-password-step">
            <h1>Choose your password</h1>
            <p>Replace the one-time password you were given.</p>
            <input type="hidden" name="intent" value="new-password" />
            <input type="hidden" name="next" value={next} />
            <NewPasswordFields errors={errors} labels={{ password: "New password", confirm: "New password again" }} />
            <button type="submit" className="usa-button">
              Save and sign in
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}
