/**
 * Who does something, as an audit row names them: a signed-in staff member (by account id and
 * role) or the admin command line (by operating-system user). Services that act on behalf of
 * someone take one of these; routes build it from the signed-in staff member with `staffActor`.
 */
export type Actor = { actorType: "staff" | "cli"; actorId: string; actorRole: string };

/** The Actor of a signed-in staff member. */
export function staffActor(staff: { id: string; role: string }): Actor {
  return { actorType: "staff", actorId: staff.id, actorRole: staff.role };
}
