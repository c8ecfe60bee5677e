import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { NewPasswordFields, TotpCodeField } from "~/components/staff-fields";
import { staffCookie } from "~/http/staff.server";
import { acceptInvitation, openInvitation, type InvitationEnded } from "~/services/staff/invitations.server";
import { PASSWORD_PROBLEM_TEXT } from "~/services/staff/password-policy";
import { AcceptInvitationSchema, fieldErrors } from "~/services/staff/schemas";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Accept your invitation · Exposure Check" }];

const ENDED: Record<InvitationEnded, { status: number; title: string; text: string }> = {
  unknown: {
    status: 404,
    title: "This link does not work",
    text: "Check that you opened the whole link from the email. If it still does not work, ask the administrator who invited you for a new invitation.",
  },
  expired: {
    status: 410,
    title: "This invitation has expired",
    text: "Invitation links work for 72 hours. Ask the administrator who invited you to send a new one.",
  },
  used: {
    status: 410,
    title: "This invitation was already used",
    text: "An account was already made with this link. Sign in with your email address and password.",
  },
  revoked: {
    status: 410,
    title: "This invitation was cancelled",
    text: "An administrator cancelled it, or sent you a newer one. Use the newest email, or ask for a new invitation.",
  },
};

/** The token is the link's only parameter; it is read here and never logged (the request log keeps the path only). */
function tokenOf(request: Request): string | null {
  return new URL(request.url).searchParams.get("token");
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const opened = await openInvitation(context.app, context.meta, tokenOf(request));
  if (opened.kind === "ended") return data({ state: "ended" as const, reason: opened.reason }, { status: ENDED[opened.reason].status });
  const { email, role, totpSecret, otpauthUri } = opened;
  return { state: "open" as const, email, role, totpSecret, otpauthUri, expiresAt: opened.expiresAt.toISOString() };
}

type Outcome = { errors: { field: string; message: string }[] };

/** One form: the password twice and the first code. Success: the account exists and the person is signed in. */
export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = context.app;
  const form = await request.formData();
  const parsed = AcceptInvitationSchema.safeParse({ password: form.get("password") ?? "", confirm: form.get("confirm") ?? "", code: form.get("code") ?? "" });
  if (!parsed.success) return data<Outcome>({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await acceptInvitation(ctx, context.meta, tokenOf(request), parsed.data);
  switch (result.kind) {
    case "signedIn": {
      const cookie = await staffCookie(ctx.config).serialize(result.token);
      return redirect("/staff", { status: 303, headers: { "Set-Cookie": cookie } });
    }
    case "ended":
      return data<Outcome>({ errors: [] }, { status: ENDED[result.reason].status });
    case "badPassword":
      return data<Outcome>(
        { errors: [{ field: result.problem === "mismatch" ? "confirm" : "password", message: PASSWORD_PROBLEM_TEXT[result.problem] }] },
        { status: 400 },
      );
    case "wrongCode":
      return data<Outcome>(
        { errors: [{ field: "code", message: "That code is not right. Check that you added the key below to your app, wait for a new code, and enter it." }] },
        { status: 400 },
      );
    case "exists":
      return data<Outcome>(
        { errors: [{ field: "password", message: "An account with this email address already exists. Sign in instead." }] },
        { status: 409 },
      );
  }
}

export default function AcceptInvitation() {
  const page = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  if (page.state === "ended") {
    const ended = ENDED[page.reason];
    return (
      <div className="grid-row padding-y-4">
        <div className="tablet:grid-col-8" data-testid="invitation-ended" data-reason={page.reason}>
          <h1>{ended.title}</h1>
          <p>{ended.text}</p>
          <p>
            <Link className="usa-link" to="/staff/login">
              Go to staff sign-in
            </Link>
          </p>
        </div>
      </div>
    );
  }
  const errors = outcome?.errors ?? [];
  const key = page.totpSecret.match(/.{1,4}/g)?.join(" ") ?? page.totpSecret;
  return (
    <div className="grid-row padding-y-4">
      <div className="tablet:grid-col-8 desktop:grid-col-7">
        <ErrorSummary heading="There is a problem" errors={errors} />
        <Form method="post" className="usa-form usa-form--large" data-testid="accept-invitation">
          <h1>Set up your staff account</h1>
          <p>
            You were invited as <strong>{page.role}</strong> with the email address <strong data-testid="invited-email">{page.email}</strong>. This link works
            once, until {page.expiresAt.replace("T", " ").slice(0, 16)} UTC.
          </p>
          <h2>1. Choose a password</h2>
          <NewPasswordFields errors={errors} labels={{ password: "Password", confirm: "Password again" }} />
          <h2>2. Set up your authenticator app</h2>
          <p>
            Open an authenticator app on your phone (for example Google Authenticator or Microsoft Authenticator) and add an account with this set-up key.
            Choose &ldquo;time based&rdquo; if the app asks.
          </p>
          <p className="font-mono-md text-bold" data-testid="invitation-totp-key" data-key={page.totpSecret}>
            {key}
          </p>
          <p>
            On this phone? <a href={page.otpauthUri}>Add it to your authenticator app</a>.
          </p>
          <h2>3. Enter the code from the app</h2>
          <TotpCodeField errors={errors} />
          <button type="submit" className="usa-button">
            Create my account
          </button>
        </Form>
      </div>
    </div>
  );
}
