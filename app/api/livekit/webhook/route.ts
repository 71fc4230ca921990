// POST /api/livekit/webhook: LiveKit only (Authorization is a JWT signed with our API key over the body's SHA-256).
// Applies room presence to in-progress sessions; idempotent by event id.
import { apiRoute, json } from "@/lib/http/api-handler";
import { readTextBody } from "@/lib/http/json-body";
import { applyWebhookEvent, receiveWebhook } from "@/lib/livekit/webhook";

export const POST = apiRoute(async (request) => {
  // The signature covers the exact bytes sent, so the body is read as text and never re-serialised.
  const event = await receiveWebhook(await readTextBody(request), request.headers.get("authorization"));
  return json(await applyWebhookEvent(event));
});
