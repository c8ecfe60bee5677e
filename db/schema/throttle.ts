import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Failure counters for rate limiting, shared by every app instance. `key` is a keyed hash of the
 * client address (never the address itself) prefixed by the limiter's name.
 * Rows whose window ended long ago are deleted by the sweeper.
 */
export const throttles = pgTable("throttles", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  blockedUntil: timestamp("blocked_until", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
