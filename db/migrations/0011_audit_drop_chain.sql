CREATE TABLE "audit_client_addresses" (
	"audit_id" bigint PRIMARY KEY NOT NULL,
	"ip" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_seals" (
	"seq" integer PRIMARY KEY NOT NULL,
	"from_txid" "xid8" NOT NULL,
	"upto_txid" "xid8" NOT NULL,
	"rows" bigint NOT NULL,
	"head" text NOT NULL,
	"mac" text NOT NULL,
	"sealed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_client_addresses_at_idx" ON "audit_client_addresses" USING btree ("at");--> statement-breakpoint
-- Clear addresses already recorded move to the side table (swept after 30 days like new ones).
INSERT INTO "audit_client_addresses" ("audit_id", "ip", "at") SELECT "id", "ip", "at" FROM "audit_events" WHERE "ip" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" DROP COLUMN "ip";--> statement-breakpoint
ALTER TABLE "audit_events" DROP COLUMN "prev_hash";--> statement-breakpoint
ALTER TABLE "audit_events" DROP COLUMN "hash";