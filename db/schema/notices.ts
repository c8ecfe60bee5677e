import { sql } from "drizzle-orm";
import { bigint, boolean, customType, index, integer, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { batches, incidents, organizations } from "./incidents";

/** Raw bytes (keyed hashes). postgres.js and PGlite both return a Uint8Array/Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Text compared byte by byte (`COLLATE "C"`): for identifiers that are never sorted for people.
 * Its unique index builds about twice as fast as under a linguistic collation (PostgreSQL uses
 * abbreviated keys and memcmp only for "C"), and equality is the same. drizzle's pg-core has no
 * column collation, so the collation is part of the type name here.
 */
const byteText = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });

/**
 * One letter to one person.
 *
 * Invariants:
 * - `codeHash` is HMAC-SHA256(CODE_PEPPER, normalized activation code); the code itself is never
 *   stored in clear. `codeEnc` holds it encrypted only while the batch awaits mailing (so the
 *   mailing file can be exported) and is wiped when the batch is marked mailed.
 * - Personal fields (`*Enc`) are AES-256-GCM ciphertexts carrying their key id; they are purged
 *   (set null) after the incident's retention date.
 * - `categories` holds catalog keys only, never exposed values.
 * - `searchHash` is the blind index HMAC(last name + date of birth + ZIP5) for staff lookup.
 * - `externalIdHash` is HMAC("external:" + organization id + ":" + external id): unique by itself.
 */
export const notices = pgTable(
  "notices",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    batchId: uuid("batch_id")
      .notNull()
      .references(() => batches.id),
    referenceNumber: byteText("reference_number").notNull(),
    codeHash: bytea("code_hash").notNull(),
    codeEnc: text("code_enc"),
    /** HMAC of the organization's own id for the person: duplicate detection across batches. */
    externalIdHash: bytea("external_id_hash").notNull(),
    externalIdEnc: text("external_id_enc"),
    categories: text("categories").array().notNull(),
    state: text("state").notNull(),
    language: text("language", { enum: ["en", "es"] })
      .notNull()
      .default("en"),
    isMinor: boolean("is_minor").notNull().default(false),
    isDeceased: boolean("is_deceased").notNull().default(false),
    nameEnc: text("name_enc"),
    addressEnc: text("address_enc"),
    dobEnc: text("dob_enc"),
    emailEnc: text("email_enc"),
    phoneEnc: text("phone_enc"),
    searchHash: bytea("search_hash"),
    /** Consecutive wrong dates of birth; reset by a match or by staff unlock. */
    failedChecks: integer("failed_checks").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    /**
     * The latest lock's level (1: an hour, 2: a day, 3: held until the call center unlocks it) and
     * when it was set: a lock within ESCALATION_WINDOW_MS of the previous one goes one level up
     * (decision 043). A match resets both.
     */
    lockLevel: smallint("lock_level").notNull().default(0),
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    firstCheckedAt: timestamp("first_checked_at", { withTimezone: true }),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    returnedMailAt: timestamp("returned_mail_at", { withTimezone: true }),
    /** Set when the letter was reprinted with a new code; the old code stops working. */
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /**
     * Flagged "suspected fraud" by the call center: the patient check refuses every code for it
     * (the same answer as a wrong code) until a reissued letter clears the flag. docs/decisions/061.
     */
    fraudFlaggedAt: timestamp("fraud_flagged_at", { withTimezone: true }),
    purgedAt: timestamp("purged_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("notices_code_hash_key").on(t.codeHash),
    uniqueIndex("notices_reference_key").on(t.referenceNumber),
    // The hash's input holds the organization id (seal.server.ts externalIdHashFor), so unique on the
    // hash alone is unique per organization; a 32-byte key builds in about half the time of
    // (organization_id, hash) after a large import (4.45 M rows: 4.0 s vs 7.5 s).
    uniqueIndex("notices_external_key").on(t.externalIdHash),
    index("notices_search_idx")
      .on(t.searchHash)
      .where(sql`search_hash is not null`),
    index("notices_batch_idx").on(t.batchId),
  ],
);
export type Notice = typeof notices.$inferSelect;
