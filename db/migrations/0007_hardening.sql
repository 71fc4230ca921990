ALTER TYPE "public"."interview_session_status" ADD VALUE 'revoked';--> statement-breakpoint
ALTER TABLE "interview_sessions" ADD COLUMN "prev_resume_token_hash" varchar(64);--> statement-breakpoint
ALTER TABLE "interview_sessions" ADD COLUMN "resume_rotated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "recordings" ADD COLUMN "free_retakes_used" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "recordings" ADD COLUMN "finalizing_at" timestamp with time zone;--> statement-breakpoint
-- Consent becomes one row per invite and wording: keep the earliest of any repeats before the unique index.
DELETE FROM "candidate_consents" c USING "candidate_consents" d
 WHERE c."token_id" = d."token_id" AND c."version" = d."version" AND (c."accepted_at", c."id") > (d."accepted_at", d."id");--> statement-breakpoint
CREATE UNIQUE INDEX "candidate_consents_token_version_key" ON "candidate_consents" USING btree ("token_id","version");--> statement-breakpoint
CREATE INDEX "recordings_company_idx" ON "recordings" USING btree ("company_id");