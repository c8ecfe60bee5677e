-- Escalating notice locks (issue 12 item 4, decision 043). A notice guessed at again soon after a
-- lock ran out is locked longer, then held until the call center unlocks it. `lock_level` is the
-- level of the latest lock (1: an hour, 2: a day, 3: held); `locked_at` when it was set. Both are
-- written by the same statement that counts the wrong date of birth. Adding columns with a
-- constant default does not rewrite the table (PostgreSQL 11+).
ALTER TABLE "notices" ADD COLUMN "lock_level" smallint DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "locked_at" timestamp with time zone;
