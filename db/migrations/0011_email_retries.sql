ALTER TABLE "email_outbox" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "email_outbox_token_created_idx" ON "email_outbox" USING btree ("token_id","created_at");--> statement-breakpoint
CREATE INDEX "email_outbox_unsent_idx" ON "email_outbox" USING btree ("created_at") WHERE "email_outbox"."status" = 'queued' AND "email_outbox"."transport" = 'smtp';--> statement-breakpoint
-- Emails delivered (or refused) before attempts were counted were each tried once, inline.
UPDATE "email_outbox" SET "attempts" = 1, "last_attempt_at" = COALESCE("sent_at", "created_at") WHERE "status" <> 'queued' AND "transport" = 'smtp';
