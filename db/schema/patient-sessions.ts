import { bigint, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { notices } from "./notices";

/**
 * A patient session after a successful check. The cookie carries only the random token; we
 * store its SHA-256 (`tokenHash`), so a database read does not yield usable cookies.
 */
export const patientSessions = pgTable(
  "patient_sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    noticeId: bigint("notice_id", { mode: "number" })
      .notNull()
      .references(() => notices.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [index("patient_sessions_notice_idx").on(t.noticeId)],
);
export type PatientSession = typeof patientSessions.$inferSelect;
