import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { incidents, organizations } from "./incidents";
import { bytea, notices } from "./notices";

/** The monitoring partner's two products: one for adults, one for minors (enrolled by a guardian). */
export const PRODUCTS = ["adult", "minor"] as const;
export type Product = (typeof PRODUCTS)[number];

/**
 * The monitoring partner's codes, one row per code, loaded by admins (`pool import`).
 *
 * Invariants:
 * - A code is handed out at most once, ever: `claimedAt`/`noticeId` are set by one
 *   `UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1)` and never cleared; the
 *   partial unique index on `noticeId` means one notice can hold one code at most, and
 *   `enrollments.monitoringCodeId` is unique too.
 * - `codeHash` = HMAC(CODE_PEPPER, code): the same code loaded twice is refused (unique index).
 * - `codeEnc` is the code encrypted (field "monitoring_code"); it is shown only to the person it
 *   was handed to.
 * - `monitoring_codes_free_idx` serves the claim: the next free code of a product, oldest first.
 */
export const monitoringCodes = pgTable(
  "monitoring_codes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id),
    product: text("product", { enum: PRODUCTS }).notNull(),
    codeHash: bytea("code_hash").notNull(),
    codeEnc: text("code_enc").notNull(),
    /** Which load it came from (one `pool import`), for the admin page. */
    importId: uuid("import_id").notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    noticeId: bigint("notice_id", { mode: "number" }).references(() => notices.id),
  },
  (t) => [
    uniqueIndex("monitoring_codes_hash_key").on(t.codeHash),
    uniqueIndex("monitoring_codes_notice_key")
      .on(t.noticeId)
      .where(sql`notice_id is not null`),
    index("monitoring_codes_free_idx")
      .on(t.incidentId, t.product, t.id)
      .where(sql`claimed_at is null`),
  ],
);
export type MonitoringCode = typeof monitoringCodes.$inferSelect;

/**
 * Counters per incident and product, kept in the same transaction as every load and claim, so the
 * admin page and the low-pool alert never count millions of rows.
 */
export const monitoringPools = pgTable(
  "monitoring_pools",
  {
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id),
    product: text("product", { enum: PRODUCTS }).notNull(),
    loadedCount: integer("loaded_count").notNull().default(0),
    claimedCount: integer("claimed_count").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("monitoring_pools_key").on(t.incidentId, t.product)],
);
export type MonitoringPool = typeof monitoringPools.$inferSelect;

export const POOL_ALERT_KINDS = ["low", "empty"] as const;
export type PoolAlertKind = (typeof POOL_ALERT_KINDS)[number];

/**
 * Admin alerts about the pool. One open alert per incident, product and kind (partial unique
 * index): raising is `INSERT … ON CONFLICT DO NOTHING`, so admins are emailed once per crossing of
 * the threshold, whatever the concurrency; a load that refills the pool clears the alert.
 */
export const poolAlerts = pgTable(
  "pool_alerts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id),
    product: text("product", { enum: PRODUCTS }).notNull(),
    kind: text("kind", { enum: POOL_ALERT_KINDS }).notNull(),
    remaining: integer("remaining").notNull(),
    loaded: integer("loaded").notNull(),
    raisedAt: timestamp("raised_at", { withTimezone: true }).notNull(),
    clearedAt: timestamp("cleared_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("pool_alerts_open_key")
      .on(t.incidentId, t.product, t.kind)
      .where(sql`cleared_at is null`),
  ],
);
export type PoolAlert = typeof poolAlerts.$inferSelect;

export const ENROLLMENT_STATUSES = ["enrolled", "waiting"] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];
export const ENROLLMENT_CHANNELS = ["web", "call_center"] as const;

/**
 * A person's acceptance of the monitoring offer. At most one per notice (unique index): every
 * submit, retry or second tab for a notice finds the same row.
 *
 * - `waiting`: accepted while the pool of the product was empty; no code yet. Loading codes
 *   enrolls waiting people oldest first and emails them.
 * - `enrolled`: holds exactly one monitoring code (unique), coverage from `coverageStart` to
 *   `coverageEnd` (inclusive, `offerMonths` long).
 * - `emailEnc` (field "email"): the optional address typed for the confirmation; `guardianNameEnc`
 *   (field "guardian_name") for a minor. Both purged with the notice.
 * - Call-center enrollments record the agent (`actorId`), the caller's verbal consent and the
 *   call reference; web enrollments the time the partner's terms were accepted.
 */
