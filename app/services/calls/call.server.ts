import { and, desc, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { auditEvents, batches, calls, enrollments, incidents, notices, organizations, reprintRequests, type Call } from "../../../db/schema/index";
import { isCategoryKey, sortBySeverity, type CategoryKey } from "~/content/categories";
import { recordAuditEvent } from "../audit/record.server";
import type { AppContext, RequestMeta } from "../context.server";
import { offerState, type OfferState } from "../enrollment/offer.server";
import { toPublicIncident, type PublicIncident } from "../incidents/current.server";
import { isHeld } from "../notices/lock.server";
import type { SealedAddress, SealedName } from "../notices/seal.server";
import { assertRole, type StaffActor } from "../staff/roles";

/** Failed verifications one call may record; then the agent ends the call. */
export const MAX_VERIFY_FAILURES_PER_CALL = 3;

export type CallSummary = {
  id: string;
  callReference: string;
  reason: string;
  referenceNumber: string;
  language: "en" | "es";
  startedAt: string;
  endedAt: string | null;
  disposition: Call["disposition"];
  verification: Call["verification"];
  verifyFailures: number;
  canVerify: boolean;
};

/** What the agent compares with what the caller says: nothing else shows before a pass. */
export type VerifyFacts = { fullName: string; dateOfBirth: string; addressLines: string[]; audience: "adult" | "minor" | "deceased" };

export type HistoryItem = { at: string; action: string; outcome: string; by: string };

/** After a passed verification: what the patient would see, and what the agent can do. */
export type CallHelp = {
  categories: CategoryKey[];
  audience: "adult" | "minor" | "deceased";
  organizationName: string;
  letterDate: string;
  incident: PublicIncident;
  offer: OfferState;
  enrollment: { status: "enrolled" | "waiting"; channel: string; emailOnFile: boolean } | null;
  emailOnNotice: boolean;
  lockedUntil: string | null;
  /** Held until unlocked (the third lock in the window, decision 043), not a lock that runs out. */
  lockHeld: boolean;
  fraudFlagged: boolean;
  reprintPending: boolean;
  history: HistoryItem[];
  earlierCalls: { startedAt: string; disposition: string | null }[];
};

/** What the read-aloud scripts fill in: the incident's public facts, never the caller's. */
export type ScriptFacts = { breachedEntity: string; tollFreePhone: string; partnerName: string; offerMonths: number; enrollBy: string };

export type CallPage = { call: CallSummary; script: ScriptFacts; verify: VerifyFacts | null; help: CallHelp | null };

type CallRow = { call: Call; notice: typeof notices.$inferSelect };

/** The call, only for the agent who took it; with its notice. `forUpdate` locks the call row. */
export async function loadOwnCall(tx: Db, actor: StaffActor, callId: string, forUpdate = false): Promise<CallRow | null> {
  const q = tx
    .select({ call: calls, notice: notices })
    .from(calls)
    .innerJoin(notices, eq(notices.id, calls.noticeId))
    .where(and(eq(calls.id, callId), eq(calls.agentId, actor.id)));
  const [row] = forUpdate ? await q.for("update", { of: calls }) : await q;
  return row ?? null;
}

function summary(row: CallRow): CallSummary {
  const c = row.call;
  return {
    id: c.id,
    callReference: c.callReference,
    reason: c.reason,
    referenceNumber: row.notice.referenceNumber,
    language: c.language,
    startedAt: c.startedAt.toISOString(),
    endedAt: c.endedAt?.toISOString() ?? null,
    disposition: c.disposition,
    verification: c.verification,
    verifyFailures: c.verifyFailures,
    canVerify: !c.endedAt && c.verification !== "passed" && c.verifyFailures < MAX_VERIFY_FAILURES_PER_CALL,
  };
}

/**
 * The call page. Before a passed verification: the call and the facts to verify (name, date of
 * birth, postal address) — no categories, no enrollment, no history. After: what the patient's
 * exposure page shows, the notice's state and its history (events only, never audit details).
 * An ended call shows its summary only. Every read of the notice writes `notice.view` in the same
 * transaction. Null when the call does not exist or is another agent's.
 */
export async function getCallPage(ctx: AppContext, actor: StaffActor, meta: RequestMeta, callId: string): Promise<CallPage | null> {
  assertRole(actor, "agent");
  return ctx.db.transaction(async (tx) => {
    const row = await loadOwnCall(tx, actor, callId);
    if (!row) return null;
    const call = summary(row);
    const [script] = await tx
      .select({
        breachedEntity: incidents.breachedEntity,
        tollFreePhone: incidents.tollFreePhone,
        partnerName: incidents.partnerName,
        offerMonths: incidents.offerMonths,
        enrollBy: incidents.enrollBy,
      })
      .from(incidents)
      .where(eq(incidents.id, row.notice.incidentId));
    if (row.call.endedAt) return { call, script: script!, verify: null, help: null };
    const stage = row.call.verification === "passed" ? "help" : "verify";
    await recordAuditEvent(tx, {
      at: ctx.now(),
      actorType: "staff",
      actorId: actor.id,
      actorRole: actor.role,
      action: "notice.view",
      subjectType: "notice",
      subjectId: String(row.notice.id),
      reason: row.call.reason,
      callReference: row.call.callReference,
      ip: meta.ip,
      requestId: meta.requestId,
      outcome: "success",
      details: { callId: row.call.id, stage },
    });
    if (stage === "verify") return { call, script: script!, verify: verifyFacts(ctx, row.notice), help: null };
    return { call, script: script!, verify: null, help: await helpFor(tx, ctx, row) };
  });
}

function audienceOf(n: { isDeceased: boolean; isMinor: boolean }): "adult" | "minor" | "deceased" {
  return n.isDeceased ? "deceased" : n.isMinor ? "minor" : "adult";
}

function verifyFacts(ctx: AppContext, n: typeof notices.$inferSelect): VerifyFacts {
  const name = n.nameEnc ? ctx.cipher.decryptJson<SealedName>("name", n.nameEnc) : null;
  const address = n.addressEnc ? ctx.cipher.decryptJson<SealedAddress>("address", n.addressEnc) : null;
  return {
    fullName: name ? [name.first, name.middle, name.last, name.suffix].filter(Boolean).join(" ") : "",
    dateOfBirth: n.dobEnc ? ctx.cipher.decrypt("dob", n.dobEnc) : "",
    addressLines: address ? [address.line1, address.line2, `${address.city}, ${address.state} ${address.zip}`].filter((l): l is string => Boolean(l)) : [],
    audience: audienceOf(n),
  };
}

async function helpFor(tx: Db, ctx: AppContext, row: CallRow): Promise<CallHelp> {
  const n = row.notice;
  const now = ctx.now();
  const [ctxRow] = await tx
    .select({ organizationName: organizations.name, batch: batches, incident: incidents })
    .from(batches)
    .innerJoin(organizations, eq(organizations.id, batches.organizationId))
    .innerJoin(incidents, eq(incidents.id, batches.incidentId))
    .where(eq(batches.id, n.batchId));
  const [enrollment] = await tx.select().from(enrollments).where(eq(enrollments.noticeId, n.id));
  const [pending] = await tx
    .select({ id: reprintRequests.id, exportedAt: reprintRequests.exportedAt })
    .from(reprintRequests)
    .where(eq(reprintRequests.noticeId, n.id))
    .orderBy(desc(reprintRequests.id))
    .limit(1);
  const history = await tx
    .select({
      at: auditEvents.at,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      actorType: auditEvents.actorType,
      actorRole: auditEvents.actorRole,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, "notice"), eq(auditEvents.subjectId, String(n.id))))
    .orderBy(desc(auditEvents.id))
    .limit(40);
  const earlier = await tx
    .select({ startedAt: calls.startedAt, disposition: calls.disposition })
    .from(calls)
    .where(and(eq(calls.noticeId, n.id), ne(calls.id, row.call.id)))
    .orderBy(desc(calls.startedAt))
    .limit(20);
  return {
    categories: sortBySeverity(n.categories.filter(isCategoryKey)),
    audience: audienceOf(n),
    organizationName: ctxRow!.organizationName,
    letterDate: ctxRow!.batch.mailedOn ?? ctxRow!.batch.mailingDate,
    incident: toPublicIncident(ctxRow!.incident),
    offer: offerState(ctxRow!.incident, n, now),
    enrollment: enrollment ? { status: enrollment.status, channel: enrollment.channel, emailOnFile: Boolean(enrollment.emailEnc ?? n.emailEnc) } : null,
    emailOnNotice: Boolean(n.emailEnc),
    lockedUntil: n.lockedUntil && n.lockedUntil > now ? n.lockedUntil.toISOString() : null,
    lockHeld: isHeld(n.lockedUntil),
    fraudFlagged: Boolean(n.fraudFlaggedAt),
    reprintPending: Boolean(pending && !pending.exportedAt),
    history: history.map((h) => ({
      at: h.at.toISOString(),
      action: h.action,
      outcome: h.outcome,
      by: h.actorType === "staff" ? (h.actorRole ?? "staff") : h.actorType,
    })),
    earlierCalls: earlier.map((e) => ({ startedAt: e.startedAt.toISOString(), disposition: e.disposition })),
  };
}

/** The agent's calls still open (no personal data: reference, when, where verification stands). */
export async function listOpenCalls(
  ctx: AppContext,
  actor: StaffActor,
): Promise<{ id: string; callReference: string; startedAt: string; verification: string }[]> {
  const rows = await ctx.db
    .select({ id: calls.id, callReference: calls.callReference, startedAt: calls.startedAt, verification: calls.verification, endedAt: calls.endedAt })
    .from(calls)
    .where(and(eq(calls.agentId, actor.id), isNull(calls.endedAt)))
    .orderBy(desc(calls.startedAt))
    .limit(50);
  return rows.map((r) => ({ id: r.id, callReference: r.callReference, startedAt: r.startedAt.toISOString(), verification: r.verification }));
}
