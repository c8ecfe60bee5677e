import { sql, type SQL } from "drizzle-orm";
import { auditAppendCtes, type AuditInput } from "../audit/record.server";
import { noticeInCurrentIncident } from "../incidents/current.server";
import type { AppContext, RequestMeta } from "../context.server";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import { attemptColumns, attemptCtes, attemptFrom, peekColumns, peekFrom, throttleKey, type AttemptRow, type PeekRow } from "~/utils/rate-limit.server";
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
 * touching the database. Two round trips in all (decision 110):
 * - a read-only look: the address's throttle row and, when the address is not blocked, the notice
 *   the code opens — no write, so a check that gets in commits nothing for the throttle;
 * - one statement that decides and records the outcome. A failure (a wrong code, a wrong date of
 *   birth, a locked notice) is counted against the address in it, under the throttle row's lock,
 *   and everything else it writes — the notice's counters, the audit row — happens only if that
 *   count was allowed; a match is written only if the address is not blocked at that moment. So
 *   however many guesses arrive at once, exactly the allowed number are answered, as when the
 *   count came first (tests/security/race.int.test.ts), and an attempt the database failed to
 *   record is not counted at all.
 * Every statement's text is fixed, so PostgreSQL runs them prepared (decisions 105, 109).
 */
export async function redeemActivationCode(ctx: AppContext, meta: RequestMeta, input: CheckInput): Promise<CheckResult> {
  const parsed = parseActivationCode(input.code);
  if (parsed.kind === "typo") return { kind: "typo" };
  if (parsed.kind !== "ok") return { kind: "malformed" };

  const ipKey = throttleKey(ctx.config.codePepper, THROTTLE_SCOPE, meta.ip);
  const now = ctx.now();
  const codeHash = hashActivationCode(ctx.config.codePepper, parsed.code);
  const [row] = await ctx.database.prepared<PeekRow & NoticeForCheck>(peekLookup(ctx, ipKey, codeHash, now));
  const peek = peekFrom(row, now);
  if (peek.blocked) return { kind: "throttled", retryAfterSeconds: Math.ceil(peek.retryAfterMs / 1000) };
  if (peek.delayMs > 0) await ctx.sleep(peek.delayMs);

  const notice = row && row.id !== null ? row : undefined;
  return checkAgainstNotice(ctx, meta, input, notice, ctx.now(), ipKey);
}

/**
 * The address's throttle row and, only when it is not blocked, the notice the code opens: one
 * read-only statement.
 */
