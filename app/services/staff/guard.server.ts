import type { AppContext, RequestMeta } from "../context.server";
import { recordAuditEvent } from "../audit/record.server";
import type { StaffActor, StaffRole } from "./roles";

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
