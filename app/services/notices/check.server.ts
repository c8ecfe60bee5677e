import { sql, type SQL } from "drizzle-orm";
import { auditAppendCtes, type AuditInput } from "../audit/record.server";
import { noticeInCurrentIncident } from "../incidents/current.server";
import type { AppContext, RequestMeta } from "../context.server";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import { attemptColumns, attemptCtes, attemptFrom, giveBackAttempt, giveBackAttemptSql, throttleKey, type AttemptRow } from "~/utils/rate-limit.server";
import { hashActivationCode, parseActivationCode } from "./activation-code.server";
import { countWrongAttemptSet, HELD_LEVEL, lockReturning } from "./lock.server";

/** 10 consecutive wrong dates of birth lock a notice, longer each time (lock.server.ts, decision 043). */
export { LOCK_AFTER_FAILURES, LOCK_DURATION_MS } from "./lock.server";

const THROTTLE_SCOPE = "check";

export type CheckInput = {
  code: string;
  dateOfBirth: string /* YYYY-MM-DD */;
  /**
   * The patient session this browser already had, if any: a match ends it in the statement that
   * starts the new one, so the old cookie no longer opens the old person's page (issue 15, 6a).
   */
  previousSessionToken?: string | null;
};

/**
 * The outcome of a patient check. `mismatch` covers a wrong code, a wrong date of birth and a
 * locked notice alike: the caller must answer all three the same way, word for word.
 */
export type CheckResult =
  | { kind: "match"; token: string; language: "en" | "es" }
  | { kind: "mismatch" }
  | { kind: "typo" }
  | { kind: "malformed" }
  | { kind: "throttled"; retryAfterSeconds: number }
  /** The code is right but its incident's response has ended (retention date reached, data purged). */
  | { kind: "ended" };

/**
 * Redeem an activation code with a date of birth. A typo in the check symbol is answered without
 * touching the database. Each attempt is counted against the client address before the notice is
 * read — in the same statement, which reads it only when the attempt is allowed (shared across app
 * instances) — and given back on a match; a wrong date of birth counts against the notice. Two
 * round trips in all: the counted lookup, and one statement that writes the outcome — the
 * notice's counters or check time, the session, and the audit row, committed together. Both
 * statements' texts are fixed, so PostgreSQL runs them prepared (decision 105).
 */
export async function redeemActivationCode(ctx: AppContext, meta: RequestMeta, input: CheckInput): Promise<CheckResult> {
  const parsed = parseActivationCode(input.code);
  if (parsed.kind === "typo") return { kind: "typo" };
  if (parsed.kind !== "ok") return { kind: "malformed" };

  // Counted before the lookup (and given back on a match): concurrent guesses from one address
  // cannot all pass a "not blocked yet" read (issue 15, finding 3).
  const ipKey = throttleKey(ctx.config.codePepper, THROTTLE_SCOPE, meta.ip);
  const now = ctx.now();
  const codeHash = hashActivationCode(ctx.config.codePepper, parsed.code);
  const [row] = await ctx.database.prepared<AttemptRow & NoticeForCheck>(countedLookup(ctx, ipKey, codeHash, now));
  const attempt = attemptFrom(row, now);
  if (!attempt.allowed) return { kind: "throttled", retryAfterSeconds: Math.ceil(attempt.retryAfterMs / 1000) };
  if (attempt.delayMs > 0) await ctx.sleep(attempt.delayMs);

  const notice = row && row.id !== null ? row : undefined;
  let result: { kind: "match"; token: string; language: "en" | "es" } | { kind: "mismatch" } | { kind: "ended" };
  try {
    result = await checkAgainstNotice(ctx, meta, input, notice, ctx.now(), ipKey);
  } catch (error) {
    await giveBackAttempt(ctx.db, ipKey).catch(() => {}); // not the visitor's failure: the database was busy or away
    throw error;
  }

  if (result.kind === "mismatch") {
    if (attempt.blocksNextForMs > 0) return { kind: "throttled", retryAfterSeconds: Math.ceil(attempt.blocksNextForMs / 1000) };
    return { kind: "mismatch" };
  }
  if (result.kind === "ended") {
    await giveBackAttempt(ctx.db, ipKey); // a right code: not a guess
    return result;
  }
  return result; // the attempt was given back in the statement that recorded the match
}

/**
 * The attempt counted against the address and, only when it is allowed, the notice the code opens
 * — one statement (`attempt_t` is empty when the address is blocked, and then no notice is read).
 */
function countedLookup(ctx: AppContext, ipKey: string, codeHash: Buffer, now: Date): SQL {
  const nowText = now.toISOString();
  return sql`
    with ${attemptCtes(ipKey, now)}
    select ${attemptColumns}, n.id, n.dob_enc, n.locked_until, n.ended
    from (select 1) as one
    left join lateral (
      select notices.id, notices.dob_enc, notices.locked_until,
        (notices.purged_at is not null or incidents.retain_until <= ${nowText.slice(0, 10)}::date) as ended
      from notices
        join batches on batches.id = notices.batch_id
        join incidents on incidents.id = notices.incident_id
      where notices.code_hash = ${codeHash} and batches.status = 'mailed' and notices.revoked_at is null
        -- Flagged "suspected fraud" by the call center: no code works until a letter is reissued.
        and notices.fraud_flagged_at is null
        and ${noticeInCurrentIncident(ctx.config.incidentSlug)}
        and exists (select 1 from attempt_t)
    ) as n on true`;
}

