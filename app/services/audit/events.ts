/**
 * The closed list of audit event types. Adding one is a deliberate change here; the database
 * stores the string, and `recordAuditEvent` refuses anything not in this list.
 */
export const AUDIT_ACTIONS = [
  // patients (never with the code, the date of birth or categories)
  "patient.check",
  "patient.check.locked",
  "patient.signout",
  // staff sessions and accounts
  "staff.login",
  "staff.login.totp",
  "staff.logout",
  "staff.password.change",
  "staff.totp.confirm",
  "staff.create",
  "staff.role.change",
  "staff.disable",
  "staff.enable",
  "staff.totp.reset",
  "staff.password.reset",
  "staff.session.expired",
  "staff.access.denied",
  "staff.invite",
  "staff.invite.revoke",
  "staff.invite.open",
  "staff.invite.accept",
  // notices
  "notice.search",
  "notice.view",
  "notice.unlock",
  "notice.lock.held",
  "notice.reissue",
  "notice.note",
  "notice.flag",
  "notice.email.change",
  // the call center
  "call.verify",
  "call.end",
  "call.lookup.limit",
  "calls.overview.view",
  "reprint.export",
  "demo.notices.revoke",
  // data in and out
  "batch.upload",
  "batch.import",
  "batch.mark_mailed",
  "batch.mailing.export",
  "batch.report.download",
  "returned_mail.upload",
  "report.view",
  "report.download",
  "audit.view",
  "audit.export",
  "pool.import",
  "enrollment.create",
  "enrollment.resend",
  "enrollment.fulfill",
  "outbox.retry",
  "outbox.view",
  "incident.create",
  "incident.update",
  "incident.view",
  "incident.purge",
  "organization.create",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(x: string): x is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(x);
}
