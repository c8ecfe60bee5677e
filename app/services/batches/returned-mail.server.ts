import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { notices, returnedMailUploads } from "../../../db/schema/index";
import { recordAuditEvent } from "../audit/record.server";
import type { AppContext, RequestMeta } from "../context.server";
import { normalizeReferenceNumber } from "../notices/activation-code.server";
import { SUBSTITUTE_NOTICE_THRESHOLD } from "../reports/reports.server";
import type { Actor } from "../actor";
import { sha256Hex } from "~/utils/crypto.server";
import { rowsOf } from "./sql.server";
import type { Db } from "../../../db/client";

/** A returned-mail list is small (one reference per line); refuse anything absurd. */
export const RETURNED_MAIL_MAX_BYTES = 20 * 1024 * 1024;
const CHUNK = 5000;

export type ReturnedMailResult = {
  listed: number;
  flagged: number;
  alreadyFlagged: number;
  unknown: number;
  invalid: number;
  /** Lines that were not reference numbers (1-based), first 100. */
  invalidLines: number[];
  totalReturned: number;
  substituteNoticeRequired: boolean;
};

/**
 * Flag the notices whose letters came back (a list of reference numbers, one per line; a CSV
 * whose first column holds them works too). Unknown and malformed lines are counted, never
 * guessed. The upload, the flags and the audit row are one transaction.
 */
export async function recordReturnedMail(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta | null,
  input: { incidentId: string; fileName: string; content: string },
): Promise<ReturnedMailResult> {
  if (Buffer.byteLength(input.content) > RETURNED_MAIL_MAX_BYTES) throw new Error("the list is too large");
  const refs = new Set<string>();
  const invalidLines: number[] = [];
  let invalid = 0;
  input.content
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const cell = raw.split(",")[0]!.trim().replace(/^"|"$/g, "");
      if (!cell || (i === 0 && /reference/i.test(cell))) return;
      const ref = normalizeReferenceNumber(cell);
      if (!ref) {
        invalid++;
        if (invalidLines.length < 100) invalidLines.push(i + 1);
      } else refs.add(ref);
    });
  const list = [...refs];
  return ctx.db.transaction(async (tx) => {
    let flagged = 0;
    let known = 0;
    for (let i = 0; i < list.length; i += CHUNK) {
      const part = list.slice(i, i + CHUNK);
      const found = await tx
        .select({ id: notices.id })
        .from(notices)
        .where(and(eq(notices.incidentId, input.incidentId), inArray(notices.referenceNumber, part)));
      known += found.length;
      const done = await tx
        .update(notices)
        .set({ returnedMailAt: ctx.now() })
        .where(and(eq(notices.incidentId, input.incidentId), inArray(notices.referenceNumber, part), isNull(notices.returnedMailAt)))
        .returning({ id: notices.id });
      flagged += done.length;
    }
    const result = { listed: list.length, flagged, alreadyFlagged: known - flagged, unknown: list.length - known, invalid };
    await tx.insert(returnedMailUploads).values({
      incidentId: input.incidentId,
      fileName: input.fileName.slice(0, 200),
      fileSha256: sha256Hex(input.content),
      ...result,
      createdBy: actor.actorId,
      createdAt: ctx.now(),
    });
    await recordAuditEvent(tx, {
      at: ctx.now(),
      ...actor,
      action: "returned_mail.upload",
      subjectType: "incident",
      subjectId: input.incidentId,
      ip: meta?.ip ?? null,
      requestId: meta?.requestId ?? null,
      outcome: "success",
      details: result,
    });
    const totalReturned = await totalReturnedIn(tx, input.incidentId);
    return { ...result, invalidLines, totalReturned, substituteNoticeRequired: totalReturned >= SUBSTITUTE_NOTICE_THRESHOLD };
  });
}

async function totalReturnedIn(tx: Pick<Db, "execute">, incidentId: string): Promise<number> {
  const [r] = await rowsOf<{ n: number }>(tx, sql`select coalesce(sum(returned_mail), 0)::int as n from notice_stats where incident_id = ${incidentId}`);
  return r?.n ?? 0;
}
