CREATE TABLE "candidate_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"version" varchar(40) NOT NULL,
	"statement" jsonb NOT NULL,
	"accepted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip_address" "inet",
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "livekit_webhook_events" (
	"id" varchar(100) PRIMARY KEY NOT NULL,
	"event" varchar(50) NOT NULL,
	"room" varchar(200),
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "interview_sessions" ADD COLUMN "current_answer" integer;--> statement-breakpoint
ALTER TABLE "interview_sessions" ADD COLUMN "candidate_in_room" boolean;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "practice_question" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "recordings" ADD COLUMN "take" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "recordings" ADD COLUMN "retakes_used" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "candidate_consents" ADD CONSTRAINT "candidate_consents_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_consents" ADD CONSTRAINT "candidate_consents_token_id_candidate_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."candidate_tokens"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "candidate_consents_token_idx" ON "candidate_consents" USING btree ("token_id","accepted_at");