import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ExtensionDecisionBody, ExtensionRequestBody } from "@/lib/extensions/schemas";
import { type ErrorSpec, isoTime, jsonBody, markdown, ok, operation, pathParams } from "./common";

// Extension requests: a candidate on an expired or nearly expired invite asks for more time; staff decide.

const body: ErrorSpec[] = ["validation_error", "bad_request", "unsupported_media_type", "payload_too_large"];
const status = z.enum(["pending", "approved", "declined"]);
const nullableTime = (description: string) => isoTime(description).nullable();

const ExtensionRequested = z
  .object({ id: z.uuid(), status, requested_at: isoTime("When the request was made (the server's clock).") })
  .meta({ id: "ExtensionRequested" });

const ExtensionRequest = z
  .object({
    id: z.uuid(),
    token_id: z.uuid(),
    candidate_name: z.string().nullable(),
    candidate_email: z.string().nullable(),
    reason: z.string().meta({ description: "The candidate's reason, 1-1000 characters." }),
    status,
    requested_at: isoTime(),
    expires_at_when_requested: nullableTime("The invite's expiry when the candidate asked."),
    current_expires_at: isoTime("The invite's effective expiry now."),
    new_expires_at: nullableTime("The expiry granted, once approved."),
    decided_at: nullableTime("When it was approved or declined."),
    decided_by: z.string().nullable().meta({ description: "The decider's name (or email)." }),
    decision_note: z.string().nullable().meta({ description: "The note sent to the candidate with the decision." }),
  })
  .meta({ id: "ExtensionRequest" });

const Decided = z
  .object({
    id: z.uuid(),
    status,
    new_expires_at: nullableTime("The invite's new expiry (approved), else null."),
    decided_at: isoTime(),
    email_delivery: z
      .enum(["queued", "outbox"])
      .nullable()
      .meta({ description: "The candidate's email: `queued` (SMTP), `outbox` (no SMTP) or null (no address)." }),
  })
  .meta({ id: "ExtensionDecided" });

export function registerExtensions(registry: OpenAPIRegistry) {
  operation(registry, {
    method: "post",
    path: "/api/candidates/invites/extension-request",
    operationId: "requestExtension",
    tags: ["Candidate"],
    auth: "public",
    summary: "Asks for more time on an expired or nearly expired invite",
    description: markdown(
      "**Who:** an invite holder (the invite's value as `token`). **Body:** `{token, reason}`; the reason is trimmed, 1-1000 characters.",
      '**201:** `{id, status: "pending", requested_at}`. HR, ADMIN or the TEAM_LEAD who owns the interview approve (choosing the new expiry) or decline it; the candidate is emailed either way. Audited `EXTENSION_REQUESTED` (the reason itself stays in the request, the audit row records its length).',
      "**Refusals:** 404 `not_found` for an unknown link; 409 `extension_not_eligible` (revoked, erased, completed, in progress, out of attempts, interview closed, or neither expired nor expiring within 48 hours); 409 `extension_pending` (one is already waiting); 409 `extension_limit_reached` (every request the invite allows is used: one, unless HR allows more); 429 `rate_limited` (10 an hour per client address, 5 an hour per invite, counted before the link is looked up).",
    ),
    request: { body: jsonBody(ExtensionRequestBody) },
    responses: { 201: ok("The request, waiting for a decision.", ExtensionRequested) },
    errors: [
      "not_found",
      "extension_not_eligible",
      "extension_pending",
      "extension_limit_reached",
      "rate_limited",
      ...body,
    ],
  });
  operation(registry, {
    method: "get",
    path: "/api/interviewer/interviews/{id}/extension-requests",
    operationId: "listExtensionRequests",
    tags: ["Invites"],
    auth: "bearer",
    summary: "The interview's requests for more time: waiting ones, then recent decisions",
    description: markdown(
      "**Who:** HR, ADMIN, and the TEAM_LEAD who owns the interview (403 for other roles and interviews).",
      "**200:** `{pending: [...], decided: [...]}`: every waiting request, oldest first, then the 20 most recently decided.",
    ),
    request: { params: pathParams({ id: "The interview's id." }) },
    responses: {
      200: ok("The requests.", z.object({ pending: z.array(ExtensionRequest), decided: z.array(ExtensionRequest) })),
    },
    errors: ["forbidden", "not_found", "bad_request"],
  });
  operation(registry, {
    method: "post",
    path: "/api/interviewer/extension-requests/{requestId}/decision",
    operationId: "decideExtensionRequest",
    tags: ["Invites"],
    auth: "bearer",
    summary: "Approves (with a new expiry) or declines a request for more time",
    description: markdown(
      '**Who:** HR, ADMIN, and the TEAM_LEAD who owns the interview. **Body:** `{decision: "approve", new_expires_at, note?}` or `{decision: "decline", note?}`; the note (up to 1000 characters) goes to the candidate.',
      "**200:** the decided request. Approving sets the invite's `expires_at` (rule `at`) in the same transaction, so an expired link works again. The candidate is emailed either way (an approval carries the link when it can be recovered, otherwise the new date). Audited `EXTENSION_APPROVED` or `EXTENSION_DECLINED`.",
      "**Refusals:** 422 `validation_error` for a new expiry less than an hour ahead or more than a year; 409 `extension_not_pending` when it was already decided (of two concurrent decisions one wins); 409 `invite_revoked` approving a revoked invite.",
    ),
    request: {
      params: pathParams({ requestId: "The extension request's id." }),
      body: jsonBody(ExtensionDecisionBody),
    },
    responses: { 200: ok("The decided request.", Decided) },
    errors: ["forbidden", "not_found", "extension_not_pending", ["invite_revoked", 409], ...body],
  });
}
