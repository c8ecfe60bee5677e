import { sql } from "drizzle-orm";
import { bigint, customType, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** PostgreSQL's 64-bit transaction id (never wraps around); read and written as decimal text. */
const xid8 = customType<{ data: string; driverData: string }>({
  dataType: () => "xid8",
});

/**
 * The audit trail. Append-only: triggers (`ENABLE ALWAYS`, migrations 0001 and 0013) refuse
 * UPDATE, DELETE and TRUNCATE, in replica mode too.
 * No foreign keys, so a row outlives anything it names (purged notices, removed staff).
 * A request appends its row in its own transaction and takes no lock shared with other requests;
 * `txid` is the inserting transaction's id, which lets the sealer (`seal.server.ts`) fold committed
 * rows into the keyed chain of `audit_seals` in a fixed order, (txid, id), without skipping a
 * transaction that commits late. `ip_hash` is a keyed hash of the client address; the clear
 * address lives in `audit_client_addresses` for 30 days only (docs/decisions/041).
 * Never holds an activation code, a date of birth or a category.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorType: text("actor_type", { enum: ["staff", "patient", "system", "cli"] }).notNull(),
    actorId: text("actor_id"),
    actorRole: text("actor_role"),
    action: text("action").notNull(),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    reason: text("reason"),
    callReference: text("call_reference"),
    ipHash: text("ip_hash"),
    requestId: text("request_id"),
    outcome: text("outcome", { enum: ["success", "failure", "denied", "error"] }).notNull(),
    details: jsonb("details").$type<Record<string, string | number | boolean | null>>(),
    txid: xid8("txid")
      .notNull()
      .default(sql`pg_current_xact_id()`),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at),
    index("audit_events_actor_idx").on(t.actorId, t.at),
    index("audit_events_subject_idx").on(t.subjectType, t.subjectId),
    // The sealer reads rows in seal order, from where the last seal ended.
    index("audit_events_seal_order_idx").on(t.txid, t.id),
    // The portal-wide guessing alarm counts failed checks by time (alerts.server.ts).
    index("audit_events_check_failures_idx")
      .on(t.at)
      .where(sql`action in ('patient.check', 'patient.check.locked') and outcome = 'failure'`),
  ],
);
export type AuditEvent = typeof auditEvents.$inferSelect;

/**
 * Checkpoints of the audit trail, appended by the sealer about once a second. Seal `seq` covers
 * every audit row with `txid` in [`fromTxid`, `uptoTxid`) — all of them finished before the seal
 * was taken — in (txid, id) order. `head` = the keyed chain (HMAC-SHA256 with AUDIT_SEAL_KEY, which
 * the database does not hold) over those rows, continuing from the previous seal's head; `rows` is
 * the running total of sealed rows; `mac` authenticates the checkpoint itself. Append-only.
 */
export const auditSeals = pgTable("audit_seals", {
  seq: integer("seq").primaryKey(),
  fromTxid: xid8("from_txid").notNull(),
  uptoTxid: xid8("upto_txid").notNull(),
  rows: bigint("rows", { mode: "number" }).notNull(),
  head: text("head").notNull(),
  mac: text("mac").notNull(),
  sealedAt: timestamp("sealed_at", { withTimezone: true }).notNull(),
});
export type AuditSeal = typeof auditSeals.$inferSelect;

/**
 * The clear client address of an audit row, kept only as long as abuse handling needs it
 * (CLIENT_ADDRESS_RETENTION_DAYS, swept by the sealer); the audit row keeps a keyed hash forever.
 * Not part of the seal, so sweeping it never breaks `audit verify`.
 */
export const auditClientAddresses = pgTable(
  "audit_client_addresses",
  {
    auditId: bigint("audit_id", { mode: "number" }).primaryKey(),
    ip: text("ip").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("audit_client_addresses_at_idx").on(t.at)],
);
