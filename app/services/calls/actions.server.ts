import { and, eq, isNull, sql } from "drizzle-orm";
import { endSessionsOfNotice } from "../patient/session.server";
import type { Db } from "../../../db/client";
import { batches, calls, enrollments, notices, reprintRequests } from "../../../db/schema/index";
import { recordAuditEvent, type AuditInput } from "../audit/record.server";
import type { AppContext, RequestMeta } from "../context.server";
import { EMAIL_FIELD, enqueueEmail } from "../email/queue.server";
import { enrollOnBehalf } from "../enrollment/enroll.server";
import { generateActivationCode, hashActivationCode } from "../notices/activation-code.server";
import { countWrongAttemptSet, HELD_LEVEL, lockReturning } from "../notices/lock.server";
import { unlockNotice } from "../notices/unlock.server";
import { assertRole, type StaffActor } from "../staff/roles";
import { rowsOf } from "../batches/sql.server";
import { loadOwnCall, MAX_VERIFY_FAILURES_PER_CALL } from "./call.server";
import type { AgentDisposition, CallAction } from "./schemas";

/**
 * What an action did, for the route to turn into a status: `notFound` 404, `ended` 409,
 * `unverified` 403 (any help action before a passed verification), `problem` 400 or 409 with a
 * message key, `done` a redirect back to the call (or, for `end`, to the lookup page).
 */
export type CallActionResult =
  { kind: "done"; message: string; ended?: boolean } | { kind: "problem"; message: string } | { kind: "unverified" } | { kind: "ended" } | { kind: "notFound" };

/**
 * Intents allowed before verification has passed: verifying itself, the script language, and the
 * caller hanging up. `end` (a disposition) needs a verification outcome first — passed, or failed
 * (then typically "wrong person / not found" or "suspected fraud").
 */
const BEFORE_VERIFICATION = new Set<CallAction["intent"]>(["verify", "language", "hangup"]);

function allowedBeforePass(intent: CallAction["intent"], verification: string): boolean {
  return BEFORE_VERIFICATION.has(intent) || (intent === "end" && verification === "failed");
}

/**
 * One post on the call page. The call must be this agent's and open; every intent except
 * verify/language/end needs a passed verification — checked here, on the server, whatever the
 * page showed, and a refusal is audited (`staff.access.denied`). Each action writes its audit row
 * (with the call reference) in the transaction of its change.
 */
export async function performCallAction(ctx: AppContext, actor: StaffActor, meta: RequestMeta, callId: string, action: CallAction): Promise<CallActionResult> {
  assertRole(actor, "agent");
  const gate = await ctx.db.transaction(async (tx) => {
    const row = await loadOwnCall(tx, actor, callId);
    if (!row) return { kind: "notFound" as const };
    if (row.call.endedAt) return { kind: "ended" as const };
    if (row.call.verification !== "passed" && !allowedBeforePass(action.intent, row.call.verification)) {
      await recordAuditEvent(tx, {
        ...auditBase(ctx, actor, meta, row.call),
        action: "staff.access.denied",
        subjectType: "call",
        subjectId: row.call.id,
        outcome: "denied",
        details: { intent: action.intent, why: "not_verified" },
      });
      return { kind: "unverified" as const };
    }
    return { kind: "ok" as const, row };
  });
  if (gate.kind !== "ok") return gate;
  const { call, notice } = gate.row;

  switch (action.intent) {
    case "verify":
      return verify(ctx, actor, meta, callId, action.outcome);
    case "language":
      await ctx.db
        .update(calls)
        .set({ language: action.lang })
        .where(and(eq(calls.id, callId), isNull(calls.endedAt)));
      return { kind: "done", message: "language" };
    case "unlock": {
      const r = await unlockNotice(ctx, actor, meta, { referenceNumber: notice.referenceNumber, callReference: call.callReference, reason: call.reason });
      return r.kind === "unlocked" ? { kind: "done", message: "unlocked" } : { kind: "problem", message: "notLocked" };
    }
    case "enroll": {
      const r = await enrollOnBehalf(ctx, actor, meta, {
        noticeId: notice.id,
        verbalConsent: true,
        callReference: call.callReference,
        email: action.email ?? null,
        guardianName: action.guardianName ?? null,
        language: call.language,
      });
      if (r.kind === "enrolled" || r.kind === "waiting") return { kind: "done", message: r.created ? `enroll_${r.kind}` : "enroll_already" };
      if (r.kind === "invalid") return { kind: "problem", message: r.problem === "guardian_name" ? "guardianRequired" : "consentRequired" };
      return { kind: "problem", message: `offer_${r.kind}` };
    }
    case "resend":
      return resend(ctx, actor, meta, call, notice.id);
    case "email":
      return changeEmail(ctx, actor, meta, call, notice.id, action.email);
    case "reissue":
      return reissue(ctx, actor, meta, call, notice.id);
    case "flag":
      return flag(ctx, actor, meta, call, notice.id, action.flag);
    case "end":
      return endCall(ctx, actor, meta, callId, action.disposition, action.note);
    case "hangup":
      return endCall(ctx, actor, meta, callId, "abandoned", "");
  }
}

