import { Form } from "@remix-run/react";
import { STAFF_ROLES } from "~/services/staff/roles";

export type InvitationRow = { id: string; email: string; role: string; expiresAt: string; status: "pending" | "expired" };

/** The admin staff page's invitation form: email and role; the link goes by email, no password on screen. */
export function InviteForm({
  values,
  has,
  emailReady,
  sent,
}: {
  values?: { email: string; role: string };
  has: (f: string) => boolean;
  emailReady: boolean;
  /** Set after an invitation went out: the form starts empty again (with JavaScript too). */
  sent?: string;
}) {
  return (
    <>
      <h2>Invite a staff member</h2>
      <p>
        We email them a link that works once, for 72 hours. On that page they choose their password and set up an authenticator app. No password is shown here
        or sent by email.
      </p>
      {emailReady ? null : (
        <div className="usa-alert usa-alert--info usa-alert--slim margin-bottom-2" data-testid="outbox-only">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              Email is not set up on this server (no RESEND_API_KEY): the invitation waits in the outbox, where an admin can read the link and hand it over
              privately.
            </p>
          </div>
        </div>
      )}
      <Form method="post" className="usa-form" data-testid="invite-staff" key={sent ?? "form"}>
        <input type="hidden" name="intent" value="invite" />
        <div className={has("new-email") ? "usa-form-group usa-form-group--error" : "usa-form-group"}>
          <label className="usa-label" htmlFor="new-email">
            Work email address
          </label>
          <input
            className="usa-input"
            id="new-email"
            name="email"
            type="email"
            autoComplete="off"
            required
            maxLength={254}
            defaultValue={values?.email ?? ""}
          />
        </div>
        <div className={has("new-role") ? "usa-form-group usa-form-group--error" : "usa-form-group"}>
          <label className="usa-label" htmlFor="new-role">
            Role
          </label>
          <select className="usa-select" id="new-role" name="role" defaultValue={values?.role || "agent"}>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="usa-button">
          Send invitation
        </button>
      </Form>
    </>
  );
}

/** Open invitations with a Revoke button each. */
export function InvitationList({ invitations }: { invitations: InvitationRow[] }) {
  if (invitations.length === 0) return <p data-testid="invitations-none">No open invitations.</p>;
  return (
    <table className="usa-table usa-table--striped usa-table--stacked" data-testid="invitations-table">
      <caption className="usa-sr-only">Open invitations</caption>
      <thead>
        <tr>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Link works until (UTC)</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {invitations.map((i) => (
          <tr key={i.id} data-email={i.email} data-status={i.status}>
            <th scope="row" data-label="Email">
              {i.email}
            </th>
            <td data-label="Role">{i.role}</td>
            <td data-label="Link works until (UTC)">{i.status === "expired" ? "expired" : i.expiresAt.replace("T", " ").slice(0, 16)}</td>
            <td data-label="Actions">
              <Form method="post">
                <input type="hidden" name="intent" value="revoke-invite" />
                <input type="hidden" name="invitationId" value={i.id} />
                <button type="submit" className="usa-button usa-button--secondary margin-0">
                  Revoke<span className="usa-sr-only"> the invitation of {i.email}</span>
                </button>
              </Form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
