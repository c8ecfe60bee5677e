import { sql } from "drizzle-orm";
import { bigint, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { notices } from "./notices";
import { staffSessions, staffUsers } from "./staff";

/** How an agent ends a call (DESIGN.md "Call-center console"); `abandoned` is set by the system only. */
export const CALL_DISPOSITIONS = [
  "exposure_question",
  "enrollment",
  "lost_letter",
  "locked_out",
  "complaint",
  "suspected_fraud",
  "not_found",
  "other",
  "abandoned",
] as const;
export type CallDisposition = (typeof CALL_DISPOSITIONS)[number];

/**
 * One phone call an agent works on one notice. A row exists only once a lookup found exactly one
 * notice (searches that found none or several are in the audit trail, with their call reference).
 *
 * Invariants:
 * - `verification` moves pending → passed, or pending → failed → (pending again on a retry) …;
 *   nothing of the notice beyond what verification needs is shown, and no action is taken, until
 *   it is `passed` (services/calls/call.server.ts checks it on every read and action).
 * - `endedAt` and `disposition` are set together, once. An open call whose staff session ended
 *   (sign-out, idle, 12 hours, account disabled) is closed as `abandoned` by `closeAbandonedCalls`.
 * - `note` never holds personal data (the form says so; 500 characters at most).
 * - `calls_open_idx` serves "my open calls" and the abandoned sweep; `calls_started_idx` the
 *   supervisor's per-hour chart; `calls_notice_idx` a notice's earlier calls.
 */
export const calls = pgTable(
  "calls",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    noticeId: bigint("notice_id", { mode: "number" })
      .notNull()
      .references(() => notices.id),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => staffUsers.id),
    staffSessionId: uuid("staff_session_id")
      .notNull()
      .references(() => staffSessions.id),
    callReference: text("call_reference").notNull(),
    reason: text("reason").notNull(),
    lookupBy: text("lookup_by", { enum: ["reference", "code", "search"] }).notNull(),
    language: text("language", { enum: ["en", "es"] })
      .notNull()
      .default("en"),
    verification: text("verification", { enum: ["pending", "passed", "failed"] })
      .notNull()
      .default("pending"),
    verifyFailures: integer("verify_failures").notNull().default(0),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    disposition: text("disposition", { enum: CALL_DISPOSITIONS }),
    note: text("note"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    index("calls_open_idx")
      .on(t.agentId)
      .where(sql`ended_at is null`),
    index("calls_started_idx").on(t.startedAt),
    index("calls_notice_idx").on(t.noticeId),
  ],
);
export type Call = typeof calls.$inferSelect;

/**
 * Lookups per agent per clock hour: the anti-scraping limit (services/calls/lookup-limit.server.ts).
 * One upsert counts a lookup before it runs, so concurrent lookups cannot slip past the limit.
 * `alertedAt` is set once per window, when the agent first goes past the limit.
 */
export const callLookupWindows = pgTable(
  "call_lookup_windows",
  {
    staffId: uuid("staff_id").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    lookups: integer("lookups").notNull().default(0),
    alertedAt: timestamp("alerted_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.windowStart] })],
);

/**
 * Letters reissued by the call center, waiting for the print vendor: `reprint export` writes the
 * mailing file of the rows not yet exported, then marks them exported and wipes `codeEnc` — the
 * new activation code exists in clear only in that file (like the batch mailing file).
 */
export const reprintRequests = pgTable(
  "reprint_requests",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    noticeId: bigint("notice_id", { mode: "number" })
      .notNull()
      .references(() => notices.id),
    callId: uuid("call_id").references(() => calls.id),
    requestedBy: uuid("requested_by").references(() => staffUsers.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    /** The new code, encrypted (field "code"), until exported; then null. */
    codeEnc: text("code_enc"),
    exportedAt: timestamp("exported_at", { withTimezone: true }),
  },
  (t) => [
    index("reprint_requests_pending_idx")
      .on(t.id)
      .where(sql`exported_at is null`),
  ],
);
export type ReprintRequest = typeof reprintRequests.$inferSelect;
