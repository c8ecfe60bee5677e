import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { STAFF_ROLES } from "./roles";

/**
 * A call-center agent, supervisor or admin.
 *
 * Invariants:
 * - `email` is stored trimmed and lower-cased (unique); it is a staff work address, not patient data.
 * - `passwordHash` is an argon2id PHC string (m=19456 KiB, t=2, p=1); the password itself is never stored.
 * - `totpSecretEnc` is the Base32 TOTP secret, AES-256-GCM encrypted (field "staff.totp_secret").
 *   `totpConfirmedAt` is null until the person has proved they hold it (first sign-in, or after an
 *   admin reset). `totpLastStep` is the last accepted 30-second time step: a code for that step or
 *   an earlier one is refused, so a code cannot be replayed.
 * - `mustChangePassword`: the password is a one-time password handed out by an admin or the CLI.
 * - `isDemo`: a demo account seeded outside production; only these may have their current TOTP
 *   code printed by the CLI.
 * - Rows are never deleted (the audit trail names them): `disabledAt` ends an account.
 */
export const staffUsers = pgTable("staff_users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  role: text("role", { enum: STAFF_ROLES }).notNull(),
  passwordHash: text("password_hash").notNull(),
  mustChangePassword: boolean("must_change_password").notNull().default(true),
  passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
  totpSecretEnc: text("totp_secret_enc").notNull(),
  totpConfirmedAt: timestamp("totp_confirmed_at", { withTimezone: true }),
  totpLastStep: bigint("totp_last_step", { mode: "number" }),
  isDemo: boolean("is_demo").notNull().default(false),
  disabledAt: timestamp("disabled_at", { withTimezone: true }),
  lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  createdBy: text("created_by").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
export type StaffUser = typeof staffUsers.$inferSelect;

/**
 * Staff sessions, in the database so sign-out and expiry take effect at once on every instance.
 * The cookie holds only a random token; we keep its SHA-256 (`tokenHash`), so reading this table
 * yields no usable cookie. `stage` is where the sign-in stands: `totp` (password accepted, code
 * awaited), `new_password` (first sign-in: both factors done, a new password awaited) or `active`.
 * Every stage change ends the row and starts a new one with a new token (no session fixation).
 * Idle 30 minutes or 12 hours after sign-in, an active session ends (`endReason`).
 */
export const staffSessions = pgTable(
  "staff_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    userId: uuid("user_id")
      .notNull()
      .references(() => staffUsers.id),
    stage: text("stage", { enum: ["totp", "new_password", "active"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endReason: text("end_reason"),
  },
  (t) => [index("staff_sessions_user_idx").on(t.userId)],
);
export type StaffSession = typeof staffSessions.$inferSelect;

/**
 * Sign-in failures per email address, whether or not an account has that address, so a lock
 * (5 failures → 15 minutes) looks the same for a real and an unknown email. `key` is a keyed hash
 * of the normalized email (CODE_PEPPER), never the address.
 */
export const staffLoginAttempts = pgTable("staff_login_attempts", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/**
 * An invitation to become staff, sent by email (docs/decisions/052).
 *
 * Invariants:
 * - `tokenHash` is the SHA-256 of the link's random token (32 bytes); the token itself is never
 *   stored (the email queue holds the link encrypted until it is sent, then erases it).
 * - `totpSecretEnc`: the second factor the invitee sets up on the invitation page (field
 *   "staff.totp_secret", like `staff_users`); it becomes the account's secret on acceptance.
 * - Open = `acceptedAt` and `revokedAt` null; at most one open invitation per `email` (a partial
 *   unique index): inviting again revokes the earlier one (`revokedBy` "replaced").
 * - Accepting is one `UPDATE … WHERE open AND not expired RETURNING` in the transaction that creates
 *   the account: of two simultaneous submits, exactly one creates it.
 * - `invitedBy` is who sent it as the audit names it (a staff id, or `cli:<name>`); `inviterId` the
 *   staff id when an admin sent it, which the per-admin hourly limit counts.
 * - Rows are kept (the audit trail names them).
 */
export const staffInvitations = pgTable(
  "staff_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    email: text("email").notNull(),
    role: text("role", { enum: STAFF_ROLES }).notNull(),
    totpSecretEnc: text("totp_secret_enc").notNull(),
    invitedBy: text("invited_by").notNull(),
    inviterId: uuid("inviter_id").references(() => staffUsers.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedUserId: uuid("accepted_user_id").references(() => staffUsers.id),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: text("revoked_by"),
  },
  (t) => [
    index("staff_invitations_inviter_idx").on(t.inviterId, t.createdAt),
    uniqueIndex("staff_invitations_open_email")
      .on(t.email)
      .where(sql`accepted_at is null and revoked_at is null`),
  ],
);
export type StaffInvitation = typeof staffInvitations.$inferSelect;
