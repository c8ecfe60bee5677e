-- Anchors a person can check outside the site that a letter is genuine (issue 16, item 5): all
-- optional incident fields, set by the operator. Self-contained: only new nullable columns.
ALTER TABLE "incidents" ADD COLUMN "covered_entity_websites" jsonb;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "hhs_breach_portal_url" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "attorney_general_postings" jsonb;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "letter_return_address" text;