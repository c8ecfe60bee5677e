import { and, eq, isNull, sql } from "drizzle-orm";
import { batches, incidents, notices } from "../../../db/schema/index";
import { recordAuditEvent } from "../audit/record.server";
import { noticeInCurrentIncident } from "../incidents/current.server";
import type { AppContext, RequestMeta } from "../context.server";
import { startPatientSession } from "../patient/session.server";
import { giveBackAttempt, takeAttempt, throttleKey } from "~/utils/rate-limit.server";
import { hashActivationCode, parseActivationCode } from "./activation-code.server";

/** 10 consecutive wrong dates of birth lock a notice for an hour (DESIGN.md "Guessing"). */
export const LOCK_AFTER_FAILURES = 10;
export const LOCK_DURATION_MS = 60 * 60 * 1000;
const THROTTLE_SCOPE = "check";

export type CheckInput = { code: string; dateOfBirth: string /* YYYY-MM-DD */ };

/**
 * The outcome of a patient check. `mismatch` covers a wrong code, a wrong date of birth and a
 * locked notice alike: the caller must answer all three the same way, word for word.
 */
export type CheckResult =
  | { kind: "match"; token: string }
  | { kind: "mismatch" }
  | { kind: "typo" }
  | { kind: "malformed" }
  | { kind: "throttled"; retryAfterSeconds: number }
  /** The code is right but its incident's response has ended (retention date reached, data purged). */
  | { kind: "ended" };


/**
 * Redeem an activation code with a date of birth. A typo in the check symbol is answered without
 * touching the database. Each failure counts against the client address (shared across app
 * instances) and, when the code is right, against the notice. The result, the counters, the
 * session and the audit row are written in one transaction.
 */
export async function redeemActivationCode(ctx: AppContext, meta: RequestMeta, input: CheckInput): Promise<CheckResult> {
  const parsed = parseActivationCode(input.code);
  if (parsed.kind === "typo") return { kind: "typo" };
  if (parsed.kind !== "ok") return { kind: "malformed" };

  // Counted before the lookup (and given back on a match): concurrent guesses from one address
  // cannot all pass a "not blocked yet" read (issue 15, finding 3).
  const ipKey = throttleKey(ctx.config.codePepper, THROTTLE_SCOPE, meta.ip);
  const attempt = await takeAttempt(ctx.db, ipKey, ctx.now());
  if (!attempt.allowed) return { kind: "throttled", retryAfterSeconds: Math.ceil(attempt.retryAfterMs / 1000) };
  if (attempt.delayMs > 0) await ctx.sleep(attempt.delayMs);

  const now = ctx.now();
  const codeHash = hashActivationCode(ctx.config.codePepper, parsed.code);
  const result = await ctx.db.transaction(async (tx) => {
    const [notice] = await tx
      .select({
        id: notices.id,
        dobEnc: notices.dobEnc,
        lockedUntil: notices.lockedUntil,
        purgedAt: notices.purgedAt,
        retainUntil: incidents.retainUntil,
      })
      .from(notices)
      .innerJoin(batches, eq(batches.id, notices.batchId))
      .innerJoin(incidents, eq(incidents.id, notices.incidentId))
      .where(
        and(
          eq(notices.codeHash, codeHash),
          eq(batches.status, "mailed"),
          isNull(notices.revokedAt),
          // Flagged "suspected fraud" by the call center: no code works until a letter is reissued.
          isNull(notices.fraudFlaggedAt),
          noticeInCurrentIncident(ctx.config.incidentSlug),
        ),
      )
      .for("update", { of: notices });

    const audit = (
      outcome: "success" | "failure",
      action: "patient.check" | "patient.check.locked" = "patient.check",
      details: Record<string, string> | null = notice ? null : { reason: "unknown_code" },
    ) =>
      recordAuditEvent(tx, {
        at: now,
        actorType: "patient",
        action,
        subjectType: notice ? "notice" : null,
        subjectId: notice ? String(notice.id) : null,
        ip: meta.ip,
        requestId: meta.requestId,
        outcome,
        details,
      });

    if (notice && (notice.purgedAt || notice.retainUntil <= now.toISOString().slice(0, 10))) {
      // The response is over: say so plainly (the date of birth is gone, nothing left to guess).
      await audit("failure", "patient.check", { reason: "ended" });
      return { kind: "ended" as const, countAgainstIp: false };
    }
    if (!notice || !notice.dobEnc) {
      // Same work as a real comparison, so timing does not tell a wrong code from a wrong date.
      ctx.cipher.encrypt("dob", input.dateOfBirth);
      await audit("failure");
      return { kind: "mismatch" as const, countAgainstIp: true };
    }
    if (notice.lockedUntil && notice.lockedUntil > now) {
      ctx.cipher.decrypt("dob", notice.dobEnc);
      await audit("failure");
      return { kind: "mismatch" as const, countAgainstIp: true };
    }
    const dob = ctx.cipher.decrypt("dob", notice.dobEnc);
    if (dob !== input.dateOfBirth) {
      const [after] = await tx
        .update(notices)
        .set({
          failedChecks: sql`case when ${notices.lockedUntil} is not null then 1 else ${notices.failedChecks} + 1 end`,
          lockedUntil: null,
        })
        .where(eq(notices.id, notice.id))
        .returning({ failedChecks: notices.failedChecks });
      if ((after?.failedChecks ?? 0) >= LOCK_AFTER_FAILURES) {
        await tx
          .update(notices)
          .set({ failedChecks: 0, lockedUntil: new Date(now.getTime() + LOCK_DURATION_MS) })
          .where(eq(notices.id, notice.id));
        await audit("failure", "patient.check.locked");
      } else {
        await audit("failure");
      }
      return { kind: "mismatch" as const, countAgainstIp: true };
    }
    await tx
      .update(notices)
      .set({
        failedChecks: 0,
        lockedUntil: null,
        firstCheckedAt: sql`coalesce(${notices.firstCheckedAt}, ${now.toISOString()}::timestamptz)`,
        lastCheckedAt: now,
      })
      .where(eq(notices.id, notice.id));
    const token = await startPatientSession(tx, notice.id, now);
    await audit("success");
    return { kind: "match" as const, token };
  }).catch(async (error: unknown) => {
    await giveBackAttempt(ctx.db, ipKey).catch(() => {}); // not the visitor's failure: the database was busy or away
    throw error;
  });

  if (result.kind === "mismatch") {
    if (attempt.blocksNextForMs > 0) return { kind: "throttled", retryAfterSeconds: Math.ceil(attempt.blocksNextForMs / 1000) };
    return { kind: "mismatch" };
  }
  await giveBackAttempt(ctx.db, ipKey);
  if (result.kind === "ended") return { kind: "ended" };
  return result;
}
