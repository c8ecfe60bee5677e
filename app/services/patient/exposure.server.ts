import { sha256Hex } from "~/utils/crypto.server";
import type { AppContext } from "../context.server";
import { exposureOf, type Exposure, type ExposureFields } from "../notices/exposure.server";
import { sessionOfTouched, touchPatientSessionParams, TOUCH_PATIENT_SESSION_CTES, type TouchedSessionRow } from "./session.server";

/** What the idle-timeout warning on every patient page needs (components/session-timeout.tsx). */
export type SessionTimeoutInfo = { secondsLeft: number; canExtend: boolean };

/**
 * What a patient page learns from its cookie's token:
 * - `none`: no open session (never was, signed out, ended before, or replaced by a new check);
 * - `ended`: it ended by itself at this read (15 quiet minutes, or the 60-minute limit);
 * - `withdrawn`: the session is live but its notice is no longer shown (purged, reprinted, flagged);
 * - `live`: the person's exposure and how long the session has left.
 */
export type PatientExposureRead =
  | { kind: "none" }
  | { kind: "ended"; reason: "idle" | "limit" }
  | { kind: "withdrawn"; noticeId: number }
  | { kind: "live"; noticeId: number; exposure: Exposure; timeout: SessionTimeoutInfo };

/**
 * readPatientSession and getExposure in one statement: the session is touched by the same rule
 * (TOUCH_PATIENT_SESSION_CTES: ended, or its idle deadline moved when a minute old) and, when it
 * is live, the exposure of its notice comes back in the same round trip. The notice comes from
 * the session only, never from the request. A fixed SQL text: on PostgreSQL a prepared statement,
 * nothing built per call. The exposure is exposureOf's, as getExposure's is.
 */
export async function readPatientExposure(ctx: AppContext, token: string | null | undefined): Promise<PatientExposureRead> {
  if (!token) return { kind: "none" };
  const tokenHash = sha256Hex(token);
  const now = ctx.now();
  const [row] = await ctx.database.query<ReadRow>(READ_PATIENT_EXPOSURE_SQL, touchPatientSessionParams(tokenHash, now));
  const session = sessionOfTouched(row, tokenHash, now);
  if (!session) return { kind: "none" };
  if (session.expired) return { kind: "ended", reason: session.reason };
  if (!row?.shown) return { kind: "withdrawn", noticeId: session.noticeId };
  return {
    kind: "live",
    noticeId: session.noticeId,
    exposure: exposureOf(row, now),
    timeout: { secondsLeft: Math.max(0, Math.round((session.endsAt.getTime() - now.getTime()) / 1000)), canExtend: session.canExtend },
  };
}

type ReadRow = TouchedSessionRow & ExposureFields & { shown: boolean | null };

// The lateral part is getExposure's read (notice, organization, letter, incident, enrollment),
// done only for a session that is still live. Dates come as text (YYYY-MM-DD), as drizzle gives them.
const READ_PATIENT_EXPOSURE_SQL = `with ${TOUCH_PATIENT_SESSION_CTES}
  select s.notice_id, s.created_at, s.live, s.within_limit, s.last_seen_at, x.*
  from s left join lateral (
    select (n.purged_at is null and n.revoked_at is null and n.fraud_flagged_at is null) as shown,
      n.reference_number as "referenceNumber", n.language, n.state, n.categories, n.is_minor as "isMinor", n.is_deceased as "isDeceased",
      o.name as "organizationName", coalesce(b.mailed_on, b.mailing_date)::text as "letterDate",
      (select e.status from enrollments e where e.notice_id = n.id limit 1) as enrollment,
      json_build_object(
        'name', i.name, 'breachedEntity', i.breached_entity, 'intrusionStart', i.intrusion_start, 'intrusionEnd', i.intrusion_end,
        'discoveredOn', i.discovered_on, 'reviewEndedOn', i.review_ended_on, 'noticeDate', i.notice_date,
        'whatHappened', i.what_happened, 'whatWeAreDoing', i.what_we_are_doing, 'notInvolved', i.not_involved,
        'tollFreePhone', i.toll_free_phone, 'phoneHours', i.phone_hours, 'offerMonths', i.offer_months, 'enrollBy', i.enroll_by,
        'partnerName', i.partner_name, 'partnerUrl', i.partner_url, 'partnerPhone', i.partner_phone
      ) as incident
    from notices n
      join organizations o on o.id = n.organization_id
      join batches b on b.id = n.batch_id
      join incidents i on i.id = n.incident_id
    where n.id = s.notice_id and s.live
  ) x on true`;
