import "server-only";
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { livekitWebhookEvents } from "@/db/schema";
import { candidateIdentity } from "./candidate-grant";

// A session's live relay activity as LiveKit reported it (verified webhooks): when the candidate joined the video room,
// which tracks they published, when they left and when the room closed. Reviewers read it to tell a candidate who
// dropped out from one who never connected; with no relay (local mode) it is empty.

export const RELAY_ACTIVITY_LIMIT = 200; // events shown per session; a session reconnecting all day would have more

export type RelayActor = "candidate" | "observer" | "room";

export interface RelayActivityItem {
  event: string;
  at: string;
  actor: RelayActor;
  track_source: string | null;
}

export async function relayActivityOf(db: DbOrTx, sessionId: string): Promise<RelayActivityItem[]> {
  const rows = await db
    .select({
      event: livekitWebhookEvents.event,
      at: livekitWebhookEvents.receivedAt,
      identity: livekitWebhookEvents.identity,
      trackSource: livekitWebhookEvents.trackSource,
    })
    .from(livekitWebhookEvents)
    .where(eq(livekitWebhookEvents.sessionId, sessionId))
    .orderBy(asc(livekitWebhookEvents.receivedAt), asc(livekitWebhookEvents.id))
    .limit(RELAY_ACTIVITY_LIMIT);
  return rows.map((r) => ({
    event: r.event,
    at: r.at.toISOString(),
    actor: r.identity === null ? "room" : r.identity === candidateIdentity(sessionId) ? "candidate" : "observer",
    track_source: r.trackSource,
  }));
}

/** One line of the relay activity, in plain words. */
export function describeRelayEvent(item: Pick<RelayActivityItem, "event" | "actor" | "track_source">): string {
  const who = item.actor === "candidate" ? "The candidate" : "An observer";
  switch (item.event) {
    case "participant_joined":
      return `${who} joined the video room`;
    case "participant_left":
      return `${who} left the video room`;
    case "track_published":
      return `${who} started sending ${item.track_source === "microphone" ? "sound" : item.track_source === "camera" ? "video" : "a track"}`;
    case "room_finished":
      return "The video room closed";
    default:
      return item.event;
  }
}
