import { eq, sql } from "drizzle-orm";
import { batches, enrollments, incidents, notices, organizations } from "../../../db/schema/index";
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
  const today = ctx.now().toISOString().slice(0, 10);
  return {
    referenceNumber: row.notice.referenceNumber,
    organizationName: row.organizationName,
    letterDate: row.batch.mailedOn ?? row.batch.mailingDate,
    audience: row.notice.isDeceased ? "deceased" : row.notice.isMinor ? "minor" : "adult",
    language: row.notice.language,
    state: row.notice.state,
    categories: sortBySeverity(row.notice.categories.filter(isCategoryKey)),
    incident: toPublicIncident(row.incident),
    offerOpen: today <= row.incident.enrollBy,
    enrollment: row.enrollment ?? null,
  };
}

/** The language the covered entity gave for a notice (the default for its pages). */
export async function getNoticeLanguage(ctx: AppContext, noticeId: number): Promise<"en" | "es"> {
  const [row] = await ctx.db.select({ language: notices.language }).from(notices).where(eq(notices.id, noticeId));
  return row?.language ?? "en";
}