function peekLookup(ctx: AppContext, ipKey: string, codeHash: Buffer, now: Date): SQL {
  const nowText = now.toISOString();
  return sql`
    select ${peekColumns(now)}, n.id, n.dob_enc, n.locked_until, n.ended
    from (select 1) as one
    left join throttles as th on th.key = ${ipKey}
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
        and (th.blocked_until is null or th.blocked_until <= ${nowText}::timestamptz)
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
 * The one write, after the look: the outcome, decided and recorded in one statement. No
 * transaction is held open across the comparison: the write's own WHERE re-checks the notice's
 * lock and the address's block, and the counters change inside that single statement, so
 * concurrent checks still count exactly (the row locks of the upserts and UPDATEs order them).
 */
async function checkAgainstNotice(
  ctx: AppContext,
  meta: RequestMeta,
  input: CheckInput,
  notice: NoticeForCheck | undefined,
  now: Date,
  ipKey: string,
): Promise<CheckResult> {
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
  const named = { name: "check" };
  const counted = sql`exists (select 1 from attempt_t)`;

  /**
   * A failed attempt: counted against the address first; the rest (the notice's count for a wrong
   * date of birth, the audit rows) only if the count was allowed. Answered "no match", or
   * "throttled" when the address is blocked now or this attempt reached the limit.
   */
  const fail = async (wrongDateOf: number | null): Promise<CheckResult> => {
    const noticeWrites =
      wrongDateOf === null
        ? sql`${auditAppendCtes(audit("failure"), { ...named, when: counted })}`
        : sql`u as (
            update notices set ${countWrongAttemptSet(now)}
            where id = ${wrongDateOf} and (locked_until is null or locked_until <= ${nowText}::timestamptz) and ${counted}
            returning ${lockReturning}
          ),
          ${auditAppendCtes(audit("failure"), {
            ...named,
            when: counted,
            action: sql`case when exists (select 1 from u where locked) then 'patient.check.locked' else 'patient.check' end`,
          })},
          ${auditAppendCtes(
            {
              at: now,
              actorType: "system",
              action: "notice.lock.held",
              subjectType: "notice",
              subjectId: String(wrongDateOf),
              requestId: meta.requestId,
              outcome: "success",
            },
            { name: "held", when: sql`exists (select 1 from u where locked and level = ${HELD_LEVEL})` },
          )}`;
    const [row] = await ctx.database.prepared<AttemptRow>(sql`with ${attemptCtes(ipKey, now)}, ${noticeWrites} select ${attemptColumns}`);
    const attempt = attemptFrom(row, now);
    if (!attempt.allowed) return { kind: "throttled", retryAfterSeconds: Math.ceil(attempt.retryAfterMs / 1000) };
    if (attempt.blocksNextForMs > 0) return { kind: "throttled", retryAfterSeconds: Math.ceil(attempt.blocksNextForMs / 1000) };
    return { kind: "mismatch" };
  };

  if (notice?.ended) {
    // The response is over: say so plainly (the date of birth is gone, nothing left to guess). A
    // right code is not a guess: nothing is counted.
    await ctx.database.prepared(sql`with ${auditAppendCtes(audit("failure", { reason: "ended" }), named)} select 1`);
    return { kind: "ended" };
  }
  if (!notice || !notice.dob_enc) {
    // Same work as a real comparison, so timing does not tell a wrong code from a wrong date.
    ctx.cipher.encrypt("dob", input.dateOfBirth);
    return fail(null);
  }
  const id = Number(notice.id);
  const lockedUntil = notice.locked_until === null ? null : new Date(notice.locked_until);
  const dob = ctx.cipher.decrypt("dob", notice.dob_enc);
  if (lockedUntil && lockedUntil > now) return fail(null);
  // One more failure, counted and (at the tenth) escalated to the next lock level in this one
  // statement; a third lock within the window holds the notice and alerts the supervisors. The
  // patient's answer is the same whatever happened here.
  if (dob !== input.dateOfBirth) return fail(id);

  const token = randomToken(32);
  const [row] = await ctx.database.prepared<{ language: "en" | "es" | null; blocked_until: Date | string | null }>(sql`
    with b as (select blocked_until from throttles where key = ${ipKey} and blocked_until > ${nowText}::timestamptz),
    n as (
      update notices set failed_checks = 0, locked_until = null, lock_level = 0, locked_at = null,
        first_checked_at = coalesce(first_checked_at, ${nowText}::timestamptz), last_checked_at = ${nowText}::timestamptz
      where id = ${id} and (locked_until is null or locked_until <= ${nowText}::timestamptz) and not exists (select 1 from b)
      returning id, language
    ),
    s as (insert into patient_sessions (token_hash, notice_id, created_at, last_seen_at) select ${sha256Hex(token)}, id, ${nowText}::timestamptz, ${nowText}::timestamptz from n),
    ${endPreviousSession(input.previousSessionToken, nowText)}
    ${auditAppendCtes(audit("success"), { ...named, when: sql`exists (select 1 from n)` })}
    select (select language from n) as language, (select blocked_until from b) as blocked_until`);
  if (row?.blocked_until) {
    // Blocked by this address's other guesses since the look: refused like them, nothing written.
    return { kind: "throttled", retryAfterSeconds: Math.max(1, Math.ceil((new Date(row.blocked_until).getTime() - now.getTime()) / 1000)) };
  }
  // Locked by a concurrent wrong guess between the look and the write: the same answer as any lock.
  if (!row?.language) return fail(null);
  return { kind: "match", token, language: row.language };
}
