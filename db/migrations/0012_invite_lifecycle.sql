CREATE TYPE "public"."erasure_status" AS ENUM('pending', 'completed');--> statement-breakpoint
CREATE TYPE "public"."extension_status" AS ENUM('pending', 'approved', 'declined');--> statement-breakpoint
CREATE TABLE "erasure_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"status" "erasure_status" DEFAULT 'pending' NOT NULL,
	"completed_by" uuid,
	"completed_at" timestamp with time zone,
	"summary" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "extension_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" "extension_status" DEFAULT 'pending' NOT NULL,
	"previous_expires_at" timestamp with time zone,
	"new_expires_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"email_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "extension_requests_reason_length" CHECK (length("extension_requests"."reason") BETWEEN 1 AND 1000)
);
--> statement-breakpoint
CREATE TABLE "invite_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"token_id" uuid NOT NULL,
	"offset_hours" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"email_id" uuid,
	"skipped" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "candidate_tokens" ADD COLUMN "expiry_rule" jsonb;--> statement-breakpoint
ALTER TABLE "candidate_tokens" ADD COLUMN "extension_requests_allowed" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "candidate_tokens" ADD COLUMN "reminders_unsubscribed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "candidate_tokens" ADD COLUMN "link_sealed" text;--> statement-breakpoint
ALTER TABLE "candidate_tokens" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "holidays" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "headers" jsonb;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "reminder_offsets_hours" jsonb DEFAULT '[24]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_token_id_candidate_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."candidate_tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_token_id_candidate_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."candidate_tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_email_id_email_outbox_id_fk" FOREIGN KEY ("email_id") REFERENCES "public"."email_outbox"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invite_reminders" ADD CONSTRAINT "invite_reminders_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invite_reminders" ADD CONSTRAINT "invite_reminders_token_id_candidate_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."candidate_tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invite_reminders" ADD CONSTRAINT "invite_reminders_email_id_email_outbox_id_fk" FOREIGN KEY ("email_id") REFERENCES "public"."email_outbox"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "erasure_requests_company_created_idx" ON "erasure_requests" USING btree ("company_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "erasure_requests_one_pending_key" ON "erasure_requests" USING btree ("token_id") WHERE "erasure_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "extension_requests_company_created_idx" ON "extension_requests" USING btree ("company_id","created_at");--> statement-breakpoint
CREATE INDEX "extension_requests_token_idx" ON "extension_requests" USING btree ("token_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "extension_requests_one_pending_key" ON "extension_requests" USING btree ("token_id") WHERE "extension_requests"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "invite_reminders_once_key" ON "invite_reminders" USING btree ("token_id","offset_hours","expires_at");--> statement-breakpoint
CREATE INDEX "invite_reminders_token_idx" ON "invite_reminders" USING btree ("token_id","created_at");--> statement-breakpoint
ALTER TABLE "candidate_tokens" ADD CONSTRAINT "candidate_tokens_extension_requests_range" CHECK ("candidate_tokens"."extension_requests_allowed" BETWEEN 0 AND 10);--> statement-breakpoint
-- A candidate's erasure (GDPR art. 17) anonymises the audit rows about them instead of deleting them: inside the
-- erasure's transaction only (SET LOCAL aii.audit_erasure = 'on'), an UPDATE may rewrite details, ip_address and
-- user_agent; every other column must stay, and DELETE and TRUNCATE are still refused.
CREATE OR REPLACE FUNCTION audit_logs_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('aii.audit_erasure', true) = 'on'
     AND NEW.id = OLD.id AND NEW.action = OLD.action AND NEW.created_at = OLD.created_at
     AND NEW.company_id IS NOT DISTINCT FROM OLD.company_id AND NEW.user_id IS NOT DISTINCT FROM OLD.user_id
     AND NEW.resource_type IS NOT DISTINCT FROM OLD.resource_type
     AND NEW.resource_id IS NOT DISTINCT FROM OLD.resource_id THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_logs is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Submitted scorecard versions and decisions stay append-only, but a candidate's erasure replaces the free text staff
-- typed about them: inside the erasure's transaction only (SET LOCAL aii.audit_erasure = 'on'), an UPDATE may set
-- scorecard_versions.private_note or decisions.reason to '[erased]' (a hold or reject keeps a non-empty reason);
-- every other column must stay, and DELETE is still refused.
CREATE OR REPLACE FUNCTION review_records_append_only() RETURNS trigger AS $$
DECLARE
  free_text text := CASE TG_TABLE_NAME WHEN 'scorecard_versions' THEN 'private_note' WHEN 'decisions' THEN 'reason' END;
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('aii.audit_erasure', true) = 'on' AND free_text IS NOT NULL
     AND (to_jsonb(NEW) - free_text) = (to_jsonb(OLD) - free_text)
     AND (to_jsonb(NEW) ->> free_text) IS NOT DISTINCT FROM
         (CASE WHEN (to_jsonb(OLD) ->> free_text) IS NULL THEN NULL ELSE '[erased]' END) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
