ALTER TABLE "livekit_webhook_events" ADD COLUMN "session_id" uuid;--> statement-breakpoint
ALTER TABLE "livekit_webhook_events" ADD COLUMN "identity" varchar(200);--> statement-breakpoint
ALTER TABLE "livekit_webhook_events" ADD COLUMN "track_source" varchar(30);--> statement-breakpoint
CREATE INDEX "livekit_webhook_events_session_idx" ON "livekit_webhook_events" USING btree ("session_id","received_at");