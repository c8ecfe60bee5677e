import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { patientSessions } from "../../../db/schema/index";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import type { AppContext } from "../context.server";
import { recordAuditEvent } from "../audit/record.server";

export const PATIENT_IDLE_MS = 15 * 60 * 1000;
export const PATIENT_ABSOLUTE_MS = 60 * 60 * 1000;
/** Start a session for a notice; call inside the check's transaction. Returns the cookie token. */
export async function startPatientSession(tx: Db, noticeId: number, now: Date): Promise<string> {
  const token = randomToken(32);
  await tx.insert(patientSessions).values({ tokenHash: sha256Hex(token), noticeId, createdAt: now, lastSeenAt: now });
  return token;
}

export type ActivePatientSession = {
  noticeId: number;
  tokenHash: string;
  createdAt: Date;
  expired: false;
  /** When the session ends if nothing else happens: 15 minutes from now, or the 60-minute end if sooner. */
  endsAt: Date;
  /** False when the 60-minute end comes first: "I'm still here" cannot push it further. */
  canExtend: boolean;
};

/** Why a session ended by itself: 15 minutes without a click, or 60 minutes after the check. */
export type PatientSessionEnd = { expired: true; reason: "idle" | "limit" };

/**
 * A live session's idle deadline is moved at most this often. Reading a page within a minute of
 * the last move writes nothing: the read stays a read (no row version, no durable commit), which
 * is most page views on notice day. The session still ends exactly 15 minutes after the last move,
 * and the time a page shows as left counts from that move, to the nearest minute (decision 107).
 */
export const PATIENT_TOUCH_EVERY_MS = 60 * 1000;

/**
 * The session rule as common table expressions (readPatientSession and readPatientExposure select
 * from `s`): idle 15 minutes or 60 minutes after the check, a session ends; a read of a live one
 * pushes the idle deadline forward, when it was last pushed a minute ago or more. `cur` is the row
 * as this statement's snapshot sees it; `t` ends it or moves `last_seen_at` (and re-checks that it
 * is still open). Parameters: $1 token hash, $2 now, $3 the idle cutoff, $4 the absolute cutoff, $5
 * the touch cutoff (touchPatientSessionParams). `s` is empty for a token with no open session.
 */
export const TOUCH_PATIENT_SESSION_CTES = `cur as (
      select token_hash, notice_id, created_at, last_seen_at,
        (last_seen_at >= $3::timestamptz and created_at >= $4::timestamptz) as live
      from patient_sessions where token_hash = $1 and ended_at is null
    ),
    t as (
      update patient_sessions p set
        last_seen_at = case when cur.live then $2::timestamptz else p.last_seen_at end,
        ended_at = case when cur.live then null else $2::timestamptz end
      from cur
      where p.token_hash = cur.token_hash and p.ended_at is null and (not cur.live or cur.last_seen_at <= $5::timestamptz)
      returning p.token_hash
    ),
    s as (
      select cur.notice_id, cur.created_at, cur.live, cur.created_at >= $4::timestamptz as within_limit,
        case when cur.live and exists (select 1 from t) then $2::timestamptz else cur.last_seen_at end as last_seen_at
      from cur
    )`;

/** The session rule alone, as one fixed statement. */
export const TOUCH_PATIENT_SESSION_SQL = `with ${TOUCH_PATIENT_SESSION_CTES} select * from s`;

export function touchPatientSessionParams(tokenHash: string, now: Date): string[] {
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  return [tokenHash, now.toISOString(), ago(PATIENT_IDLE_MS), ago(PATIENT_ABSOLUTE_MS), ago(PATIENT_TOUCH_EVERY_MS)];
}

/** A row TOUCH_PATIENT_SESSION_SQL returned. */
export type TouchedSessionRow = {
  notice_id: number | string;
  created_at: Date | string;
  live: boolean;
  within_limit: boolean;
  /** The idle deadline's start after this read: now when it was moved. */
  last_seen_at: Date | string;
};

/** What a touched row means at `now`: the live session and its deadline, or why it ended. */
export function sessionOfTouched(row: TouchedSessionRow | undefined, tokenHash: string, now: Date): ActivePatientSession | PatientSessionEnd | null {
  if (!row) return null;
  if (!row.live) return { expired: true, reason: row.within_limit ? "idle" : "limit" };
  const createdAt = new Date(row.created_at);
  const absoluteEnd = createdAt.getTime() + PATIENT_ABSOLUTE_MS;
  // The idle end counts from the last move, to the nearest whole minute: the page just after the
  // check says 15 minutes, and pages read within a minute of each other say 15 or 14 (the page
  // templates then have two variants, not sixty). At most 30 seconds more than is left; the
  // page's own countdown signs out by then (decision 107).
  const idleLeftMs = new Date(row.last_seen_at).getTime() + PATIENT_IDLE_MS - now.getTime();
  const idleEnd = now.getTime() + Math.round(idleLeftMs / 60_000) * 60_000;
  return {
    noticeId: Number(row.notice_id),
    tokenHash,
    createdAt,
    expired: false,
    endsAt: new Date(Math.min(idleEnd, absoluteEnd)),
    canExtend: now.getTime() + PATIENT_IDLE_MS < absoluteEnd,
  };
}

/**
 * The live session behind a token, or why there is none (TOUCH_PATIENT_SESSION_SQL). Pages read
 * the session and the exposure together with readPatientExposure (./exposure.server.ts).
 */
export async function readPatientSession(ctx: AppContext, token: string | null | undefined): Promise<ActivePatientSession | PatientSessionEnd | null> {
  if (!token) return null;
  const tokenHash = sha256Hex(token);
  const now = ctx.now();
  const [row] = await ctx.database.query<TouchedSessionRow>(TOUCH_PATIENT_SESSION_SQL, touchPatientSessionParams(tokenHash, now));
  return sessionOfTouched(row, tokenHash, now);
}

export async function endPatientSession(ctx: AppContext, token: string | null | undefined): Promise<number | null> {
  if (!token) return null;
  const [row] = await ctx.db
    .update(patientSessions)
    .set({ endedAt: ctx.now() })
    .where(and(eq(patientSessions.tokenHash, sha256Hex(token)), isNull(patientSessions.endedAt)))
    .returning({ noticeId: patientSessions.noticeId });
  return row?.noticeId ?? null;
}

/**
 * End every open session of one notice (inside the caller's transaction): a reissued or reprinted
 * letter, or a fraud flag, must not leave a browser that used the old code on the person's pages.
 */
export async function endSessionsOfNotice(tx: Db, noticeId: number, now: Date): Promise<number> {
  const ended = await tx
    .update(patientSessions)
    .set({ endedAt: now })
    .where(and(eq(patientSessions.noticeId, noticeId), isNull(patientSessions.endedAt)))
    .returning({ tokenHash: patientSessions.tokenHash });
  return ended.length;
}

/** "Done — sign out": end the session now and audit it, in one transaction. */
export async function signOutPatient(ctx: AppContext, meta: { ip: string; requestId: string }, token: string | null): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const noticeId = await endPatientSession({ ...ctx, db: tx }, token);
    if (noticeId === null) return;
    await recordAuditEvent(tx, {
      at: ctx.now(),
      actorType: "patient",
      action: "patient.signout",
      subjectType: "notice",
      subjectId: String(noticeId),
      ip: meta.ip,
      requestId: meta.requestId,
      outcome: "success",
    });
  });
}
