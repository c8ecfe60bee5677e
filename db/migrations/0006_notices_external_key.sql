DROP INDEX "notices_org_external_key";--> statement-breakpoint
CREATE UNIQUE INDEX "notices_external_key" ON "notices" USING btree ("external_id_hash");