/** A CTE ending the browser's earlier session once the match is written (nothing without one). */
function endPreviousSession(token: string | null | undefined, nowText: string): SQL {
  if (!token) return sql``;
  return sql`o as (update patient_sessions set ended_at = ${nowText}::timestamptz
      where token_hash = ${sha256Hex(token)} and ended_at is null and exists (select 1 from n)),`;
}

type NoticeForCheck = { id: number | null; dob_enc: string | null; locked_until: Date | string | null; ended: boolean | null };

/**
 * The one write, after the counted lookup. No transaction is held open across the comparison: the
 * write's own WHERE re-checks the lock, and the counters change inside that single statement, so
 * concurrent checks of one notice still count exactly (the row lock of the UPDATE orders them).
 */
async function checkAgainstNotice(
  ctx: AppContext,
  meta: RequestMeta,
  input: CheckInput,
  notice: NoticeForCheck | undefined,
  now: Date,
  ipKey: string,
): Promise<{ kind: "match"; token: string; language: "en" | "es" } | { kind: "mismatch" } | { kind: "ended" }> {
  const nowText = now.toISOString();
  const audit = (outcome: "success" | "failure", details: Record<string, string> | null = notice ? null : { reason: "unknown_code" }): AuditInput => ({
    at: now,
    actorType: "patient",
    action: "patient.check",
    subjectType: notice ? "notice" : null,
    subjectId: notice ? String(notice.id) : null,
    ip: meta.ip,
    requestId: meta.requestId,
    outcome,
    details,
  });
  // Every statement here has a fixed text (named audit CTEs, no counter): prepared on PostgreSQL.
  const append = async (ctes: SQL) => ctx.database.prepared(sql`with ${ctes} select 1`);
  const named = { name: "check" };

  if (notice?.ended) {
    // The response is over: say so plainly (the date of birth is gone, nothing left to guess).
    await append(auditAppendCtes(audit("failure", { reason: "ended" }), named));
    return { kind: "ended" };
  }
  if (!notice || !notice.dob_enc) {
    // Same work as a real comparison, so timing does not tell a wrong code from a wrong date.
    ctx.cipher.encrypt("dob", input.dateOfBirth);
    await append(auditAppendCtes(audit("failure"), named));
    return { kind: "mismatch" };
  }
  const id = Number(notice.id);
  const lockedUntil = notice.locked_until === null ? null : new Date(notice.locked_until);
  const dob = ctx.cipher.decrypt("dob", notice.dob_enc);
  if (lockedUntil && lockedUntil > now) {
    await append(auditAppendCtes(audit("failure"), named));
    return { kind: "mismatch" };
  }
  if (dob !== input.dateOfBirth) {
    // One more failure, counted and (at the tenth) escalated to the next lock level in this one
    // statement; a third lock within the window holds the notice and alerts the supervisors. The
    // patient's answer is the same whatever happened here.
    await ctx.database.prepared(sql`
      with u as (
        update notices set ${countWrongAttemptSet(now)}
        where id = ${id} and (locked_until is null or locked_until <= ${nowText}::timestamptz)
        returning ${lockReturning}
      ),
      ${auditAppendCtes(audit("failure"), { ...named, action: sql`case when exists (select 1 from u where locked) then 'patient.check.locked' else 'patient.check' end` })},
      ${auditAppendCtes(
        {
          at: now,
          actorType: "system",
          action: "notice.lock.held",
          subjectType: "notice",
          subjectId: String(id),
          requestId: meta.requestId,
          outcome: "success",
        },
        { name: "held", when: sql`exists (select 1 from u where locked and level = ${HELD_LEVEL})` },
      )}
      select 1`);
    return { kind: "mismatch" };
  }
  const token = randomToken(32);
  const [row] = await ctx.database.prepared<{ language: "en" | "es" }>(sql`
    with n as (
      update notices set failed_checks = 0, locked_until = null, lock_level = 0, locked_at = null,
        first_checked_at = coalesce(first_checked_at, ${nowText}::timestamptz), last_checked_at = ${nowText}::timestamptz
      where id = ${id} and (locked_until is null or locked_until <= ${nowText}::timestamptz)
      returning id, language
    ),
    s as (insert into patient_sessions (token_hash, notice_id, created_at, last_seen_at) select ${sha256Hex(token)}, id, ${nowText}::timestamptz, ${nowText}::timestamptz from n),
    g as (${giveBackAttemptSql(ipKey)} and exists (select 1 from n)),
    ${endPreviousSession(input.previousSessionToken, nowText)}
    ${auditAppendCtes(audit("success"), { ...named, when: sql`exists (select 1 from n)` })}
    select language from n`);
  if (!row) {
    // Locked by a concurrent wrong guess between the lookup and the write: the same answer as any lock.
    await append(auditAppendCtes(audit("failure"), named));
    return { kind: "mismatch" };
  }
  return { kind: "match", token, language: row.language };
}
