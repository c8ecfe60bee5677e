import { eq, sql } from "drizzle-orm";
import { batches, enrollments, incidents, notices, organizations, type Notice } from "../../../db/schema/index";
import { isCategoryKey, sortBySeverity, type CategoryKey } from "~/content/categories";
import type { AppContext } from "../context.server";
import { toPublicIncident, type PublicIncident } from "../incidents/current.server";

export type Audience = "adult" | "minor" | "deceased";

/** Everything the exposure page shows — and nothing else (no names, no date of birth). */
export type Exposure = {
  referenceNumber: string;
  organizationName: string;
  letterDate: string;
  audience: Audience;
  language: "en" | "es";
  /** USPS code of the letter's address: which state's Medicaid agency to name. */
  state: string;
  categories: CategoryKey[];
  incident: PublicIncident;
  offerOpen: boolean;
  /** Already enrolled, or waiting for a code (an empty pool), or neither yet. */
  enrollment: "enrolled" | "waiting" | null;
};

/**
 * The exposure of the notice behind a live patient session. Takes the notice id from the
 * session only — never from the request — so nobody can see someone else's notice.
 */
export async function getExposure(ctx: AppContext, noticeId: number): Promise<Exposure | null> {
  const [row] = await ctx.db
    .select({
      notice: notices,
      organizationName: organizations.name,
      batch: batches,
      incident: incidents,
      // The enrollment's state in the same round trip (getEnrollmentStatus's read).
      enrollment: sql<"enrolled" | "waiting" | null>`(select ${enrollments.status} from ${enrollments} where ${enrollments.noticeId} = ${notices.id} limit 1)`,
    })
    .from(notices)
    .innerJoin(organizations, eq(organizations.id, notices.organizationId))
    .innerJoin(batches, eq(batches.id, notices.batchId))
    .innerJoin(incidents, eq(incidents.id, notices.incidentId))
    .where(eq(notices.id, noticeId));
  if (!row || row.notice.purgedAt || row.notice.revokedAt || row.notice.fraudFlaggedAt) return null;
  return exposureOf(
    {
      ...row.notice,
      organizationName: row.organizationName,
      letterDate: row.batch.mailedOn ?? row.batch.mailingDate,
      incident: row.incident,
      enrollment: row.enrollment,
    },
    ctx.now(),
  );
}

/** What exposureOf reads: the notice's shown fields, its organization's name, its letter's date and its incident. */
export type ExposureFields = Pick<Notice, "referenceNumber" | "language" | "state" | "categories" | "isMinor" | "isDeceased"> & {
  organizationName: string;
  letterDate: string;
  /** The incident's row, or at least the fields public pages may show. */
  incident: PublicIncident;
  enrollment: "enrolled" | "waiting" | null | undefined;
};

/**
 * The exposure page's view of a notice that is still shown (not purged, revoked or flagged):
 * one definition for every read of it (getExposure, readPatientExposure).
 */
export function exposureOf(f: ExposureFields, now: Date): Exposure {
  const today = now.toISOString().slice(0, 10);
  return {
    referenceNumber: f.referenceNumber,
    organizationName: f.organizationName,
    letterDate: f.letterDate,
    audience: f.isDeceased ? "deceased" : f.isMinor ? "minor" : "adult",
    language: f.language,
    state: f.state,
    categories: sortBySeverity(f.categories.filter(isCategoryKey)),
    incident: toPublicIncident(f.incident),
    offerOpen: today <= f.incident.enrollBy,
    enrollment: f.enrollment ?? null,
  };
}

/** The language the covered entity gave for a notice (the default for its pages). */
export async function getNoticeLanguage(ctx: AppContext, noticeId: number): Promise<"en" | "es"> {
  const [row] = await ctx.db.select({ language: notices.language }).from(notices).where(eq(notices.id, noticeId));
  return row?.language ?? "en";
}
