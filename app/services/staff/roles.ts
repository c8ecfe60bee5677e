/**
 * Staff roles and the signed-in staff member, for checks on the server and for the pages (no
 * `.server`: forms list the roles). The list itself is db/schema/roles.ts.
 */
import { STAFF_ROLES } from "../../../db/schema/roles";

export { STAFF_ROLES };

export type StaffRole = (typeof STAFF_ROLES)[number];
/** The signed-in staff member a request acts for (app/http/staff.server.ts builds it from the session). */
export type StaffActor = { id: string; email: string; role: StaffRole; sessionId: string };

/** True for one of STAFF_ROLES. */
export function isStaffRole(x: unknown): x is StaffRole {
  return typeof x === "string" && (STAFF_ROLES as readonly string[]).includes(x);
}

/** True when `role` is `minimum` or higher (agent < supervisor < admin). */
export function roleAtLeast(role: StaffRole, minimum: StaffRole): boolean {
  return STAFF_ROLES.indexOf(role) >= STAFF_ROLES.indexOf(minimum);
}

/**
 * A service refusing an actor whose role is too low. Services check again where they touch data
 * (the route guard is the first check, not the only one).
 */
export class StaffForbiddenError extends Error {
  constructor(readonly minimumRole: StaffRole) {
    super(`requires ${minimumRole}`);
    this.name = "StaffForbiddenError";
  }
}

/** Throw StaffForbiddenError unless the actor's role is at least `minimum`. */
export function assertRole(actor: StaffActor, minimum: StaffRole): void {
  if (!roleAtLeast(actor.role, minimum)) throw new StaffForbiddenError(minimum);
}
