CREATE TYPE "public"."interview_session_status" AS ENUM('in_progress', 'completed', 'abandoned');--> statement-breakpoint
CREATE TYPE "public"."interview_status" AS ENUM('draft', 'active', 'archived');--> statement-breakpoint
CREATE TYPE "public"."outbox_status" AS ENUM('queued', 'sending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."recording_status" AS ENUM('uploading', 'ready', 'failed');--> statement-breakpoint
CREATE TABLE "candidate_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"interview_id" uuid NOT NULL,
	"token_hash" varchar(64) NOT NULL,
	"candidate_name" varchar(200),
	"candidate_email" varchar(255),
	"expires_at" timestamp with time zone,
	"max_attempts" integer,
	"current_attempts" integer DEFAULT 0 NOT NULL,
	"is_used" boolean DEFAULT false NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_by" uuid,
	"last_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "candidate_tokens_attempts_within_max" CHECK ("candidate_tokens"."current_attempts" >= 0 AND "candidate_tokens"."current_attempts" <= COALESCE("candidate_tokens"."max_attempts", 1)),
	CONSTRAINT "candidate_tokens_max_attempts_range" CHECK ("candidate_tokens"."max_attempts" IS NULL OR "candidate_tokens"."max_attempts" BETWEEN 1 AND 10)
);
--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"token_id" uuid,
	"to_address" varchar(255) NOT NULL,
	"subject" varchar(300) NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text,
	"status" "outbox_status" DEFAULT 'queued' NOT NULL,
	"transport" varchar(20) NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "interview_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"interview_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"think_time_seconds" integer,
	"time_limit_seconds" integer NOT NULL,
	CONSTRAINT "interview_questions_time_limit_range" CHECK ("interview_questions"."time_limit_seconds" BETWEEN 10 AND 1800),
	CONSTRAINT "interview_questions_think_time_range" CHECK ("interview_questions"."think_time_seconds" IS NULL OR "interview_questions"."think_time_seconds" BETWEEN 0 AND 600)
);
--> statement-breakpoint
CREATE TABLE "interview_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"interview_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"attempt_number" integer NOT NULL,
	"status" "interview_session_status" DEFAULT 'in_progress' NOT NULL,
	"questions" jsonb NOT NULL,
	"livekit_room" varchar(100) NOT NULL,
	"resume_token_hash" varchar(64) NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "interviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"title" varchar(200) NOT NULL,
	"position" varchar(200),
	"description" text,
	"retakes_allowed" integer DEFAULT 0 NOT NULL,
	"resume_grace_minutes" integer DEFAULT 15 NOT NULL,
	"status" "interview_status" DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interviews_retakes_range" CHECK ("interviews"."retakes_allowed" BETWEEN 0 AND 10),
	CONSTRAINT "interviews_grace_range" CHECK ("interviews"."resume_grace_minutes" BETWEEN 0 AND 1440)
);
--> statement-breakpoint
CREATE TABLE "recordings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"question_index" integer NOT NULL,
	"status" "recording_status" DEFAULT 'uploading' NOT NULL,
	"mime_type" varchar(100),
	"size_bytes" integer,
	"sha256" varchar(64),
	"storage_key" text,
	"duration_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ready_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "candidate_tokens" ADD CONSTRAINT "candidate_tokens_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_tokens" ADD CONSTRAINT "candidate_tokens_interview_id_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."interviews"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_tokens" ADD CONSTRAINT "candidate_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_token_id_candidate_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."candidate_tokens"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_questions" ADD CONSTRAINT "interview_questions_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_questions" ADD CONSTRAINT "interview_questions_interview_id_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."interviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_sessions" ADD CONSTRAINT "interview_sessions_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_sessions" ADD CONSTRAINT "interview_sessions_interview_id_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."interviews"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_sessions" ADD CONSTRAINT "interview_sessions_token_id_candidate_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."candidate_tokens"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recordings" ADD CONSTRAINT "recordings_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recordings" ADD CONSTRAINT "recordings_session_id_interview_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."interview_sessions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "candidate_tokens_token_hash_key" ON "candidate_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "candidate_tokens_interview_idx" ON "candidate_tokens" USING btree ("interview_id","created_at");--> statement-breakpoint
CREATE INDEX "email_outbox_company_created_idx" ON "email_outbox" USING btree ("company_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "interview_questions_order_key" ON "interview_questions" USING btree ("interview_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "interview_sessions_attempt_key" ON "interview_sessions" USING btree ("token_id","attempt_number");--> statement-breakpoint
CREATE INDEX "interview_sessions_interview_idx" ON "interview_sessions" USING btree ("interview_id","started_at");--> statement-breakpoint
CREATE INDEX "interviews_company_created_idx" ON "interviews" USING btree ("company_id","created_at");--> statement-breakpoint
CREATE INDEX "recordings_session_idx" ON "recordings" USING btree ("session_id","question_index");