import { sql } from "drizzle-orm";
import { date, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/** A named web page a person can check on their own (a covered entity's site, an official posting). */
export type NamedLink = { name: string; url: string };

/** Text that exists in every supported language. */
export type LocalizedText = { en: string; es: string };
export type LocalizedList = { en: string[]; es: string[] };

/**
 * One breach event and the response to it. Everything a public page says about the event lives
 * here (not in code), in English and Spanish, so a deployment can serve several incidents.
 */
export const incidents = pgTable(
  "incidents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    /** The business associate or covered entity that was breached (HealthEC LLC in the model). */
    breachedEntity: text("breached_entity").notNull(),
    intrusionStart: date("intrusion_start").notNull(),
    intrusionEnd: date("intrusion_end").notNull(),
    discoveredOn: date("discovered_on").notNull(),
    reviewEndedOn: date("review_ended_on").notNull(),
    /** Date on the letters; the "letter date" shown on the exposure page. */
    noticeDate: date("notice_date").notNull(),
    whatHappened: jsonb("what_happened").$type<LocalizedText>().notNull(),
    whatWeAreDoing: jsonb("what_we_are_doing").$type<LocalizedText>().notNull(),
    /** Categories the incident states were NOT involved (e.g. card and bank numbers). */
    notInvolved: jsonb("not_involved").$type<LocalizedList>().notNull(),
    tollFreePhone: text("toll_free_phone").notNull(),
    phoneHours: jsonb("phone_hours").$type<LocalizedText>().notNull(),
    offerMonths: integer("offer_months").notNull().default(12),
    enrollBy: date("enroll_by").notNull(),
    partnerName: text("partner_name").notNull(),
    partnerUrl: text("partner_url").notNull(),
    partnerPhone: text("partner_phone").notNull(),
    /**
     * Anchors a person can check outside this site that a letter is genuine (issue 16, item 5; all
     * optional, set by the operator): the covered entities' own websites, the HHS breach portal
     * listing, state attorney-general postings, and the return address printed on the envelope.
     */
    coveredEntityWebsites: jsonb("covered_entity_websites").$type<NamedLink[]>(),
    hhsBreachPortalUrl: text("hhs_breach_portal_url"),
    attorneyGeneralPostings: jsonb("attorney_general_postings").$type<NamedLink[]>(),
    letterReturnAddress: text("letter_return_address"),
    /** After this date personal fields are purged; counts and the audit trail stay. */
    retainUntil: date("retain_until").notNull(),
    /**
     * When the retention purge finished erasing this incident's personal data (set in the same
     * transaction as its audit row). Null while any is left, so an interrupted purge is finished
     * by the next run.
     */
    purgedAt: timestamp("purged_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("incidents_slug_key").on(t.slug)],
);
export type Incident = typeof incidents.$inferSelect;

/** A covered entity whose patients were affected. Slug unique within its incident. */
export const organizations = pgTable(
  "organizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("organizations_incident_slug_key").on(t.incidentId, t.slug)],
);
export type Organization = typeof organizations.$inferSelect;

export const BATCH_STATUSES = ["importing", "failed", "rejected", "awaiting_mailing", "mailed"] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/**
 * One uploaded file of notices for one organization. Notices of a batch can be checked only once
 * the batch is `mailed`; a batch that is `importing` or `failed` is invisible to the public.
 * The same file (SHA-256) is imported at most once per organization.
 */
export const batches = pgTable(
  "batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    fileName: text("file_name").notNull(),
    fileSha256: text("file_sha256").notNull(),
    status: text("status", { enum: BATCH_STATUSES }).notNull().default("importing"),
    mailingDate: date("mailing_date").notNull(),
    mailedOn: date("mailed_on"),
    rowsTotal: integer("rows_total").notNull().default(0),
    rowsImported: integer("rows_imported").notNull().default(0),
    rowsRejected: integer("rows_rejected").notNull().default(0),
    report: jsonb("report"),
    /** Import progress (issue 4): what the importer is doing now and how far it got. */
    phase: text("phase"),
    rowsRead: integer("rows_read").notNull().default(0),
    /** Last sign of life of the importing process (shown on the progress page). */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    /** Why an import failed (no personal data). */
    error: text("error"),
    /** Where the file came from: "cli" or "web". */
    source: text("source"),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("batches_org_sha_key")
      .on(t.organizationId, t.fileSha256)
      .where(sql`status in ('importing', 'awaiting_mailing', 'mailed')`),
  ],
);
export type Batch = typeof batches.$inferSelect;