function auditBase(ctx: AppContext, actor: StaffActor, meta: RequestMeta, call: { callReference: string; reason: string }) {
  return {
    at: ctx.now(),
    actorType: "staff" as const,
    actorId: actor.id,
    actorRole: actor.role,
    reason: call.reason,
    callReference: call.callReference,
    ip: meta.ip,
    requestId: meta.requestId,
  } satisfies Partial<AuditInput>;
}

/** The audit row of a call action that succeeded on the caller's notice, in the action's transaction. */
function recordCallSuccess(
  tx: Parameters<typeof recordAuditEvent>[0],
  ctx: AppContext,
  actor: StaffActor,
  meta: RequestMeta,
  call: { callReference: string; reason: string },
  noticeId: number,
  action: AuditInput["action"],
  details: AuditInput["details"],
) {
  return recordAuditEvent(tx, {
    ...auditBase(ctx, actor, meta, call),
    action,
    subjectType: "notice",
    subjectId: String(noticeId),
    outcome: "success",
    details,
  });
}

/**
 * Record the agent's verification. A failure counts toward the notice's lock exactly like a
 * patient's wrong date of birth (10 in a row lock it for an hour); a call allows
 * MAX_VERIFY_FAILURES_PER_CALL of them.
 */
async function verify(ctx: AppContext, actor: StaffActor, meta: RequestMeta, callId: string, outcome: "pass" | "fail"): Promise<CallActionResult> {
  return ctx.db.transaction(async (tx) => {
    const row = await loadOwnCall(tx, actor, callId, true);
    if (!row || row.call.endedAt) return { kind: "ended" };
    if (row.call.verification === "passed") return { kind: "done", message: "verified" };
    if (row.call.verifyFailures >= MAX_VERIFY_FAILURES_PER_CALL) return { kind: "problem", message: "tooManyFailures" };
    const now = ctx.now();
    const base = { ...auditBase(ctx, actor, meta, row.call), action: "call.verify" as const, subjectType: "notice", subjectId: String(row.notice.id) };
    if (outcome === "pass") {
      await tx.update(calls).set({ verification: "passed", verifiedAt: now }).where(eq(calls.id, callId));
      await recordAuditEvent(tx, { ...base, outcome: "success", details: { callId } });
      return { kind: "done", message: "verified" };
    }
    await tx
      .update(calls)
      .set({ verification: "failed", verifyFailures: sql`${calls.verifyFailures} + 1` })
      .where(eq(calls.id, callId));
    const { locked, held } = await countFailureTowardLock(tx, row.notice.id, now);
    await recordAuditEvent(tx, { ...base, outcome: "failure", details: { callId, locked } });
    if (held) {
      // The third lock in the window: held until unlocked, and the supervisors alerted (decision 043).
      await recordAuditEvent(tx, {
        at: now,
        actorType: "system",
        action: "notice.lock.held",
        subjectType: "notice",
        subjectId: String(row.notice.id),
        outcome: "success",
      });
    }
    return { kind: "done", message: locked ? "verifyFailedLocked" : "verifyFailed" };
  });
}

