import { and, eq, isNull, sql } from "drizzle-orm";
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
 * The live session behind a token, or why there is none. Idle 15 minutes or 60 minutes after
 * the check, a session ends; every read pushes the idle deadline forward. One statement: the
 * SET clauses see the row as it was, so it either ends the session or moves `last_seen_at`.
 */
export async function readPatientSession(ctx: AppContext, token: string | null | undefined): Promise<ActivePatientSession | PatientSessionEnd | null> {
  if (!token) return null;
  const tokenHash = sha256Hex(token);
  const now = ctx.now();
  const nowText = now.toISOString();
  const idleCutoff = new Date(now.getTime() - PATIENT_IDLE_MS).toISOString();
  const absoluteCutoff = new Date(now.getTime() - PATIENT_ABSOLUTE_MS).toISOString();
  const live = sql`(last_seen_at >= ${idleCutoff}::timestamptz and created_at >= ${absoluteCutoff}::timestamptz)`;
  const result = await ctx.db.execute(sql`
    update patient_sessions set
      last_seen_at = case when ${live} then ${nowText}::timestamptz else last_seen_at end,
      ended_at = case when ${live} then null else ${nowText}::timestamptz end
    where token_hash = ${tokenHash} and ended_at is null
    returning notice_id, created_at, ended_at is null as live, created_at >= ${absoluteCutoff}::timestamptz as within_limit`);
  const [row] = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    notice_id: number | string;
    created_at: Date | string;
    live: boolean;
    within_limit: boolean;
  }[];
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
