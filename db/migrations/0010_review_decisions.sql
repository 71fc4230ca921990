CREATE TYPE "public"."decision" AS ENUM('advance', 'hold', 'reject');--> statement-breakpoint
CREATE TYPE "public"."recommendation" AS ENUM('strong_no', 'no', 'yes', 'strong_yes');--> statement-breakpoint
CREATE TYPE "public"."scorecard_status" AS ENUM('draft', 'submitted');--> statement-breakpoint
CREATE TABLE "ai_disagreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"scorecard_version_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"evaluation_id" uuid,
	"answer" integer NOT NULL,
	"criterion" varchar(200) NOT NULL,
	"human_score" integer NOT NULL,
	"ai_score" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"decision" "decision" NOT NULL,
	"reason" text,
	"decided_by" uuid NOT NULL,
	"email_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decisions_reason_required" CHECK ("decisions"."decision" = 'advance' OR ("decisions"."reason" IS NOT NULL AND length(trim("decisions"."reason")) > 0))
);
--> statement-breakpoint
CREATE TABLE "scorecard_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"scorecard_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"scores" jsonb NOT NULL,
	"recommendation" "recommendation" NOT NULL,
	"private_note" text,
	"overall_score" double precision,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scorecards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"status" "scorecard_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"scores" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recommendation" "recommendation",
	"private_note" text,
	"overall_score" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "scorecards_version_non_negative" CHECK ("scorecards"."version" >= 0)
);
--> statement-breakpoint
ALTER TABLE "candidate_tokens" ADD COLUMN "opened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "overall_score" double precision;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "blind_review" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "decision_emails" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_disagreements" ADD CONSTRAINT "ai_disagreements_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_disagreements" ADD CONSTRAINT "ai_disagreements_session_id_interview_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."interview_sessions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_disagreements" ADD CONSTRAINT "ai_disagreements_scorecard_version_id_scorecard_versions_id_fk" FOREIGN KEY ("scorecard_version_id") REFERENCES "public"."scorecard_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_disagreements" ADD CONSTRAINT "ai_disagreements_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_disagreements" ADD CONSTRAINT "ai_disagreements_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_session_id_interview_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."interview_sessions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_email_id_email_outbox_id_fk" FOREIGN KEY ("email_id") REFERENCES "public"."email_outbox"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_versions" ADD CONSTRAINT "scorecard_versions_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_versions" ADD CONSTRAINT "scorecard_versions_scorecard_id_scorecards_id_fk" FOREIGN KEY ("scorecard_id") REFERENCES "public"."scorecards"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_versions" ADD CONSTRAINT "scorecard_versions_session_id_interview_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."interview_sessions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_versions" ADD CONSTRAINT "scorecard_versions_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecards" ADD CONSTRAINT "scorecards_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecards" ADD CONSTRAINT "scorecards_session_id_interview_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."interview_sessions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecards" ADD CONSTRAINT "scorecards_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ai_disagreements_session_idx" ON "ai_disagreements" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "ai_disagreements_company_idx" ON "ai_disagreements" USING btree ("company_id","created_at");--> statement-breakpoint
CREATE INDEX "decisions_session_created_idx" ON "decisions" USING btree ("session_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "scorecard_versions_scorecard_version_key" ON "scorecard_versions" USING btree ("scorecard_id","version");--> statement-breakpoint
CREATE INDEX "scorecard_versions_session_idx" ON "scorecard_versions" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "scorecards_session_reviewer_key" ON "scorecards" USING btree ("session_id","reviewer_id");--> statement-breakpoint
CREATE INDEX "scorecards_reviewer_idx" ON "scorecards" USING btree ("reviewer_id","status");--> statement-breakpoint
CREATE INDEX "interview_sessions_board_idx" ON "interview_sessions" USING btree ("interview_id","token_id","attempt_number") WHERE "interview_sessions"."status" = 'completed';--> statement-breakpoint
-- Submitted scorecard versions and decisions are the record of who thought and decided what: append-only, like the
-- audit log (the database itself refuses to change or remove a row).
CREATE OR REPLACE FUNCTION review_records_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER scorecard_versions_no_update_delete BEFORE UPDATE OR DELETE ON scorecard_versions
  FOR EACH ROW EXECUTE FUNCTION review_records_append_only();
--> statement-breakpoint
CREATE TRIGGER decisions_no_update_delete BEFORE UPDATE OR DELETE ON decisions
  FOR EACH ROW EXECUTE FUNCTION review_records_append_only();
--> statement-breakpoint
-- The AI's overall score of evaluations completed before it was stored: the mean of their scored criteria.
UPDATE evaluations e SET overall_score = s.mean
FROM (
  SELECT ae.evaluation_id, avg((c->>'score')::double precision) AS mean
  FROM answer_evaluations ae, jsonb_array_elements(ae.criteria) c
  WHERE c->>'status' = 'scored' AND c->>'score' IS NOT NULL
  GROUP BY ae.evaluation_id
) s
WHERE e.id = s.evaluation_id AND e.status = 'completed';
--> statement-breakpoint
-- The board's index covers what its ranking reads of a session (drizzle's index builder has no INCLUDE): measured
-- about 20 % off the slowest board page at 10,000 sessions (bench/board).
DROP INDEX "interview_sessions_board_idx";
--> statement-breakpoint
CREATE INDEX "interview_sessions_board_idx" ON "interview_sessions" USING btree ("interview_id","token_id","attempt_number") INCLUDE ("id","company_id","ended_at") WHERE "interview_sessions"."status" = 'completed';
