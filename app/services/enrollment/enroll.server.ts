import { and, asc, eq, sql } from "drizzle-orm";
import { pgCode, type Db } from "../../../db/client";
import { enrollments, incidents, notices, type Enrollment, type Product } from "../../../db/schema/index";
import type { Lang } from "~/content/i18n";
import { describeError, log } from "~/utils/log.server";
import { recordAuditEvent } from "../audit/record.server";
import type { StaffActor } from "../staff/roles";
import type { AppContext, RequestMeta } from "../context.server";
import { EMAIL_FIELD, enqueueEmail } from "../email/queue.server";
import { coverageFor, dayOf, offerState, productFor } from "./offer.server";
import { checkPoolAfterClaim, claimMonitoringCode, MONITORING_CODE_FIELD } from "./pool.server";

export const GUARDIAN_NAME_FIELD = "guardian_name";
export const GUARDIAN_NAME_MAX_CHARS = 120;
export const CALL_REFERENCE_MAX_CHARS = 64;

export type EnrollOutcome =
  | { kind: "enrolled"; enrollmentId: number; created: boolean }
  | { kind: "waiting"; enrollmentId: number; created: boolean }
  | { kind: "closed" }
  | { kind: "deceased" }
  | { kind: "unavailable" }
  | { kind: "invalid"; problem: "guardian_name" | "consent" | "call_reference" };

/** The patient's own enrollment, from the exposure page (web). */
export type PatientEnrollInput = {
  noticeId: number;
  /** Optional address for the confirmation email (already checked: typed twice). */
  email?: string | null;
  /** The partner's terms: must be true. No waiver of any legal right is asked. */
  termsAccepted: boolean;
  /** A minor's parent or guardian. */
  guardianName?: string | null;
  language: Lang;
};

type Channel =
  | { channel: "web"; meta: RequestMeta; termsAccepted: boolean }
  | {
      channel: "call_center";
      meta: RequestMeta;
      actor: Pick<StaffActor, "id" | "role">;
      verbalConsent: boolean;
      callReference: string;
    };

/**
 * Enroll the person behind a patient session in the monitoring offer. Idempotent: double clicks,
 * retries, two tabs or 50 concurrent submits give one enrollment and at most one code — the notice
 * row is locked for the transaction, an existing enrollment is returned as it is, and the unique
 * index on `enrollments.notice_id` stands behind it. An empty pool records the person as waiting
 * and alerts admins; never an error. The confirmation email is queued in the same transaction.
 */
export async function enrollInMonitoring(ctx: AppContext, meta: RequestMeta, input: PatientEnrollInput): Promise<EnrollOutcome> {
  if (!input.termsAccepted) return { kind: "invalid", problem: "consent" };
  return enroll(ctx, { channel: "web", meta, termsAccepted: true }, input);
}

/**
 * The call-center seam: an agent enrolls a caller after verifying them. Records the agent, the
 * caller's verbal consent to the partner's terms and the call reference (audit row and enrollment).
 * The console that calls it comes with the call-center issue; the caller of this function has
 * already checked the role (agent or above).
 */
export async function enrollOnBehalf(
  ctx: AppContext,
  actor: Pick<StaffActor, "id" | "role">,
  meta: RequestMeta,
  input: {
    noticeId: number;
    verbalConsent: boolean;
    callReference: string;
    email?: string | null;
    guardianName?: string | null;
    language?: Lang;
  },
): Promise<EnrollOutcome> {
  const callReference = input.callReference.trim();
  if (!input.verbalConsent) return { kind: "invalid", problem: "consent" };
  if (!callReference || callReference.length > CALL_REFERENCE_MAX_CHARS) return { kind: "invalid", problem: "call_reference" };
  return enroll(
    ctx,
    { channel: "call_center", meta, actor, verbalConsent: true, callReference },
    { noticeId: input.noticeId, email: input.email, guardianName: input.guardianName, termsAccepted: true, language: input.language ?? "en" },
  );
}

const RETRYABLE_CODES = new Set(["23505", "40P01", "40001"]);

async function enroll(ctx: AppContext, how: Channel, input: PatientEnrollInput): Promise<EnrollOutcome> {
  const guardianName = input.guardianName?.trim() || null;
  if (guardianName && guardianName.length > GUARDIAN_NAME_MAX_CHARS) return { kind: "invalid", problem: "guardian_name" };
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.transaction((tx) => enrollOnce(tx, ctx, how, { ...input, guardianName }));
    } catch (error) {
      // A unique violation or deadlock here means another request enrolled the same notice at the
      // same moment: the next pass finds its enrollment.
      if (attempt < 3 && RETRYABLE_CODES.has(pgCode(error) ?? "")) {
        log.info("enrollment.retry", { attempt, ...describeError(error) });
        continue;
      }
      throw error;
    }
  }
}

