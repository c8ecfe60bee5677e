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
 * The session rule as one fixed statement (readPatientSession and readPatientExposure run it): idle
 * 15 minutes or 60 minutes after the check, a session ends; every read of a live one pushes the
 * idle deadline forward. The SET clauses see the row as it was, so it either ends the session or
 * moves `last_seen_at`. Parameters: $1 token hash, $2 now, $3 the idle cutoff, $4 the absolute
 * cutoff (touchPatientSessionParams). Returns nothing for a token with no open session.
 */
export const TOUCH_PATIENT_SESSION_SQL = `update patient_sessions set
      last_seen_at = case when last_seen_at >= $3::timestamptz and created_at >= $4::timestamptz then $2::timestamptz else last_seen_at end,
      ended_at = case when last_seen_at >= $3::timestamptz and created_at >= $4::timestamptz then null else $2::timestamptz end
    where token_hash = $1 and ended_at is null
    returning notice_id, created_at, ended_at is null as live, created_at >= $4::timestamptz as within_limit`;

export function touchPatientSessionParams(tokenHash: string, now: Date): string[] {
  return [tokenHash, now.toISOString(), new Date(now.getTime() - PATIENT_IDLE_MS).toISOString(), new Date(now.getTime() - PATIENT_ABSOLUTE_MS).toISOString()];
}

/** A row TOUCH_PATIENT_SESSION_SQL returned. */
export type TouchedSessionRow = { notice_id: number | string; created_at: Date | string; live: boolean; within_limit: boolean };

/** What a touched row means at `now`: the live session and its deadline, or why it ended. */
export function sessionOfTouched(row: TouchedSessionRow | undefined, tokenHash: string, now: Date): ActivePatientSession | PatientSessionEnd | null {
  if (!row) return null;
  if (!row.live) return { expired: true, reason: row.within_limit ? "idle" : "limit" };
  const createdAt = new Date(row.created_at);
  const idleEnd = now.getTime() + PATIENT_IDLE_MS;
  const absoluteEnd = createdAt.getTime() + PATIENT_ABSOLUTE_MS;
  return {
    noticeId: Number(row.notice_id),
    tokenHash,
    createdAt,
    expired: false,
    endsAt: new Date(Math.min(idleEnd, absoluteEnd)),
    canExtend: idleEnd < absoluteEnd,
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
