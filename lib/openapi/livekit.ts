import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { StaffTokenBody } from "@/lib/livekit/staff-token";
import { ValidateTokenBody } from "@/lib/livekit/validate-token";
import { type ErrorSpec, isoTime, jsonBody, markdown, ok, operation } from "./common";
import { StaffToken, TokenStats } from "./responses";

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
      description: markdown(
        "**Who:** a TEAM_LEAD on their own interviews, HR, ADMIN; Bearer or the dashboard cookie. `/api/token/room` and `/api/token/join` are the same operation. **Body:** `{room_name, participant_name, participant_identity (/^[A-Za-z0-9_.-]{1,64}$/), permissions?: {can_publish?, can_subscribe?, can_publish_data?, can_update_metadata?, hidden?}}`; no permissions means subscribe only.",
        '**200:** `{token, server_url, room_name, identity: "staff:<user id>:<participant_identity>", expires_at}`. TTL = min(`JWT_EXPIRY_HOURS`, 1 hour). Every mint is audited `LIVEKIT_TOKEN_MINTED`.',
        "**Grants:** TEAM_LEAD and HR may also publish data; only ADMIN may update metadata; no staff role publishes media; `hidden` is for HR, ADMIN and the owning TEAM_LEAD and only subscribes. Nothing ever grants room admin, recording, room creation or listing.",
        "**Refusals:** 404 `not_found` unless the room is one of the caller's company's interview rooms; 403 `not_interview_manager` for a TEAM_LEAD of another interview (the same right as watching its recordings); 403 `forbidden` for EMPLOYEE, and for asking more than the role allows (`Your role may not: ...`); 409 `session_not_in_progress` unless its session is in progress.",
      ),
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
    description: markdown(
      "**Who:** any staff role; Bearer or the dashboard cookie. **Body:** `{token}`.",
      "**200:** `{valid, reason?, claims?}`: the signature, the expiry with 30 s of clock skew, and the room must be the caller's company's; otherwise `valid: false` with a `reason` and without claims (a token for another company's room reads exactly like one for a room that does not exist). Counted in `/api/stats`.",
    ),
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
    description: markdown(
      "**Who:** any staff role; Bearer or the dashboard cookie.",
      "**200:** `{reachable, url, latency_ms, rooms?, error?, checked_at}` from LiveKit's ListRooms (2 s timeout). `rooms` counts the caller's company's rooms only (by the metadata the room was created with). `url` is `LIVEKIT_URL` without credentials; the key, the secret and tokens never appear, in `error` either.",
    ),
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
    description: markdown(
      "**Who:** HR and ADMIN; Bearer or the dashboard cookie (403 otherwise).",
      "**200:** `{generated_at, window_minutes: 60, tokens_minted {total, per_minute[60] {minute, count}}, validations {total, valid, invalid, success_rate}, failed_operations {total, mint, validate}, latency_ms {samples, p50, p99}, active_rooms}` for the caller's company, from counters in the shared cache (every instance adds to them). 503 `service_unavailable` when the cache is down.",
    ),
    responses: {
      200: ok("The figures.", TokenStats),
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
    description: markdown(
      "**Who:** LiveKit. `Authorization` is LiveKit's signed JWT over the exact body (64 KiB at most, else 413).",
      '**200:** `{status: "applied" | "ignored" | "duplicate"}`. Each event id applies at most once. `participant_joined` / `participant_left` of the session\'s candidate (identity `candidate-<session id>`) set `candidate_in_room` and `last_activity_at` (which feeds the resume grace window); `track_published` bumps activity; `room_finished` clears presence; other participants never change it. These four events are also kept with the session whose room they name, whatever its status (a session\'s `relay_activity`).',
      "**Refusals:** 401 `not_authenticated` for a missing or invalid signature; 400 `bad_request` for a signed body that is not an event.",
    ),
    request: { body: { content: { "application/webhook+json": { schema: z.object({}).passthrough() } } } },
    responses: {
      200: ok("What became of the event.", z.object({ status: z.enum(["applied", "ignored", "duplicate"]) })),
    },
    errors: ["bad_request", "payload_too_large"],
  });
}
