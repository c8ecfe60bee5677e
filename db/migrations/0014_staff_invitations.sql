-- Staff invitations by email (issue 13 item 4; docs/decisions/052). Only the SHA-256 of the link's
-- token is kept. At most one open invitation per email (a new one replaces it). The email queue
-- gains `secret_enc`: the invitation link, encrypted, added to the message only when it is sent.
CREATE TABLE "staff_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"totp_secret_enc" text NOT NULL,
	"invited_by" text NOT NULL,
	"inviter_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_user_id" uuid,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	CONSTRAINT "staff_invitations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "staff_invitations" ADD CONSTRAINT "staff_invitations_inviter_id_staff_users_id_fk" FOREIGN KEY ("inviter_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "staff_invitations" ADD CONSTRAINT "staff_invitations_accepted_user_id_staff_users_id_fk" FOREIGN KEY ("accepted_user_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "staff_invitations_inviter_idx" ON "staff_invitations" USING btree ("inviter_id","created_at");
--> statement-breakpoint
CREATE UNIQUE INDEX "staff_invitations_open_email" ON "staff_invitations" USING btree ("email") WHERE accepted_at is null and revoked_at is null;
--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "secret_enc" text;