export const enrollments = pgTable(
  "enrollments",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    noticeId: bigint("notice_id", { mode: "number" })
      .notNull()
      .references(() => notices.id),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    product: text("product", { enum: PRODUCTS }).notNull(),
    status: text("status", { enum: ENROLLMENT_STATUSES }).notNull(),
    monitoringCodeId: bigint("monitoring_code_id", { mode: "number" }).references(() => monitoringCodes.id),
    channel: text("channel", { enum: ENROLLMENT_CHANNELS }).notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    enrolledAt: timestamp("enrolled_at", { withTimezone: true }),
    coverageStart: date("coverage_start"),
    coverageEnd: date("coverage_end"),
    termsAcceptedAt: timestamp("terms_accepted_at", { withTimezone: true }),
    verbalConsent: boolean("verbal_consent"),
    callReference: text("call_reference"),
    actorId: text("actor_id"),
    emailEnc: text("email_enc"),
    guardianNameEnc: text("guardian_name_enc"),
    language: text("language", { enum: ["en", "es"] })
      .notNull()
      .default("en"),
  },
  (t) => [
    uniqueIndex("enrollments_notice_key").on(t.noticeId),
    uniqueIndex("enrollments_code_key")
      .on(t.monitoringCodeId)
      .where(sql`monitoring_code_id is not null`),
    index("enrollments_waiting_idx")
      .on(t.incidentId, t.product, t.requestedAt)
      .where(sql`status = 'waiting'`),
    index("enrollments_enrolled_at_idx").on(t.incidentId, t.enrolledAt),
  ],
);
export type Enrollment = typeof enrollments.$inferSelect;

export const EMAIL_KINDS = [
  "enrollment_confirmed",
  "enrollment_ready",
  "reminder_30",
  "reminder_7",
  "pool_low",
  "pool_empty",
  "staff_invitation",
  "admin_account_changed",
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];
export const EMAIL_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/**
 * The email queue (an outbox): a row is written in the same transaction as what causes it
 * (an enrollment, a reminder run, a pool alert) and delivered later by the worker.
 *
 * Invariants:
 * - `dedupeKey` is unique ("enrollment:42", "reminder_30:42", "pool_low:7:admin@…hash"): the same
 *   email is never queued twice; it is also the Resend idempotency key, so a retry after a crash
 *   mid-send is not delivered twice.
 * - Subject and bodies are rendered at enqueue time from fixed templates and carry no personal data
 *   (no name, categories, codes, dates of birth or organization); only `toEnc` (field "email") is
 *   personal, and it is encrypted.
 * - The worker claims due rows with `FOR UPDATE SKIP LOCKED` and a lease (`leaseUntil`), so several
 *   app instances can run it; a lease that expires (a crashed worker) makes the row due again.
 * - `giveUpAt`: after it a failing row becomes `failed` and shows on the admin outbox page.
 */
export const emailMessages = pgTable(
  "email_messages",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text("kind", { enum: EMAIL_KINDS }).notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    toEnc: text("to_enc").notNull(),
    language: text("language", { enum: ["en", "es"] })
      .notNull()
      .default("en"),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    bodyHtml: text("body_html").notNull(),
    /** The notice it is about (none for admin alerts); never shown in the email. */
    noticeId: bigint("notice_id", { mode: "number" }),
    status: text("status", { enum: EMAIL_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    giveUpAt: timestamp("give_up_at", { withTimezone: true }).notNull(),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    /** Status code and error name only (never the provider's message, which may quote the address). */
    lastError: text("last_error"),
    /** "resend" or "outbox" (the local outbox page, without RESEND_API_KEY). */
    transport: text("transport"),
    providerId: text("provider_id"),
    /**
     * A secret the message carries only on its way out (the staff invitation link), encrypted
     * (field "email.secret"). The stored body holds a placeholder; the worker puts the secret in
     * when it sends, then erases it. Null for every other kind.
     */
    secretEnc: text("secret_enc"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("email_messages_dedupe_key").on(t.dedupeKey),
    index("email_messages_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`status in ('pending', 'sending')`),
    index("email_messages_created_idx").on(t.createdAt),
  ],
);
export type EmailMessage = typeof emailMessages.$inferSelect;
