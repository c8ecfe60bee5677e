import { bigint, date, index, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { batches, incidents, organizations } from "./incidents";

/**
 * Materialized counts per batch and state, so reports on millions of notices read a few hundred
 * rows instead of scanning `notices`.
 *
 * Invariants (kept by the batch import, and by triggers for every other writer — migration
 * `batches_counters`): `notified`/`minors`/`deceased` count the batch's notices in that state;
 * `returned_mail` counts those with `returned_mail_at` set. The bulk import sets
 * `ec.bulk_import = 'on'` for its own transaction and writes these rows itself, set-based.
 */
export const noticeStats = pgTable(
  "notice_stats",
  {
    batchId: uuid("batch_id")
      .notNull()
      .references(() => batches.id),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id),
    state: text("state").notNull(),
    notified: integer("notified").notNull().default(0),
    minors: integer("minors").notNull().default(0),
    deceased: integer("deceased").notNull().default(0),
    returnedMail: integer("returned_mail").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.state] }), index("notice_stats_incident_idx").on(t.incidentId)],
);

/** How many notices of a batch list each category (HHS "types of information involved"). */
export const noticeCategoryStats = pgTable(
  "notice_category_stats",
  {
    batchId: uuid("batch_id")
      .notNull()
      .references(() => batches.id),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id),
    category: text("category").notNull(),
    notified: integer("notified").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.category] })],
);

/**
 * Successful patient checks per UTC day, organization and state, kept by a trigger on `notices`
 * (first_checked_at / last_checked_at changes). `shard` (notice id mod 8) spreads the increments
 * of one busy day over several rows, so concurrent checks do not queue on one row lock; readers sum.
 */
export const noticeCheckDays = pgTable(
  "notice_check_days",
  {
    day: date("day").notNull(),
    incidentId: uuid("incident_id").notNull(),
    organizationId: uuid("organization_id").notNull(),
    state: text("state").notNull(),
    shard: smallint("shard").notNull(),
    firstChecks: integer("first_checks").notNull().default(0),
    checks: integer("checks").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.organizationId, t.state, t.shard] }), index("notice_check_days_incident_idx").on(t.incidentId, t.day)],
);

/**
 * Counters for reference numbers: imports reserve a range and map each counter through a keyed
 * permutation of the 12-digit space, so numbers look random but never repeat.
 */
export const referenceCounters = pgTable("reference_counters", {
  name: text("name").primaryKey(),
  next: bigint("next", { mode: "number" }).notNull().default(0),
});

/** One uploaded returned-mail list (the references themselves are flagged on the notices). */
export const returnedMailUploads = pgTable(
  "returned_mail_uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id),
    fileName: text("file_name").notNull(),
    fileSha256: text("file_sha256").notNull(),
    listed: integer("listed").notNull().default(0),
    flagged: integer("flagged").notNull().default(0),
    alreadyFlagged: integer("already_flagged").notNull().default(0),
    unknown: integer("unknown").notNull().default(0),
    invalid: integer("invalid").notNull().default(0),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("returned_mail_uploads_incident_idx").on(t.incidentId, t.createdAt)],
);

export type NoticeStats = typeof noticeStats.$inferSelect;
export type ReturnedMailUpload = typeof returnedMailUploads.$inferSelect;