async function enrollOnce(tx: Db, ctx: AppContext, how: Channel, input: PatientEnrollInput): Promise<EnrollOutcome> {
  const now = ctx.now();
  // Lock the notice: every enrollment attempt for it queues here, one at a time.
  const [row] = await tx
    .select({ notice: notices, incident: incidents })
    .from(notices)
    .innerJoin(incidents, eq(incidents.id, notices.incidentId))
    .where(eq(notices.id, input.noticeId))
    .for("update", { of: notices });
  if (!row) return { kind: "unavailable" };
  const [existing] = await tx.select().from(enrollments).where(eq(enrollments.noticeId, input.noticeId));
  if (existing) return { kind: existing.status, enrollmentId: existing.id, created: false };

  const { notice, incident } = row;
  const state = offerState(incident, notice, now);
  if (state !== "open") return { kind: state };
  const product = productFor(notice);
  if (product === "minor" && !input.guardianName) return { kind: "invalid", problem: "guardian_name" };

  const code = await claimMonitoringCode(tx, { incidentId: incident.id, product, noticeId: notice.id, now });
  const coverage = code ? coverageFor(dayOf(now), incident.offerMonths) : null;
  const [enrollment] = await tx
    .insert(enrollments)
    .values({
      noticeId: notice.id,
      incidentId: incident.id,
      organizationId: notice.organizationId,
      product,
      status: code ? "enrolled" : "waiting",
      monitoringCodeId: code?.id ?? null,
      channel: how.channel,
      requestedAt: now,
      enrolledAt: code ? now : null,
      coverageStart: coverage?.start ?? null,
      coverageEnd: coverage?.end ?? null,
      termsAcceptedAt: how.channel === "web" ? now : null,
      verbalConsent: how.channel === "call_center" ? how.verbalConsent : null,
      callReference: how.channel === "call_center" ? how.callReference : null,
      actorId: how.channel === "call_center" ? how.actor.id : null,
      emailEnc: input.email ? ctx.cipher.encrypt(EMAIL_FIELD, input.email.trim()) : null,
      guardianNameEnc: input.guardianName ? ctx.cipher.encrypt(GUARDIAN_NAME_FIELD, input.guardianName) : null,
      language: input.language,
    })
    .returning();
  await checkPoolAfterClaim(tx, ctx, { incidentId: incident.id, product, now, claimed: code !== null });
  if (code && input.email) {
    await enqueueEmail(tx, ctx, {
      kind: "enrollment_confirmed",
      language: input.language,
      dedupeKey: `enrollment:${enrollment!.id}`,
      to: { plain: input.email.trim() },
      noticeId: notice.id,
    });
  }
  await recordAuditEvent(tx, {
    at: now,
    actorType: how.channel === "web" ? "patient" : "staff",
    actorId: how.channel === "web" ? null : how.actor.id,
    actorRole: how.channel === "web" ? null : how.actor.role,
    action: "enrollment.create",
    subjectType: "notice",
    subjectId: String(notice.id),
    callReference: how.channel === "call_center" ? how.callReference : null,
    ip: how.meta.ip,
    requestId: how.meta.requestId,
    outcome: "success",
    details: {
      enrollmentId: enrollment!.id,
      status: enrollment!.status,
      product,
      channel: how.channel,
      verbalConsent: how.channel === "call_center" ? true : null,
      emailGiven: Boolean(input.email),
    },
  });
  return { kind: enrollment!.status, enrollmentId: enrollment!.id, created: true };
}

/** How many waiting people one transaction enrolls when codes arrive. */
const FULFILL_CHUNK = 100;

/**
 * Codes arrived: enroll the people waiting for this product, oldest first, and queue their email
 * ("your enrollment is confirmed") — to the address they typed, else the one on their letter's
 * record. Each chunk is one transaction; `SKIP LOCKED` lets two loads run this side by side.
 * Returns how many were enrolled. Waiting people stay enrolled even after the enroll-by date:
 * they asked in time.
 */
