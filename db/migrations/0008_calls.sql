CREATE TABLE "call_lookup_windows" (
	"staff_id" uuid NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"lookups" integer DEFAULT 0 NOT NULL,
	"alerted_at" timestamp with time zone,
	CONSTRAINT "call_lookup_windows_staff_id_window_start_pk" PRIMARY KEY("staff_id","window_start")
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" bigint NOT NULL,
	"agent_id" uuid NOT NULL,
	"staff_session_id" uuid NOT NULL,
	"call_reference" text NOT NULL,
	"reason" text NOT NULL,
	"lookup_by" text NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"verification" text DEFAULT 'pending' NOT NULL,
	"verify_failures" integer DEFAULT 0 NOT NULL,
	"verified_at" timestamp with time zone,
	"disposition" text,
	"note" text,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reprint_requests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reprint_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"notice_id" bigint NOT NULL,
	"call_id" uuid,
	"requested_by" uuid,
	"requested_at" timestamp with time zone NOT NULL,
	"code_enc" text,
	"exported_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "fraud_flagged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_agent_id_staff_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_staff_session_id_staff_sessions_id_fk" FOREIGN KEY ("staff_session_id") REFERENCES "public"."staff_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reprint_requests" ADD CONSTRAINT "reprint_requests_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reprint_requests" ADD CONSTRAINT "reprint_requests_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reprint_requests" ADD CONSTRAINT "reprint_requests_requested_by_staff_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calls_open_idx" ON "calls" USING btree ("agent_id") WHERE ended_at is null;--> statement-breakpoint
CREATE INDEX "calls_started_idx" ON "calls" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "calls_notice_idx" ON "calls" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "reprint_requests_pending_idx" ON "reprint_requests" USING btree ("id") WHERE exported_at is null;