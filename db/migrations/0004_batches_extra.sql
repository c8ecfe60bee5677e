CREATE TABLE "notice_category_stats" (
	"batch_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"category" text NOT NULL,
	"notified" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "notice_category_stats_batch_id_category_pk" PRIMARY KEY("batch_id","category")
);
--> statement-breakpoint
CREATE TABLE "notice_check_days" (
	"day" date NOT NULL,
	"incident_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"state" text NOT NULL,
	"shard" smallint NOT NULL,
	"first_checks" integer DEFAULT 0 NOT NULL,
	"checks" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "notice_check_days_day_organization_id_state_shard_pk" PRIMARY KEY("day","organization_id","state","shard")
);
--> statement-breakpoint
CREATE TABLE "notice_stats" (
	"batch_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"state" text NOT NULL,
	"notified" integer DEFAULT 0 NOT NULL,
	"minors" integer DEFAULT 0 NOT NULL,
	"deceased" integer DEFAULT 0 NOT NULL,
	"returned_mail" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "notice_stats_batch_id_state_pk" PRIMARY KEY("batch_id","state")
);
--> statement-breakpoint
CREATE TABLE "reference_counters" (
	"name" text PRIMARY KEY NOT NULL,
	"next" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "returned_mail_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"listed" integer DEFAULT 0 NOT NULL,
	"flagged" integer DEFAULT 0 NOT NULL,
	"already_flagged" integer DEFAULT 0 NOT NULL,
	"unknown" integer DEFAULT 0 NOT NULL,
	"invalid" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "phase" text;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "rows_read" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "error" text;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "notice_category_stats" ADD CONSTRAINT "notice_category_stats_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_category_stats" ADD CONSTRAINT "notice_category_stats_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_stats" ADD CONSTRAINT "notice_stats_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_stats" ADD CONSTRAINT "notice_stats_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_stats" ADD CONSTRAINT "notice_stats_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returned_mail_uploads" ADD CONSTRAINT "returned_mail_uploads_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notice_check_days_incident_idx" ON "notice_check_days" USING btree ("incident_id","day");--> statement-breakpoint
CREATE INDEX "notice_stats_incident_idx" ON "notice_stats" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "returned_mail_uploads_incident_idx" ON "returned_mail_uploads" USING btree ("incident_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_events_check_failures_idx" ON "audit_events" USING btree ("at") WHERE action in ('patient.check', 'patient.check.locked') and outcome = 'failure';