export async function fulfillWaitingEnrollments(ctx: AppContext, incidentId: string, product: Product): Promise<number> {
  let total = 0;
  for (;;) {
    const { enrolled, more } = await ctx.db.transaction(async (tx) => {
      const now = ctx.now();
      const waiting = await tx
        .select({ enrollment: enrollments, noticeEmail: notices.emailEnc, offerMonths: incidents.offerMonths })
        .from(enrollments)
        .innerJoin(notices, eq(notices.id, enrollments.noticeId))
        .innerJoin(incidents, eq(incidents.id, enrollments.incidentId))
        .where(and(eq(enrollments.incidentId, incidentId), eq(enrollments.product, product), eq(enrollments.status, "waiting")))
        .orderBy(asc(enrollments.requestedAt), asc(enrollments.id))
        .limit(FULFILL_CHUNK)
        .for("update", { of: enrollments, skipLocked: true });
      let n = 0;
      for (const w of waiting) {
        const e = w.enrollment;
        const code = await claimMonitoringCode(tx, { incidentId, product, noticeId: e.noticeId, now });
        if (!code) return { enrolled: n, more: false };
        const coverage = coverageFor(dayOf(now), w.offerMonths);
        await tx
          .update(enrollments)
          .set({ status: "enrolled", monitoringCodeId: code.id, enrolledAt: now, coverageStart: coverage.start, coverageEnd: coverage.end })
          .where(eq(enrollments.id, e.id));
        const to = e.emailEnc ?? w.noticeEmail;
        if (to) {
          await enqueueEmail(tx, ctx, {
            kind: "enrollment_ready",
            language: e.language,
            dedupeKey: `enrollment:${e.id}`,
            to: { encrypted: to },
            noticeId: e.noticeId,
          });
        }
        await recordAuditEvent(tx, {
          at: now,
          actorType: "system",
          action: "enrollment.fulfill",
          subjectType: "notice",
          subjectId: String(e.noticeId),
          outcome: "success",
          details: { enrollmentId: e.id, product, emailQueued: Boolean(to) },
        });
        n++;
      }
      if (n > 0) await checkPoolAfterClaim(tx, ctx, { incidentId, product, now, claimed: true });
      return { enrolled: n, more: waiting.length === FULFILL_CHUNK };
    });
    total += enrolled;
    if (!more) break;
  }
  if (total > 0) log.info("enrollment.fulfilled", { product, count: total });
  return total;
}

/** What the enrollment result page shows — for the person behind the session, and no one else. */
export type EnrollmentView = {
  status: "enrolled" | "waiting";
  product: Product;
  channel: Enrollment["channel"];
  /** The partner's code, in clear: only on the result page of its own session. */
  monitoringCode: string | null;
  enrolledOn: string | null;
  coverageStart: string | null;
  coverageEnd: string | null;
  emailGiven: boolean;
  partner: { name: string; url: string; phone: string };
  tollFreePhone: string;
  phoneHours: { en: string; es: string };
  offerMonths: number;
};

export async function getEnrollmentView(ctx: AppContext, noticeId: number): Promise<EnrollmentView | null> {
  const [row] = await ctx.db
    .select({ enrollment: enrollments, incident: incidents, codeEnc: sql<string | null>`mc.code_enc` })
    .from(enrollments)
    .innerJoin(incidents, eq(incidents.id, enrollments.incidentId))
    .leftJoin(sql`monitoring_codes mc`, sql`mc.id = ${enrollments.monitoringCodeId}`)
    .where(eq(enrollments.noticeId, noticeId));
  if (!row) return null;
  const e = row.enrollment;
  return {
    status: e.status,
    product: e.product,
    channel: e.channel,
    monitoringCode: row.codeEnc ? ctx.cipher.decrypt(MONITORING_CODE_FIELD, row.codeEnc) : null,
    enrolledOn: e.enrolledAt ? dayOf(e.enrolledAt) : null,
    coverageStart: e.coverageStart,
    coverageEnd: e.coverageEnd,
    emailGiven: Boolean(e.emailEnc),
    partner: { name: row.incident.partnerName, url: row.incident.partnerUrl, phone: row.incident.partnerPhone },
    tollFreePhone: row.incident.tollFreePhone,
    phoneHours: row.incident.phoneHours,
    offerMonths: row.incident.offerMonths,
  };
}

/** Does this notice have an enrollment (the exposure page says "already enrolled")? */
export async function getEnrollmentStatus(ctx: AppContext, noticeId: number): Promise<"enrolled" | "waiting" | null> {
  const [row] = await ctx.db.select({ status: enrollments.status }).from(enrollments).where(eq(enrollments.noticeId, noticeId));
  return row?.status ?? null;
}