/**
 * The same counting and escalation as the patient check's wrong date of birth (notices/lock.server.ts),
 * in one statement; a notice already locked stays as it is. Whether the notice is locked now.
 */
async function countFailureTowardLock(tx: Db, noticeId: number, now: Date): Promise<{ locked: boolean; held: boolean }> {
  const nowText = now.toISOString();
  const [after] = await rowsOf<{ locked: boolean; level: number }>(
    tx,
    sql`update notices set ${countWrongAttemptSet(now)}
        where id = ${noticeId} and (locked_until is null or locked_until <= ${nowText}::timestamptz)
        returning ${lockReturning}`,
  );
  if (!after) return { locked: true, held: false }; // locked already
  return { locked: after.locked, held: after.locked && Number(after.level) === HELD_LEVEL };
}

type OpenCall = { id: string; callReference: string; reason: string };

/** Queue the enrollment confirmation again (once per call), to the enrollment's or the letter's address. */
async function resend(ctx: AppContext, actor: StaffActor, meta: RequestMeta, call: OpenCall, noticeId: number): Promise<CallActionResult> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ enrollment: enrollments, noticeEmail: notices.emailEnc })
      .from(enrollments)
      .innerJoin(notices, eq(notices.id, enrollments.noticeId))
      .where(eq(enrollments.noticeId, noticeId));
    if (!row || row.enrollment.status !== "enrolled") return { kind: "problem", message: "notEnrolled" };
    const to = row.enrollment.emailEnc ?? row.noticeEmail;
    if (!to) return { kind: "problem", message: "noEmail" };
    const queued = await enqueueEmail(tx, ctx, {
      kind: "enrollment_confirmed",
      language: row.enrollment.language,
      dedupeKey: `enrollment:${row.enrollment.id}:resend:${call.id}`,
      to: { encrypted: to },
      noticeId,
    });
    await recordCallSuccess(tx, ctx, actor, meta, call, noticeId, "enrollment.resend", { callId: call.id, enrollmentId: row.enrollment.id, queued });
    return { kind: "done", message: queued ? "resent" : "resentAlready" };
  });
}

/** Change where confirmations go: the enrollment's address when enrolled, else the letter's. */
async function changeEmail(ctx: AppContext, actor: StaffActor, meta: RequestMeta, call: OpenCall, noticeId: number, email: string): Promise<CallActionResult> {
  return ctx.db.transaction(async (tx) => {
    const enc = ctx.cipher.encrypt(EMAIL_FIELD, email);
    const changed = await tx.update(enrollments).set({ emailEnc: enc }).where(eq(enrollments.noticeId, noticeId)).returning({ id: enrollments.id });
    if (!changed.length) await tx.update(notices).set({ emailEnc: enc }).where(eq(notices.id, noticeId));
    await recordCallSuccess(tx, ctx, actor, meta, call, noticeId, "notice.email.change", { callId: call.id, on: changed.length ? "enrollment" : "notice" });
    return { kind: "done", message: "emailChanged" };
  });
}

/**
 * A lost letter: a new activation code replaces the old one at once (the old hash is gone, so the
 * old code fails the check from this commit on), locks and a fraud flag are cleared, and the new
 * code waits — encrypted — in the reprint queue for the admin's `reprint export`. A second
 * reissue before the export replaces the queued code (only the newest letter is printed).
 */
