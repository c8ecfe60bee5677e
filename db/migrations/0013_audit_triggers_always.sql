-- The audit triggers fire ALWAYS: also under session_replication_role = replica (which skips
-- ordinary triggers). The checkpoints of the sealer are append-only too. Disabling a trigger
-- needs the table's owner: run the app as a role that does not own these tables (docs/audit.md).
ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_no_update_delete;
--> statement-breakpoint
ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_no_truncate;
--> statement-breakpoint
CREATE TRIGGER audit_seals_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_seals
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_seals_no_truncate
  BEFORE TRUNCATE ON audit_seals
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
ALTER TABLE audit_seals ENABLE ALWAYS TRIGGER audit_seals_no_update_delete;
--> statement-breakpoint
ALTER TABLE audit_seals ENABLE ALWAYS TRIGGER audit_seals_no_truncate;
