import { and, eq, isNull, type SQL } from "drizzle-orm";
import { batches, calls, notices } from "../../../db/schema/index";
import { recordAuditEvent } from "../audit/record.server";
import type { AppContext, RequestMeta } from "../context.server";
import { hashActivationCode, normalizeReferenceNumber, parseActivationCode } from "../notices/activation-code.server";
import { searchHashFor } from "../notices/seal.server";
import { assertRole, type StaffActor } from "../staff/roles";
import { noticeInCurrentIncident } from "../incidents/current.server";
import { countLookup } from "./lookup-limit.server";
import type { LookupInput } from "./schemas";

export type LookupResult = { kind: "found"; callId: string } | { kind: "none" } | { kind: "many" } | { kind: "refused"; retryAfterSeconds: number };

/**
 * An agent starts a call: find one notice by reference number, by activation code, or by last
 * name + date of birth + ZIP through the `search_hash` blind index — exact matches only.
 *
 * One transaction, one commit: the lookup is counted against the agent's hourly limit first
 * (lookup-limit.server.ts; a refusal commits the count alone), then one indexed SELECT (at most two
 * rows: "several" is all we need to know), the audit row `notice.search` with the call reference,
 * the reason, how and how many — hit or miss — and, on exactly one match, the call row. Several matches reveal none of them.
 * Only notices of mailed batches that are not purged can be found: no caller holds any other letter.
 */
export async function lookupCaller(ctx: AppContext, actor: StaffActor, meta: RequestMeta, input: LookupInput): Promise<LookupResult> {
  assertRole(actor, "agent");
  const where = whereFor(ctx, input);
  return ctx.db.transaction(async (tx) => {
    const allowance = await countLookup(tx, ctx, actor, meta, input.callReference);
    if (allowance.kind === "refused") return { kind: "refused", retryAfterSeconds: allowance.retryAfterSeconds };
    if (allowance.delayMs > 0) await ctx.sleep(allowance.delayMs);
    const found = where
      ? await tx
          .select({ id: notices.id, language: notices.language })
          .from(notices)
          .innerJoin(batches, eq(batches.id, notices.batchId))
          .where(and(where, eq(batches.status, "mailed"), isNull(notices.purgedAt), noticeInCurrentIncident(ctx.config.incidentSlug)))
          .limit(2)
      : [];
    const now = ctx.now();
    const one = found.length === 1 ? found[0]! : null;
    let callId: string | null = null;
    if (one) {
      const [call] = await tx
        .insert(calls)
        .values({
          noticeId: one.id,
          agentId: actor.id,
          staffSessionId: actor.sessionId,
          callReference: input.callReference,
          reason: input.reason,
          lookupBy: input.criteria.by,
          language: one.language,
          startedAt: now,
        })
        .returning({ id: calls.id });
      callId = call!.id;
    }
    await recordAuditEvent(tx, {
      at: now,
      actorType: "staff",
      actorId: actor.id,
      actorRole: actor.role,
      action: "notice.search",
      subjectType: one ? "notice" : null,
      subjectId: one ? String(one.id) : null,
      reason: input.reason,
      callReference: input.callReference,
      ip: meta.ip,
      requestId: meta.requestId,
      outcome: one ? "success" : "failure",
      details: { by: input.criteria.by, matches: found.length > 1 ? "many" : found.length, callId, slowedMs: allowance.delayMs || null },
    });
    if (callId) return { kind: "found", callId };
    return found.length > 1 ? { kind: "many" } : { kind: "none" };
  });
}

function whereFor(ctx: AppContext, input: LookupInput): SQL | null {
  const c = input.criteria;
  if (c.by === "reference") {
    const reference = normalizeReferenceNumber(c.referenceNumber);
    return reference ? eq(notices.referenceNumber, reference) : null;
  }
  if (c.by === "code") {
    const parsed = parseActivationCode(c.activationCode);
    return parsed.kind === "ok" ? eq(notices.codeHash, hashActivationCode(ctx.config.codePepper, parsed.code)) : null;
  }
  return eq(notices.searchHash, searchHashFor(ctx.config.codePepper, c.lastName, c.dateOfBirth, c.zip));
}
