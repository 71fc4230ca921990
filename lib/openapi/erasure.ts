import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ErasureRequestBody } from "@/lib/erasure/schemas";
import { PageQuery } from "@/lib/http/pagination";
import { type ErrorSpec, isoTime, jsonBody, markdown, ok, operation, pathParams, totalCountHeader } from "./common";

// Erasure requests (GDPR art. 17): a candidate asks, with their link, for their recordings and personal data to be
// deleted; HR or an ADMIN carries it out in one action.

const body: ErrorSpec[] = ["validation_error", "bad_request", "unsupported_media_type", "payload_too_large"];
const status = z.enum(["pending", "completed"]);

const Summary = z.record(z.string(), z.number().int()).nullable().meta({
  description:
    "What the erasure removed, as counts only: `sessions`, `recordings`, `transcripts`, `evaluations`, `observation_notes`, `emails_redacted`, `audit_rows_anonymised`. Null while pending.",
});

const ErasureRequested = z
  .object({
    id: z.uuid(),
    status,
    requested_at: isoTime("When the candidate asked (the server's clock)."),
    completed_at: isoTime("When HR carried it out.").nullable(),
  })
  .meta({ id: "ErasureRequested" });

const ErasureRequest = z
  .object({
    id: z.uuid(),
    token_id: z.uuid(),
    interview_id: z.uuid(),
    interview_title: z.string(),
    candidate_name: z.string().nullable().meta({ description: "Null once erased (or when the invite had none)." }),
    candidate_email: z.string().nullable().meta({ description: "Null once erased (or when the invite had none)." }),
    status,
    requested_at: isoTime(),
    completed_at: isoTime().nullable(),
    completed_by: z.uuid().nullable().meta({ description: "The user who carried it out." }),
    summary: Summary,
  })
  .meta({ id: "ErasureRequest" });

const ErasureCompleted = z
  .object({ id: z.uuid(), status: z.literal("completed"), completed_at: isoTime(), summary: Summary.unwrap() })
  .meta({ id: "ErasureCompleted" });

export function registerErasure(registry: OpenAPIRegistry) {
  operation(registry, {
    method: "post",
    path: "/api/candidates/invites/erasure-request",
    operationId: "requestErasure",
    tags: ["Candidate"],
    auth: "public",
    summary: "Asks the company to delete the candidate's recordings and personal data (idempotent)",
    description: markdown(
      "**Who:** an invite holder (the invite's value as `token`), whatever the invite's state. **Body:** `{token}`.",
      '**201:** `{id, status: "pending", requested_at, completed_at: null}`; HR and ADMIN see it under Erasure requests. Audited `ERASURE_REQUESTED`. **200** with the request already pending (or, after the erasure, the completed one): nothing is written.',
      "**Refusals:** 404 `not_found` for an unknown link; 429 `rate_limited` (10 an hour per client address, 5 an hour per invite, counted before the link is looked up).",
    ),
    request: { body: jsonBody(ErasureRequestBody) },
    responses: {
      201: ok("The request, now pending.", ErasureRequested),
      200: ok("The request already pending or carried out.", ErasureRequested),
    },
    errors: ["not_found", "rate_limited", "service_unavailable", ...body],
  });
  operation(registry, {
    method: "get",
    path: "/api/interviewer/erasure-requests",
    operationId: "listErasureRequests",
    tags: ["Invites"],
    auth: "bearer",
    summary: "The company's erasure requests, pending first (HR, ADMIN)",
    description: markdown(
      "**Who:** HR and ADMIN (403 for EMPLOYEE and TEAM_LEAD). **Query:** `skip >= 0`, `1 <= limit <= 100`.",
      "**200:** `[{id, token_id, interview_id, interview_title, candidate_name, candidate_email, status, requested_at, completed_at, completed_by, summary}]`: pending ones first (longest waiting first), then completed ones (newest first); the total in `X-Total-Count`. An erased request's candidate fields are null.",
    ),
    request: { query: PageQuery },
    responses: { 200: { ...ok("A page of erasure requests.", z.array(ErasureRequest)), headers: totalCountHeader } },
    errors: ["forbidden", "validation_error"],
  });
  operation(registry, {
    method: "post",
    path: "/api/interviewer/erasure-requests/{id}/complete",
    operationId: "completeErasure",
    tags: ["Invites"],
    auth: "bearer",
    summary: "Carries out an erasure request: deletes the recordings and personal data (HR, ADMIN; audited)",
    description: markdown(
      "**Who:** HR and ADMIN (403 for EMPLOYEE and TEAM_LEAD). No body.",
      "**200:** `{id, status: \"completed\", completed_at, summary}`. First, in a short transaction, the invite is revoked and an attempt still in progress (perhaps abandoned) ends as `revoked`, audited `INVITE_REVOKED` / `SESSION_REVOKED` like a revocation (its LiveKit room is closed). Then every recording file of every session of the invite is deleted from storage (final recordings and upload chunks), then, in one transaction (the invite's session rows locked): recording, transcript and AI evaluation rows and observers' notes are deleted; the invite's `candidate_name` and `candidate_email` become null, `erased_at` is set and its expiry rule loses its time zone; the consent's IP address and browser and this invite's emails (address, subject, bodies, headers, delivery error, and the output of their send-email jobs) are redacted; free text about the candidate becomes `[erased]`: the reasons of their extension requests and HR's notes on them (a pending request is declined), reviewers' private notes and decision reasons; the audit rows about the invite, its sessions and its extension requests are anonymised in place (they stay, with their actions, times and resource ids). Another invite of the same email address is not touched. Scores and decisions stay. Audited `ERASURE_COMPLETED` with the counts only. After the commit the files are deleted once more (an upload in flight may have landed one). The link then shows only that the data was deleted, and when; pipeline jobs still queued for its sessions end without doing anything.",
      "**Refusals:** 404 `not_found` (unknown, not a UUID, or another company's); 409 `erasure_not_pending` (already carried out); 409 `erasure_session_in_progress` (defensive: an attempt was found running after the invite was revoked; erasing again finishes).",
    ),
    request: { params: pathParams({ id: "The erasure request's id." }) },
    responses: { 200: ok("The erasure, carried out.", ErasureCompleted) },
    errors: ["forbidden", "not_found", "erasure_not_pending", "erasure_session_in_progress"],
  });
}
