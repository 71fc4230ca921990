import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { TrackSource, type WebhookEvent, WebhookReceiver } from "livekit-server-sdk";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { interviewSessions, livekitWebhookEvents } from "@/db/schema";
import { JWT_CLOCK_SKEW_S } from "@/lib/auth/access-token";
import { env } from "@/lib/env";
import { AppError, unauthorized } from "@/lib/errors";
import { candidateIdentity } from "./candidate-grant";

// LiveKit reports room presence through signed webhooks. Each event id is applied at most once: LiveKit retries
// deliveries, and a late retry of `participant_joined` must not mark a candidate present again after they left.
// Every presence event about a session's room is kept with the session's id, whatever its status: the review shows
// them as the session's relay activity (lib/livekit/relay-activity.ts).

export type WebhookOutcome = { status: "applied" | "ignored" | "duplicate" };

interface Effect {
  /** Only the session's own candidate counts; observers (`staff:...`) never change presence. */
  candidateOnly: boolean;
  candidateInRoom?: boolean;
  /** Bumps last_activity_at, which the resume grace window is measured from. */
  touch: boolean;
}

// A Map, not an object literal, so that an event named "constructor" or "__proto__" finds nothing.
const EFFECTS = new Map<string, Effect>([
  ["participant_joined", { candidateOnly: true, candidateInRoom: true, touch: true }],
  ["participant_left", { candidateOnly: true, candidateInRoom: false, touch: true }],
  ["track_published", { candidateOnly: true, touch: true }],
  ["room_finished", { candidateOnly: false, candidateInRoom: false, touch: false }],
]);

// The fields we use, with the column widths of livekit_webhook_events, so that no signed input can make an insert fail.
const EventFields = z.object({
  id: z.string().min(1, "an event id is required").max(100),
  event: z.string(),
  room: z.string().max(200).optional(),
  identity: z.string().optional(),
  trackSource: z.string().optional(),
});
type EventFields = z.infer<typeof EventFields>;

/**
 * Verifies the signature (a JWT from our API key whose `sha256` claim covers exactly `body`) and parses the event.
 * Anything unsigned or signed over other bytes is a 401; a correctly signed body that is not a webhook event is a 400.
 */
export async function receiveWebhook(body: string, authorization: string | null): Promise<EventFields> {
  if (!authorization) throw unauthorized("Missing Authorization header");
  const { LIVEKIT_API_KEY, LIVEKIT_API_SECRET } = env();
  let event: WebhookEvent;
  try {
    event = await new WebhookReceiver(LIVEKIT_API_KEY, LIVEKIT_API_SECRET).receive(
      body,
      authorization,
      false,
      JWT_CLOCK_SKEW_S,
    );
  } catch (error) {
    // receive() verifies before it parses, so a JSON or protobuf decoding error means the signature was good.
    // Anything else, including errors we do not recognise, is treated as a failed signature.
    const undecodable =
      error instanceof SyntaxError || (error instanceof Error && error.message.startsWith("cannot decode "));
    if (undecodable) throw new AppError("BAD_REQUEST", "Webhook body is not a LiveKit event");
    throw unauthorized("Invalid webhook signature");
  }
  const source = event.track?.source;
  const fields = EventFields.safeParse({
    id: event.id,
    event: event.event,
    room: event.room?.name,
    identity: event.participant?.identity,
    trackSource: source === undefined ? undefined : (TrackSource[source]?.toLowerCase() ?? "unknown"),
  });
  if (!fields.success) {
    const issue = fields.error.issues[0]!;
    throw new AppError("BAD_REQUEST", `Invalid webhook event: ${issue.path.join(".")} ${issue.message}`);
  }
  return fields.data;
}

/**
 * Applies one event to the in-progress session whose room it names. The event id is recorded in the same
 * transaction, so a redelivery (even a concurrent one, which waits on the first insert) changes nothing.
 */
export async function applyWebhookEvent(event: EventFields): Promise<WebhookOutcome> {
  const effect = EFFECTS.get(event.event);
  if (!effect || !event.room) return { status: "ignored" }; // other event types are not recorded at all
  const room = event.room;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [session] = await tx
      .select({ id: interviewSessions.id, status: interviewSessions.status })
      .from(interviewSessions)
      .where(eq(interviewSessions.livekitRoom, room))
      .limit(1);
    const [fresh] = await tx
      .insert(livekitWebhookEvents)
      .values({
        id: event.id,
        event: event.event,
        room,
        sessionId: session?.id ?? null,
        identity: event.identity?.slice(0, 200) ?? null,
        trackSource: event.trackSource?.slice(0, 30) ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: livekitWebhookEvents.id });
    if (!fresh) return { status: "duplicate" };
    if (!session || session.status !== "in_progress") return { status: "ignored" };
    if (effect.candidateOnly && event.identity !== candidateIdentity(session.id)) return { status: "ignored" };

    const open = and(eq(interviewSessions.id, session.id), eq(interviewSessions.status, "in_progress"));
    const [updated] = await tx
      .update(interviewSessions)
      .set({
        ...(effect.candidateInRoom === undefined ? {} : { candidateInRoom: effect.candidateInRoom }),
        ...(effect.touch ? { lastActivityAt: sql`now()` } : {}),
      })
      // Checked again here: the session may have been completed since the select.
      .where(open)
      .returning({ id: interviewSessions.id });
    return { status: updated ? "applied" : "ignored" };
  });
}
