import { and, eq, isNull } from "drizzle-orm";
import { batches, notices } from "../../../db/schema/index";
import { noticeInCurrentIncident } from "../incidents/current.server";
import type { AppContext, RequestMeta } from "../context.server";
import { takeAttempt, throttleKey } from "~/utils/rate-limit.server";
import { normalizeReferenceNumber } from "./activation-code.server";

const THROTTLE_SCOPE = "letter-lookup";

export type LetterLookupResult =
  | { kind: "mailed"; reference: string; mailedOn: string }
  | { kind: "not_found"; reference: string }
  | { kind: "malformed" }
  | { kind: "throttled"; retryAfterSeconds: number };

/**
 * "Was a letter with this reference number mailed, and when?" (issue 16, item 5) — the only thing
 * it tells: no name, no organization, no categories. Reference numbers are random (12 digits), and
 * each lookup is counted against the client address BEFORE the database is read, with the check's
 * policy (escalating delay, then a block; docs/decisions/070), in its own scope. A lookup is never
 * given back, found or not, so the count cannot tell a hit from a miss; the work and the delay are
 * the same for both. A letter not yet mailed, of another incident or of a purged response is
 * "not found", like a number that never existed.
 */
export async function lookUpLetter(ctx: AppContext, meta: RequestMeta, input: { reference: string }): Promise<LetterLookupResult> {
  const reference = normalizeReferenceNumber(input.reference.slice(0, 40));
  if (!reference) return { kind: "malformed" };

  const attempt = await takeAttempt(ctx.db, throttleKey(ctx.config.codePepper, THROTTLE_SCOPE, meta.ip), ctx.now());
  if (!attempt.allowed) return { kind: "throttled", retryAfterSeconds: Math.ceil(attempt.retryAfterMs / 1000) };
  if (attempt.delayMs > 0) await ctx.sleep(attempt.delayMs);

  const [row] = await ctx.db
    .select({ mailedOn: batches.mailedOn })
    .from(notices)
    .innerJoin(batches, eq(batches.id, notices.batchId))
    .where(
      and(eq(notices.referenceNumber, reference), eq(batches.status, "mailed"), isNull(notices.purgedAt), noticeInCurrentIncident(ctx.config.incidentSlug)),
    );
  if (row?.mailedOn) return { kind: "mailed", reference, mailedOn: row.mailedOn };
  return { kind: "not_found", reference };
}
