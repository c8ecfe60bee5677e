CREATE TABLE "batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"status" text DEFAULT 'importing' NOT NULL,
	"mailing_date" date NOT NULL,
	"mailed_on" date,
	"rows_total" integer DEFAULT 0 NOT NULL,
	"rows_imported" integer DEFAULT 0 NOT NULL,
	"rows_rejected" integer DEFAULT 0 NOT NULL,
	"report" jsonb,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"breached_entity" text NOT NULL,
	"intrusion_start" date NOT NULL,
	"intrusion_end" date NOT NULL,
	"discovered_on" date NOT NULL,
	"review_ended_on" date NOT NULL,
	"notice_date" date NOT NULL,
	"what_happened" jsonb NOT NULL,
	"what_we_are_doing" jsonb NOT NULL,
	"not_involved" jsonb NOT NULL,
	"toll_free_phone" text NOT NULL,
	"phone_hours" jsonb NOT NULL,
	"offer_months" integer DEFAULT 12 NOT NULL,
	"enroll_by" date NOT NULL,
	"partner_name" text NOT NULL,
	"partner_url" text NOT NULL,
	"partner_phone" text NOT NULL,
	"retain_until" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"incident_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"reference_number" text NOT NULL,
	"code_hash" "bytea" NOT NULL,
	"code_enc" text,
	"external_id_hash" "bytea" NOT NULL,
	"external_id_enc" text,
	"categories" text[] NOT NULL,
	"state" text NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"is_minor" boolean DEFAULT false NOT NULL,
	"is_deceased" boolean DEFAULT false NOT NULL,
	"name_enc" text,
	"address_enc" text,
	"dob_enc" text,
	"email_enc" text,
	"phone_enc" text,
	"search_hash" "bytea",
	"failed_checks" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"first_checked_at" timestamp with time zone,
	"last_checked_at" timestamp with time zone,
	"returned_mail_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"purged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "check_stats" (
	"minute" timestamp with time zone PRIMARY KEY NOT NULL,
	"successes" integer DEFAULT 0 NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patient_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"notice_id" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_role" text,
	"action" text NOT NULL,
	"subject_type" text,
	"subject_id" text,
	"reason" text,
	"call_reference" text,
	"ip" text,
	"request_id" text,
	"outcome" text NOT NULL,
	"details" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "batches" ADD CONSTRAINT "batches_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batches" ADD CONSTRAINT "batches_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_sessions" ADD CONSTRAINT "patient_sessions_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "batches_org_sha_key" ON "batches" USING btree ("organization_id","file_sha256") WHERE status in ('importing', 'awaiting_mailing', 'mailed');--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_slug_key" ON "incidents" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_incident_slug_key" ON "organizations" USING btree ("incident_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "notices_code_hash_key" ON "notices" USING btree ("code_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "notices_reference_key" ON "notices" USING btree ("reference_number");--> statement-breakpoint
CREATE UNIQUE INDEX "notices_org_external_key" ON "notices" USING btree ("organization_id","external_id_hash");--> statement-breakpoint
CREATE INDEX "notices_search_idx" ON "notices" USING btree ("search_hash") WHERE search_hash is not null;--> statement-breakpoint
CREATE INDEX "notices_batch_idx" ON "notices" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "patient_sessions_notice_idx" ON "patient_sessions" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" USING btree ("subject_type","subject_id");