import type { AppContext, RequestMeta } from "../context.server";
import { recordAuditEvent } from "../audit/record.server";

export type StaffRole = "agent" | "supervisor" | "admin";
export type StaffActor = { id: string; email: string; role: StaffRole; sessionId: string };

/** agent < supervisor < admin. */
export const STAFF_ROLES: readonly StaffRole[] = ["agent", "supervisor", "admin"];

export function isStaffRole(x: unknown): x is StaffRole {
  return typeof x === "string" && (STAFF_ROLES as readonly string[]).includes(x);
}

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

export function assertRole(actor: StaffActor, minimum: StaffRole): void {
  if (!roleAtLeast(actor.role, minimum)) throw new StaffForbiddenError(minimum);
}

/** Write the refusal of a staff member whose role is too low; the caller then answers 403. */
export async function recordAccessDenied(
  ctx: AppContext,
  meta: RequestMeta | undefined,
  actor: StaffActor,
  input: { path: string; method: string; minimumRole: StaffRole },
): Promise<void> {
  await ctx.db.transaction((tx) =>
    recordAuditEvent(tx, {
      at: ctx.now(),
      actorType: "staff",
      actorId: actor.id,
      actorRole: actor.role,
      action: "staff.access.denied",
      subjectType: "route",
      subjectId: input.path,
      ip: meta?.ip,
      requestId: meta?.requestId,
      outcome: "denied",
      details: { method: input.method, minimumRole: input.minimumRole, sessionId: actor.sessionId },
    }),
  );
}