async function reissue(ctx: AppContext, actor: StaffActor, meta: RequestMeta, call: OpenCall, noticeId: number): Promise<CallActionResult> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: notices.id, batchStatus: batches.status })
      .from(notices)
      .innerJoin(batches, eq(batches.id, notices.batchId))
      .where(and(eq(notices.id, noticeId), isNull(notices.purgedAt)))
      .for("update", { of: notices });
    if (!row || row.batchStatus !== "mailed") return { kind: "problem", message: "cannotReissue" };
    const now = ctx.now();
    const code = generateActivationCode();
    await tx
      .update(notices)
      .set({ codeHash: hashActivationCode(ctx.config.codePepper, code), failedChecks: 0, lockedUntil: null, revokedAt: null, fraudFlaggedAt: null })
      .where(eq(notices.id, noticeId));
    // Patient sessions opened with the old code end now (issue 15, finding 6).
    await endSessionsOfNotice(tx, noticeId, now);
    const codeEnc = ctx.cipher.encrypt("code", code);
    const replaced = await tx
      .update(reprintRequests)
      .set({ codeEnc, callId: call.id, requestedBy: actor.id, requestedAt: now })
      .where(and(eq(reprintRequests.noticeId, noticeId), isNull(reprintRequests.exportedAt)))
      .returning({ id: reprintRequests.id });
    const [queued] = replaced.length
      ? replaced
      : await tx
          .insert(reprintRequests)
          .values({ noticeId, callId: call.id, requestedBy: actor.id, requestedAt: now, codeEnc })
          .returning({ id: reprintRequests.id });
    await recordCallSuccess(tx, ctx, actor, meta, call, noticeId, "notice.reissue", { kind: "call_center", callId: call.id, reprintId: queued!.id });
    return { kind: "done", message: "reissued" };
  });
}

/**
 * Flags (docs/decisions/061-notice-flags.md):
 * - `fraud`: the patient check refuses every code of this notice (the same answer as a wrong
 *   code) and open patient sessions end; a reissued letter to the address on file clears it.
 * - `deceased`: the notice becomes a deceased person's (as if the batch file said so): the check
 *   still works for the next of kin, the exposure page speaks to them, and no enrollment is offered.
 */
async function flag(
  ctx: AppContext,
  actor: StaffActor,
  meta: RequestMeta,
  call: OpenCall,
  noticeId: number,
  which: "fraud" | "deceased",
): Promise<CallActionResult> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    if (which === "fraud") {
      await tx
        .update(notices)
        .set({ fraudFlaggedAt: now })
        .where(and(eq(notices.id, noticeId), isNull(notices.fraudFlaggedAt)));
      await endSessionsOfNotice(tx, noticeId, now);
    } else {
      await tx.update(notices).set({ isDeceased: true }).where(eq(notices.id, noticeId));
    }
    await recordCallSuccess(tx, ctx, actor, meta, call, noticeId, "notice.flag", { callId: call.id, flag: which });
    return { kind: "done", message: which === "fraud" ? "flaggedFraud" : "flaggedDeceased" };
  });
}

/** End the call once; `abandoned` only when the caller hung up before verification (or by the sweep). */
async function endCall(
  ctx: AppContext,
  actor: StaffActor,
  meta: RequestMeta,
  callId: string,
  disposition: AgentDisposition | "abandoned",
  note: string,
): Promise<CallActionResult> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    const [ended] = await tx
      .update(calls)
      .set({ endedAt: now, disposition, note: note || null })
      .where(and(eq(calls.id, callId), eq(calls.agentId, actor.id), isNull(calls.endedAt)))
      .returning();
    if (!ended) return { kind: "ended" };
    await recordCallSuccess(tx, ctx, actor, meta, ended, ended.noticeId, "call.end", {
      callId,
      disposition,
      handlingSeconds: Math.round((now.getTime() - ended.startedAt.getTime()) / 1000),
      noteGiven: Boolean(note),
    });
    return { kind: "done", message: "ended", ended: true };
  });
}
