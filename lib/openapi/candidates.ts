import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { CompleteBody, StartBody } from "@/lib/candidate-sessions/schemas";
import { ConsentBody } from "@/lib/consent/record";
import { FinalizeBody } from "@/lib/recordings/finalize";
import { RetakeBody } from "@/lib/recordings/retake";
import { answerIndex, type ErrorSpec, headers, isoTime, jsonBody, markdown, ok, operation, pathParams } from "./common";
import { Consent, LivekitJoin, Recording, StartedSession } from "./responses";

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
    description: markdown(
      "**Who:** an invite holder. **Body:** `{token, version, accepted: true}`.",
      "**201:** `{consent_id, version, accepted_at}` (the server's time; the statement shown is stored with it). Audited `CONSENT_GIVEN`. **200** with the same record when this invite already agreed to this wording (one row per invite and wording; nothing written). Uses no attempt.",
      "**Refusals:** 422 `validation_error` when not accepted; 409 `conflict` for an outdated wording; 404 `not_found` for an unknown or withdrawn link.",
    ),
    request: { body: jsonBody(ConsentBody) },
    responses: {
      201: ok("Consent recorded.", Consent),
      200: ok("The consent already on record.", Consent),
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
    description: markdown(
      '**Who:** an invite holder (the invite\'s value as `token`). **Body:** `{token, resume_token?, mode?: "resume" | "new"}`; the resume token comes from the body or the `aii_resume_*` cookie.',
      "**200:** `{session_id, attempt_number, resumed, questions, retakes_allowed, practice_question, answers, livekit: {server_url, room_name, participant_token, expires_at}, resume_token}`; `answers` holds the stored answers `{answer, status, take, retakes_used}` of a resumed session. `Set-Cookie` stores the (rotated) resume token. Audited `SESSION_STARTED` or `SESSION_RESUMED`.",
      '**Resume:** with a resume token (or `mode: "resume"`) it only resumes and never uses an attempt; the token rotates each time. The same resume token sent again within 10 s (a double click, a second tab) answers the same session and the same rotated token. Otherwise 409 with nothing used: `resume_conflict` (continued in another tab, window or device, or that attempt ended), `resume_expired` (inactive past the interview\'s grace window), `resume_missing` (`mode: "resume"` without a token).',
      '**New attempt:** `mode: "new"` starts one whatever resume token the browser holds; no token and no mode starts one too. The attempt is consumed by one SQL statement (see the Candidate tag), so concurrent starts never overdraw the invite.',
      "**Refusals, in this precedence:** 400 `invalid_invite`, 400 `invite_revoked`, 400 `interview_closed`, 410 `invite_expired`, 403 `attempts_exhausted`. A refused start changes nothing.",
    ),
    request: { body: jsonBody(StartBody) },
    responses: {
      200: { ...ok("The session and its LiveKit join details.", StartedSession), headers: headers.setResumeCookie },
    },
    errors: [...invite, "resume_missing", "resume_expired", "resume_conflict", "conflict", "rate_limited", ...body],
  });
  operation(registry, {
    method: "patch",
    path: "/api/candidates/interviews/complete-session",
    operationId: "completeSession",
    tags,
    auth: "public",
    summary: "Completes the latest session (needs its resume token: body or cookie); idempotent",
    description: markdown(
      "**Who:** an invite holder with the session's resume token. **Body:** `{token, resume_token}` (the resume token may come from the cookie instead).",
      "**200:** `{session_id, status, recording_count, ended_at, already_completed}`; idempotent (`already_completed: true` on a repeat). Only `ready` recordings count. Audited `SESSION_COMPLETED`.",
      "**Refusals:** 401 `resume_token_required`; 404 `not_found` (an unknown invite, no session, or another session's token); 400 `bad_request` with no stored recording; 409 `session_revoked`.",
    ),
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
    description: markdown(
      "**Who:** the candidate (resume token).",
      "**200:** `{livekit: {server_url, room_name, participant_token, expires_at}}`: a fresh 15-minute join token for the session's room (the room asks 30 s before expiry).",
      "**Refusals:** 409 `session_revoked` (its invite was revoked); 404 `not_found` for an unknown session, another session's token, or a session that ended otherwise; 401 without a resume token.",
    ),
    request: { params: session },
    responses: { 200: ok("The join details.", z.object({ livekit: LivekitJoin })) },
    errors: ["not_found", "session_revoked", "rate_limited", "bad_request"],
  });
  operation(registry, {
    method: "put",
    path: "/api/candidates/sessions/{id}/recordings/{answer}/chunks/{seq}",
    operationId: "putChunk",
    tags,
    auth: "resumeToken",
    summary: "Stores one chunk of an answer's recording (`?take=N` after a re-record); idempotent per chunk",
    description: markdown(
      "**Who:** the candidate: `Authorization: Bearer <resume_token>` or `x-resume-token`. **Body:** the chunk's raw bytes, at most 8 MiB. **Query:** `take` (default 0) after a re-record.",
      "**201:** stored. **200:** the same bytes again for that seq (also after finalize, and when the quota is full): idempotent.",
      "**Refusals:** 409 `conflict` (different bytes for that seq, or a finalized answer); 409 `take_replaced` (a retake moved on: the room drops that take); 409 `session_closed` (completed); 409 `session_revoked`; 413 over a limit, nothing written (`payload_too_large`: 8 MiB per chunk, 2000 chunks per answer, one recording per question; `recording_too_large`: per answer the question's time limit + 5 % + 10 s at 4 Mbit/s, at most 200 MiB); 507 `storage_quota_exceeded` (refused before the body is read; retry later); 401 no token; 404 an unknown session or another session's token.",
    ),
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
    description: markdown(
      "**Who:** the candidate (resume token). **Body:** `{chunk_count, sha256, size_bytes?, duration_ms?, mime_type, take? = 0}`.",
      "**200:** the recording, `ready`; idempotent. `duration_ms` is the duration measured from the WebM's timestamps (else the client's); once ready only the assembled file is kept. Only `ready` recordings count for completion.",
      "**Refusals:** 409 `missing_chunks` (named in `detail`; also a chunk whose stored bytes were lost, whose row is then dropped so the browser sends it again); 409 `take_replaced`; 409 `session_closed`; 409 `finalize_in_progress` with `Retry-After: 2` (another finalize of this answer holds its 120 s lease); 409 `session_revoked`; 422 `validation_error` for a checksum or size mismatch; 422 `answer_too_long` (declared or, for WebM, measured duration over the question's time limit + 5 % + 10 s); 413 `recording_too_large`; 415 `unsupported_media_type` when the bytes are not WebM or MP4 by their magic bytes. For MP4 only the declared duration and the size are checked.",
    ),
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
    description: markdown(
      "**Who:** the candidate (resume token). **Body:** `{take}`, the take being replaced.",
      "**200:** `{answer, take, retakes_used, retakes_left, free_retakes_left}`: the next take starts clean. Repeating the call answers the same. Audited `RECORDING_RETAKEN`.",
      "Replacing a finalized take spends one of the interview's `retakes_allowed` (403 `retakes_exhausted` when none is left); replacing an unfinished one (cut off by a reload or a lost device, or refused at finalize) is free up to 3 times per answer (403 `free_retakes_exhausted` after).",
      "**Refusals:** also 409 `conflict` for a stale take, 409 `session_revoked`.",
    ),
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
