import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { StaffTokenBody } from "@/lib/livekit/staff-token";
import { ValidateTokenBody } from "@/lib/livekit/validate-token";
import { isoTime, jsonBody, ok, operation, type ErrorSpec } from "./common";
import { StaffToken } from "./responses";

const body: ErrorSpec[] = ["validation_error", "bad_request", "unsupported_media_type", "payload_too_large"];

export function registerLivekit(registry: OpenAPIRegistry) {
  const tags = ["LiveKit"];
  for (const path of ["/api/token/room", "/api/token/join"]) {
    operation(registry, {
      method: "post",
      path,
      operationId: path.endsWith("room") ? "mintRoomToken" : "mintJoinToken",
      tags,
      auth: "bearerOrCookie",
      summary: "A LiveKit token for one of the company's interview rooms, with at most what the caller's role allows",
      request: { body: jsonBody(StaffTokenBody) },
      responses: { 200: ok("The token.", StaffToken) },
      errors: ["forbidden", "not_found", "not_interview_manager", "session_not_in_progress", "rate_limited", ...body],
    });
  }
  operation(registry, {
    method: "post",
    path: "/api/token/validate",
    operationId: "validateRoomToken",
    tags,
    auth: "bearerOrCookie",
    summary: "Whether a LiveKit token verifies and is for one of the company's rooms (always 200 for a token)",
    request: { body: jsonBody(ValidateTokenBody) },
    responses: {
      200: ok(
        "The verdict.",
        z.object({ valid: z.boolean(), reason: z.string().optional(), claims: z.object({}).passthrough().optional() }),
      ),
    },
    errors: body,
  });
  operation(registry, {
    method: "get",
    path: "/api/livekit/status",
    operationId: "livekitStatus",
    tags,
    auth: "bearerOrCookie",
    summary: "Whether the LiveKit server answers, its URL, the latency and the company's open rooms",
    responses: {
      200: ok(
        "The probe.",
        z.object({
          reachable: z.boolean(),
          url: z.string(),
          latency_ms: z.number(),
          rooms: z.number().int().optional(),
          error: z.string().optional(),
          checked_at: isoTime(),
        }),
      ),
    },
  });
  operation(registry, {
    method: "get",
    path: "/api/stats",
    operationId: "tokenStats",
    tags,
    auth: "bearerOrCookie",
    summary: "The LiveKit token service's figures for the company over the last hour (HR, ADMIN)",
    responses: {
      200: ok("The figures.", z.object({ generated_at: isoTime(), active_rooms: z.number().int() }).passthrough()),
    },
    errors: ["forbidden"],
  });
  operation(registry, {
    method: "post",
    path: "/api/livekit/webhook",
    operationId: "livekitWebhook",
    tags,
    auth: "livekitWebhook",
    summary: "LiveKit's room events; applies presence to sessions in progress; idempotent by event id",
    request: { body: { content: { "application/webhook+json": { schema: z.object({}).passthrough() } } } },
    responses: {
      200: ok("What became of the event.", z.object({ status: z.enum(["applied", "ignored", "duplicate"]) })),
    },
    errors: ["bad_request", "payload_too_large"],
  });
}
