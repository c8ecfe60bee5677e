import { and, eq, gt } from "drizzle-orm";
import { notices } from "../../../db/schema/index";
import { recordAuditEvent } from "../audit/record.server";
import type { AppContext, RequestMeta } from "../context.server";
import { assertRole, type StaffActor } from "../staff/roles";
import { normalizeReferenceNumber } from "./activation-code.server";

export type UnlockResult = { kind: "unlocked" } | { kind: "notLocked" } | { kind: "notFound" };

/**
 * The call center lifts a notice's lock after verifying the caller (DESIGN.md "Guessing"): the
 * failure count starts again. The seam for the call-center console: it records who, the call
 * reference and the reason in the audit trail, in the same transaction.
 */
export async function unlockNotice(
  ctx: AppContext,
  actor: StaffActor,
  meta: RequestMeta,
  input: { referenceNumber: string; callReference: string; reason: string },
): Promise<UnlockResult> {
  assertRole(actor, "agent");
  const reference = normalizeReferenceNumber(input.referenceNumber);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [notice] = reference
      ? await tx.select({ id: notices.id, lockedUntil: notices.lockedUntil }).from(notices).where(eq(notices.referenceNumber, reference))
      : [];
    const locked = notice?.lockedUntil && notice.lockedUntil > now;
    if (notice && locked) {
      await tx
        .update(notices)
        .set({ lockedUntil: null, failedChecks: 0 })
        .where(and(eq(notices.id, notice.id), gt(notices.lockedUntil, now)));
    }
    await recordAuditEvent(tx, {
      at: now,
      actorType: "staff",
      actorId: actor.id,
      actorRole: actor.role,
      action: "notice.unlock",
      subjectType: "notice",
      subjectId: notice ? String(notice.id) : null,
      reason: input.reason.slice(0, 500),
      callReference: input.callReference.slice(0, 64),
      ip: meta.ip,
      requestId: meta.requestId,
      outcome: notice && locked ? "success" : "failure",
    });
    return !notice ? { kind: "notFound" } : locked ? { kind: "unlocked" } : { kind: "notLocked" };
  });
}
