import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { CompleteBody, StartBody } from "@/lib/candidate-sessions/schemas";
import { ConsentBody } from "@/lib/consent/record";
import { FinalizeBody } from "@/lib/recordings/finalize";
import { RetakeBody } from "@/lib/recordings/retake";
import { answerIndex, isoTime, jsonBody, ok, operation, pathParams, type ErrorSpec } from "./common";
import { LivekitJoin, Recording, StartedSession } from "./responses";

// The candidate's side: an invite's value (`token` in bodies) opens a session; its resume token authenticates the rest.

const body: ErrorSpec[] = ["validation_error", "bad_request", "unsupported_media_type", "payload_too_large"];
const invite: ErrorSpec[] = [
  "invalid_invite",
  "invite_revoked",
  "interview_closed",
  "invite_expired",
  "attempts_exhausted",
];
const session = pathParams({ id: "The interview session's id." });
const answer = pathParams({ id: "The interview session's id.", answer: answerIndex });
const upload: ErrorSpec[] = ["not_found", "session_revoked", "session_closed", "take_replaced", "rate_limited"];

export function registerCandidates(registry: OpenAPIRegistry) {
  const tags = ["Candidate"];
  operation(registry, {
    method: "post",
    path: "/api/candidates/interviews/consent",
    operationId: "giveConsent",
    tags,
    auth: "public",
    summary: "Records the candidate's consent to be recorded (uses no attempt)",
    request: { body: jsonBody(ConsentBody) },
    responses: {
      201: ok("Consent recorded.", z.object({}).passthrough()),
      200: ok("The consent already on record.", z.object({}).passthrough()),
    },
    errors: ["not_found", "conflict", "rate_limited", ...body],
  });
  operation(registry, {
    method: "post",
    path: "/api/candidates/interviews/start-session",
    operationId: "startSession",
    tags,
    auth: "public",
    summary: "Resumes the session in progress or consumes an attempt and opens one",
    description:
      "Authenticated by the invite's value in the body. A resume token (body or the `aii_resume_*` cookie) resumes; `mode` forces one or the other. Sets the resume cookie.",
    request: { body: jsonBody(StartBody) },
    responses: { 200: ok("The session and its LiveKit join details.", StartedSession) },
    errors: [...invite, "resume_missing", "resume_expired", "resume_conflict", "conflict", "rate_limited", ...body],
  });
  operation(registry, {
    method: "patch",
    path: "/api/candidates/interviews/complete-session",
    operationId: "completeSession",
    tags,
    auth: "public",
    summary: "Completes the latest session (needs its resume token: body or cookie); idempotent",
    request: { body: jsonBody(CompleteBody) },
    responses: {
      200: ok(
        "The completed session.",
        z.object({
          session_id: z.uuid(),
          status: z.string(),
          recording_count: z.number().int(),
          ended_at: isoTime(),
          already_completed: z.boolean(),
        }),
      ),
    },
    errors: ["resume_token_required", "not_found", "session_revoked", "conflict", "rate_limited", ...body],
  });
  operation(registry, {
    method: "post",
    path: "/api/candidates/sessions/{id}/livekit-token",
    operationId: "refreshCandidateLivekitToken",
    tags,
    auth: "resumeToken",
    summary: "A fresh LiveKit join token for the session's room",
    request: { params: session },
    responses: { 200: ok("The join details.", z.object({ livekit: LivekitJoin })) },
    errors: ["not_found", "session_revoked", "conflict", "rate_limited", "bad_request"],
  });
  operation(registry, {
    method: "put",
    path: "/api/candidates/sessions/{id}/recordings/{answer}/chunks/{seq}",
    operationId: "putChunk",
    tags,
    auth: "resumeToken",
    summary: "Stores one chunk of an answer's recording (`?take=N` after a re-record); idempotent per chunk",
    request: {
      params: answer.extend({ seq: z.coerce.number().int().min(0).meta({ description: "The 0-based chunk number." }) }),
      query: z.object({ take: z.coerce.number().int().min(0).optional() }),
      body: { content: { "application/octet-stream": { schema: z.string().meta({ format: "binary" }) } } },
    },
    responses: {
      201: ok(
        "Stored.",
        z.object({ seq: z.number().int(), size_bytes: z.number().int(), sha256: z.string(), stored: z.literal(true) }),
      ),
      200: ok(
        "The same bytes were already stored.",
        z.object({ seq: z.number().int(), size_bytes: z.number().int(), sha256: z.string(), stored: z.literal(false) }),
      ),
    },
    errors: [
      ...upload,
      "conflict",
      "recording_too_large",
      "payload_too_large",
      "storage_quota_exceeded",
      "bad_request",
      "validation_error",
    ],
  });
  operation(registry, {
    method: "post",
    path: "/api/candidates/sessions/{id}/recordings/{answer}/finalize",
    operationId: "finalizeRecording",
    tags,
    auth: "resumeToken",
    summary: "Assembles and verifies the answer's chunks and marks the recording ready; idempotent",
    request: { params: answer, body: jsonBody(FinalizeBody) },
    responses: { 200: ok("The ready recording.", Recording) },
    errors: [
      ...upload,
      "missing_chunks",
      "finalize_in_progress",
      "conflict",
      "answer_too_long",
      "recording_too_large",
      "storage_quota_exceeded",
      ...body,
    ],
  });
  operation(registry, {
    method: "post",
    path: "/api/candidates/sessions/{id}/recordings/{answer}/retake",
    operationId: "retakeRecording",
    tags,
    auth: "resumeToken",
    summary: "Starts the next take of an answer (a re-record, or a restart of a cut-off take)",
    request: { params: answer, body: jsonBody(RetakeBody) },
    responses: {
      200: ok(
        "The answer's new take.",
        z.object({
          answer: z.number().int(),
          take: z.number().int(),
          retakes_used: z.number().int(),
          retakes_left: z.number().int(),
          free_retakes_left: z.number().int(),
        }),
      ),
    },
    errors: [...upload, "retakes_exhausted", "free_retakes_exhausted", "conflict", ...body],
  });
}
