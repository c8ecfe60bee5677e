CREATE TABLE "email_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "email_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"to_enc" text NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"subject" text NOT NULL,
	"body_text" text NOT NULL,
	"body_html" text NOT NULL,
	"notice_id" bigint,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"give_up_at" timestamp with time zone NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_error" text,
	"transport" text,
	"provider_id" text,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "enrollments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enrollments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"notice_id" bigint NOT NULL,
	"incident_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"product" text NOT NULL,
	"status" text NOT NULL,
	"monitoring_code_id" bigint,
	"channel" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"enrolled_at" timestamp with time zone,
	"coverage_start" date,
	"coverage_end" date,
	"terms_accepted_at" timestamp with time zone,
	"verbal_consent" boolean,
	"call_reference" text,
	"actor_id" text,
	"email_enc" text,
	"guardian_name_enc" text,
	"language" text DEFAULT 'en' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_codes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "monitoring_codes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"incident_id" uuid NOT NULL,
	"product" text NOT NULL,
	"code_hash" "bytea" NOT NULL,
	"code_enc" text NOT NULL,
	"import_id" uuid NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone,
	"notice_id" bigint
);
--> statement-breakpoint
CREATE TABLE "monitoring_pools" (
	"incident_id" uuid NOT NULL,
	"product" text NOT NULL,
	"loaded_count" integer DEFAULT 0 NOT NULL,
	"claimed_count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pool_alerts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pool_alerts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"incident_id" uuid NOT NULL,
	"product" text NOT NULL,
	"kind" text NOT NULL,
	"remaining" integer NOT NULL,
	"loaded" integer NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"cleared_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_monitoring_code_id_monitoring_codes_id_fk" FOREIGN KEY ("monitoring_code_id") REFERENCES "public"."monitoring_codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_codes" ADD CONSTRAINT "monitoring_codes_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_codes" ADD CONSTRAINT "monitoring_codes_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_pools" ADD CONSTRAINT "monitoring_pools_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_alerts" ADD CONSTRAINT "pool_alerts_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_messages_dedupe_key" ON "email_messages" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "email_messages_due_idx" ON "email_messages" USING btree ("next_attempt_at") WHERE status in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "email_messages_created_idx" ON "email_messages" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "enrollments_notice_key" ON "enrollments" USING btree ("notice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enrollments_code_key" ON "enrollments" USING btree ("monitoring_code_id") WHERE monitoring_code_id is not null;--> statement-breakpoint
CREATE INDEX "enrollments_waiting_idx" ON "enrollments" USING btree ("incident_id","product","requested_at") WHERE status = 'waiting';--> statement-breakpoint
CREATE INDEX "enrollments_enrolled_at_idx" ON "enrollments" USING btree ("incident_id","enrolled_at");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_codes_hash_key" ON "monitoring_codes" USING btree ("code_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_codes_notice_key" ON "monitoring_codes" USING btree ("notice_id") WHERE notice_id is not null;--> statement-breakpoint
CREATE INDEX "monitoring_codes_free_idx" ON "monitoring_codes" USING btree ("incident_id","product","id") WHERE claimed_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_pools_key" ON "monitoring_pools" USING btree ("incident_id","product");--> statement-breakpoint
CREATE UNIQUE INDEX "pool_alerts_open_key" ON "pool_alerts" USING btree ("incident_id","product","kind") WHERE cleared_at is null;