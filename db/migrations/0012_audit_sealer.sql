ALTER TABLE "audit_events" ADD COLUMN "ip_hash" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_events_seal_order_idx" ON "audit_events" USING btree ("txid","id");