ALTER TYPE "public"."interview_session_status" ADD VALUE 'revoked';--> statement-breakpoint
ALTER TABLE "interview_sessions" ADD COLUMN "prev_resume_token_hash" varchar(64);--> statement-breakpoint
ALTER TABLE "interview_sessions" ADD COLUMN "resume_rotated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "recordings" ADD COLUMN "free_retakes_used" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "recordings" ADD COLUMN "finalizing_at" timestamp with time zone;--> statement-breakpoint
-- Consent becomes one row per invite and wording: keep the earliest of any repeats before the unique index.
DELETE FROM "candidate_consents" c USING "candidate_consents" d
 WHERE c."token_id" = d."token_id" AND c."version" = d."version" AND (c."accepted_at", c."id") > (d."accepted_at", d."id");--> statement-breakpoint
CREATE UNIQUE INDEX "candidate_consents_token_version_key" ON "candidate_consents" USING btree ("token_id","version");--> statement-breakpoint
CREATE INDEX "recordings_company_idx" ON "recordings" USING btree ("company_id");--> statement-breakpoint
-- Delivered invite emails keep no working link (lib/email/redact-links.ts applies the same rule on delivery).
UPDATE "email_outbox"
   SET "text_body" = regexp_replace("text_body", '(https?://[^[:space:]"''<>]*)?/interview/[A-Za-z0-9_-]{16,}', '[link removed after delivery]', 'g'),
       "html_body" = regexp_replace("html_body", '(https?://[^[:space:]"''<>]*)?/interview/[A-Za-z0-9_-]{16,}', '[link removed after delivery]', 'g')
 WHERE "status" = 'sent';
