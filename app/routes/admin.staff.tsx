import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { InvitationList, InviteForm } from "~/components/staff-invitations";
import {
  changeStaffRole,
  disableStaffAccount,
  enableStaffAccount,
  listStaffAccounts,
  resetStaffPassword,
  resetStaffTotp,
  type AccountChanger,
  type AccountResult,
} from "~/services/staff/accounts.server";
import { requireStaff } from "~/http/staff.server";
import { STAFF_ROLES } from "~/services/staff/roles";
import { inviteStaff, listOpenInvitations, revokeInvitation } from "~/services/staff/invitations.server";
import { ChangeRoleSchema, fieldErrors, InvitationTargetSchema, InviteStaffSchema, StaffTargetSchema } from "~/services/staff/schemas";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Staff accounts · Exposure Check" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const accounts = await listStaffAccounts(context.app, actor);
  const invitations = await listOpenInvitations(context.app, actor);
  return {
    me: actor.id,
    emailReady: Boolean(context.app.config.resend),
    accounts: accounts.map((a) => ({ ...a, lastSignInAt: a.lastSignInAt?.toISOString() ?? null, createdAt: a.createdAt.toISOString() })),
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, status: i.status, expiresAt: i.expiresAt.toISOString() })),
  };
}

type ActionOutcome = {
  errors: { field: string; message: string }[];
  values?: { email: string; role: string };
  done?: string;
  credentials?: { email: string; oneTimePassword?: string; totpSecret?: string; otpauthUri?: string };
};

const PROBLEM_TEXT: Record<Extract<AccountResult, { ok: false }>["problem"], string> = {
  exists: "An account with that email address already exists.",
  notFound: "That account no longer exists.",
  self: "You cannot change your own role or disable yourself. Ask another admin.",
  lastAdmin: "This is the last active admin. Make someone else an admin first.",
  unchanged: "Nothing to change.",
  adminOnServer:
    "Admin accounts cannot be reset on this page, so that one stolen admin sign-in cannot take over the others. Someone with access to the server runs: npm run cli -- staff reset --email <address>. Every other admin is then told by email.",
};

