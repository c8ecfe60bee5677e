import { sql } from "drizzle-orm";
import { bigint, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The audit trail. Append-only: a trigger (migration 0001) refuses UPDATE and DELETE.
 * No foreign keys, so a row outlives anything it names (purged notices, removed staff).
 * `hash` = SHA-256(prevHash || canonical row), chained in id order; `audit verify` recomputes it.
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
    ip: text("ip"),
    requestId: text("request_id"),
    outcome: text("outcome", { enum: ["success", "failure", "denied", "error"] }).notNull(),
    details: jsonb("details").$type<Record<string, string | number | boolean | null>>(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at),
    index("audit_events_actor_idx").on(t.actorId, t.at),
    index("audit_events_subject_idx").on(t.subjectType, t.subjectId),
    // The portal-wide guessing alarm counts failed checks by time (alerts.server.ts).
    index("audit_events_check_failures_idx")
      .on(t.at)
      .where(sql`action in ('patient.check', 'patient.check.locked') and outcome = 'failure'`),
  ],
);
export type AuditEvent = typeof auditEvents.$inferSelect;
