-- Issue 4: counters that keep reports fast on millions of notices (see db/schema/batches-extra.ts).
-- Every writer of notices keeps notice_stats / notice_category_stats / notice_check_days right through
-- these triggers, except the bulk import, which sets ec.bulk_import = 'on' for its transaction and
-- writes the same counts itself, set-based.
CREATE INDEX IF NOT EXISTS "notices_locked_idx" ON "notices" USING btree ("locked_until") WHERE locked_until IS NOT NULL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ec_notice_stats_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notice_stats (batch_id, organization_id, incident_id, state, notified, minors, deceased, returned_mail)
  VALUES (NEW.batch_id, NEW.organization_id, NEW.incident_id, NEW.state, 1, NEW.is_minor::int, NEW.is_deceased::int,
          (NEW.returned_mail_at IS NOT NULL)::int)
  ON CONFLICT (batch_id, state) DO UPDATE SET
    notified = notice_stats.notified + 1,
    minors = notice_stats.minors + EXCLUDED.minors,
    deceased = notice_stats.deceased + EXCLUDED.deceased,
    returned_mail = notice_stats.returned_mail + EXCLUDED.returned_mail;
  INSERT INTO notice_category_stats (batch_id, incident_id, category, notified)
  SELECT DISTINCT NEW.batch_id, NEW.incident_id, c, 1 FROM unnest(NEW.categories) AS c
  ON CONFLICT (batch_id, category) DO UPDATE SET notified = notice_category_stats.notified + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER notices_stats_insert AFTER INSERT ON notices FOR EACH ROW
  WHEN (current_setting('ec.bulk_import', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION ec_notice_stats_insert();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ec_notice_stats_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.returned_mail_at IS NULL) <> (NEW.returned_mail_at IS NULL) THEN
    UPDATE notice_stats
       SET returned_mail = returned_mail + CASE WHEN NEW.returned_mail_at IS NULL THEN -1 ELSE 1 END
     WHERE batch_id = NEW.batch_id AND state = NEW.state;
  END IF;
  IF NEW.last_checked_at IS NOT NULL AND NEW.last_checked_at IS DISTINCT FROM OLD.last_checked_at THEN
    INSERT INTO notice_check_days (day, incident_id, organization_id, state, shard, first_checks, checks)
    VALUES ((NEW.last_checked_at AT TIME ZONE 'UTC')::date, NEW.incident_id, NEW.organization_id, NEW.state,
            (NEW.id % 8)::smallint, (OLD.first_checked_at IS NULL AND NEW.first_checked_at IS NOT NULL)::int, 1)
    ON CONFLICT (day, organization_id, state, shard) DO UPDATE SET
      first_checks = notice_check_days.first_checks + EXCLUDED.first_checks,
      checks = notice_check_days.checks + 1;
  ELSIF OLD.first_checked_at IS NULL AND NEW.first_checked_at IS NOT NULL THEN
    INSERT INTO notice_check_days (day, incident_id, organization_id, state, shard, first_checks, checks)
    VALUES ((NEW.first_checked_at AT TIME ZONE 'UTC')::date, NEW.incident_id, NEW.organization_id, NEW.state,
            (NEW.id % 8)::smallint, 1, 0)
    ON CONFLICT (day, organization_id, state, shard) DO UPDATE SET first_checks = notice_check_days.first_checks + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER notices_stats_update AFTER UPDATE ON notices FOR EACH ROW
  WHEN ((OLD.returned_mail_at IS NULL) <> (NEW.returned_mail_at IS NULL)
        OR NEW.last_checked_at IS DISTINCT FROM OLD.last_checked_at
        OR (OLD.first_checked_at IS NULL AND NEW.first_checked_at IS NOT NULL))
  EXECUTE FUNCTION ec_notice_stats_update();
