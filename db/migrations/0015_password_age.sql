ALTER TABLE "companies" ADD COLUMN "max_password_age_days" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "password_changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_max_password_age_range" CHECK ("companies"."max_password_age_days" BETWEEN 30 AND 730);