/** Every change: admin only (checked here and again in the service), audited in the same transaction. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const ctx = context.app;
  const changer: AccountChanger = { kind: "staff", actor, meta: context.meta };
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const fail = (errors: ActionOutcome["errors"], values?: ActionOutcome["values"]) => data<ActionOutcome>({ errors, values }, { status: 400 });

  if (intent === "invite") {
    const values = { email: String(form.get("email") ?? "").slice(0, 254), role: String(form.get("role") ?? "") };
    const parsed = InviteStaffSchema.safeParse(values);
    if (!parsed.success) return fail(fieldErrors(parsed.error), values);
    const result = await inviteStaff(ctx, actor, context.meta, parsed.data);
    if (!result.ok && result.problem === "rateLimited") {
      const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
      const message = `You sent many invitations in the last hour. For security, wait ${minutes} minutes, then try again.`;
      return data<ActionOutcome>(
        { errors: [{ field: "email", message }], values },
        { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
    }
    if (!result.ok) return fail([{ field: "email", message: PROBLEM_TEXT.exists }], values);
    const again = result.replaced > 0 ? " The earlier invitation no longer works." : "";
    return data<ActionOutcome>({ errors: [], done: `Invitation sent to ${result.invitation.email} (${result.invitation.role}).${again}` });
  }

  if (intent === "revoke-invite") {
    const target = InvitationTargetSchema.safeParse({ invitationId: form.get("invitationId") });
    if (!target.success) return fail([{ field: "new-email", message: "Choose an invitation." }]);
    const revoked = await revokeInvitation(ctx, actor, context.meta, target.data.invitationId);
    if (!revoked.ok) return fail([{ field: "new-email", message: "That invitation was already used, revoked or replaced." }]);
    return data<ActionOutcome>({ errors: [], done: "Invitation revoked: its link no longer works." });
  }

  const target = StaffTargetSchema.safeParse({ userId: form.get("userId") });
  if (!target.success) return fail([{ field: "new-email", message: "Choose an account." }]);
  const id = target.data.userId;
  let result: AccountResult;
  let done: string;
  switch (intent) {
    case "role": {
      const parsed = ChangeRoleSchema.safeParse({ userId: id, role: form.get("role") });
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      result = await changeStaffRole(ctx, changer, id, parsed.data.role);
      done = `Role changed to ${parsed.data.role}`;
      break;
    }
    case "disable":
      result = await disableStaffAccount(ctx, changer, id);
      done = "Account disabled; its sessions ended";
      break;
    case "enable":
      result = await enableStaffAccount(ctx, changer, id);
      done = "Account enabled";
      break;
    case "reset-totp":
      result = await resetStaffTotp(ctx, changer, id);
      done = "Second factor reset: the new set-up key is confirmed at the next sign-in";
      break;
    case "reset-password":
      result = await resetStaffPassword(ctx, changer, id);
      done = "Password reset: the one-time password is replaced at the next sign-in";
      break;
    default:
      return fail([{ field: "new-email", message: "Unknown action." }]);
  }
  if (!result.ok && result.problem === "adminOnServer") {
    return data<ActionOutcome>({ errors: [{ field: "new-email", message: PROBLEM_TEXT.adminOnServer }] }, { status: 403 });
  }
  if (!result.ok) return fail([{ field: "new-email", message: PROBLEM_TEXT[result.problem] }]);
  const credentials =
    result.oneTimePassword || result.totpSecret
      ? { email: result.user.email, oneTimePassword: result.oneTimePassword, totpSecret: result.totpSecret, otpauthUri: result.otpauthUri }
      : undefined;
  return data<ActionOutcome>({ errors: [], done: `${done} (${result.user.email}).`, credentials });
}

const STATUS_TEXT = { active: "Active", disabled: "Disabled", awaitingFirstSignIn: "Awaiting first sign-in", locked: "Locked (too many attempts)" } as const;

export default function StaffAccounts() {
  const { me, accounts, invitations, emailReady } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const errors = (outcome?.errors ?? []).map((e) => (e.field === "role" || e.field === "email" ? { ...e, field: `new-${e.field}` } : e));
  const has = (f: string) => errors.some((e) => e.field === f);
  return (
    <div className="padding-y-4">
      <h1>Staff accounts</h1>
      <ErrorSummary heading="There is a problem" errors={errors} />
      {outcome?.done ? (
        <div className="usa-alert usa-alert--success margin-bottom-3" role="status" data-testid="staff-change-done">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{outcome.done}</p>
          </div>
        </div>
      ) : null}
      {outcome?.credentials ? (
        <div className="usa-alert usa-alert--warning margin-bottom-3" data-testid="new-credentials">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">Hand these to {outcome.credentials.email} privately — they are shown only now</h2>
            <dl>
              {outcome.credentials.oneTimePassword ? (
                <>
                  <dt>One-time password (replaced at the first sign-in)</dt>
                  <dd className="font-mono-sm" data-testid="one-time-password">
                    {outcome.credentials.oneTimePassword}
                  </dd>
                </>
              ) : null}
              {outcome.credentials.totpSecret ? (
                <>
                  <dt>TOTP set-up key (SHA-1, 6 digits, 30 seconds)</dt>
                  <dd className="font-mono-sm" data-testid="totp-secret">
                    {outcome.credentials.totpSecret}
                  </dd>
                  <dt>otpauth URI</dt>
                  <dd className="font-mono-3xs ec-break-all">{outcome.credentials.otpauthUri}</dd>
                </>
              ) : null}
            </dl>
          </div>
        </div>
      ) : null}

      <InviteForm values={outcome?.values} has={has} emailReady={emailReady} sent={outcome?.done} />

      <h2 className="margin-top-5">Open invitations</h2>
      <InvitationList invitations={invitations} />

      <h2 className="margin-top-5">Accounts</h2>
      <div>
        <table className="usa-table usa-table--striped usa-table--stacked" data-testid="staff-table">
          <caption className="usa-sr-only">Staff accounts</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Last sign-in (UTC)</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id} data-email={a.email}>
                <th scope="row" data-label="Email">
                  {a.email}
                  {a.isDemo ? <span className="usa-tag margin-left-1">demo</span> : null}
                  {a.id === me ? <span className="usa-tag margin-left-1">you</span> : null}
                </th>
                <td data-label="Role">
                  <Form method="post" className="display-flex flex-align-end ec-gap-2">
                    <input type="hidden" name="intent" value="role" />
                    <input type="hidden" name="userId" value={a.id} />
                    <label className="usa-sr-only" htmlFor={`role-${a.id}`}>
                      Role of {a.email}
                    </label>
                    <select className="usa-select margin-top-0 ec-role-select" id={`role-${a.id}`} name="role" defaultValue={a.role} disabled={a.id === me}>
                      {STAFF_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                    {a.id === me ? null : (
                      <button type="submit" className="usa-button usa-button--outline margin-0">
                        Change
                      </button>
                    )}
                  </Form>
                </td>
                <td data-label="Status">{STATUS_TEXT[a.status]}</td>
                <td data-label="Last sign-in (UTC)">{a.lastSignInAt ? a.lastSignInAt.replace("T", " ").slice(0, 16) : "never"}</td>
                <td data-label="Actions">
                  <div className="display-flex flex-wrap ec-gap-2">
                    {a.id === me ? null : (
                      <Form method="post">
                        <input type="hidden" name="intent" value={a.status === "disabled" ? "enable" : "disable"} />
                        <input type="hidden" name="userId" value={a.id} />
                        <button type="submit" className={`usa-button margin-0 ${a.status === "disabled" ? "usa-button--outline" : "usa-button--secondary"}`}>
                          {a.status === "disabled" ? "Enable" : "Disable"}
                          <span className="usa-sr-only"> {a.email}</span>
                        </button>
                      </Form>
                    )}
                    {a.role === "admin" ? (
                      <span className="text-base-dark" data-testid="admin-reset-on-server">
                        Resets: on the server (<code>staff reset</code>)
                      </span>
                    ) : null}
                    {a.role === "admin" ? null : (
                      <>
                        <Form method="post">
                          <input type="hidden" name="intent" value="reset-password" />
                          <input type="hidden" name="userId" value={a.id} />
                          <button type="submit" className="usa-button usa-button--outline margin-0">
                            Reset password<span className="usa-sr-only"> of {a.email}</span>
                          </button>
                        </Form>
                        <Form method="post">
                          <input type="hidden" name="intent" value="reset-totp" />
                          <input type="hidden" name="userId" value={a.id} />
                          <button type="submit" className="usa-button usa-button--outline margin-0">
                            Reset second factor<span className="usa-sr-only"> of {a.email}</span>
                          </button>
                        </Form>
                      </>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
