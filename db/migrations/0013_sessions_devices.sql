ALTER TABLE "auth_sessions" ADD COLUMN "last_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "new_device_email" boolean DEFAULT false NOT NULL;