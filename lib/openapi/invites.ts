import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { pageQuery } from "@/lib/http/pagination";
import { MAX_INVITES_PAGE } from "@/lib/invites/queries";
import { BulkBody, MintInviteBody, UpdateInviteBody } from "@/lib/invites/schemas";
import { type ErrorSpec, headers, jsonBody, markdown, ok, operation, pathParams, totalCountHeader } from "./common";
import { BulkInvite, Invite, MintedInvite, ResentInvite } from "./responses";

const body: ErrorSpec[] = ["validation_error", "bad_request", "unsupported_media_type", "payload_too_large"];
const interview = pathParams({ id: "The interview's id." });
const invite = pathParams({ id: "The interview's id.", tokenId: "The invite's id." });
const managed: ErrorSpec[] = ["forbidden", "not_found"];
const badRule: ErrorSpec[] = ["invalid_time_zone", "expiry_in_past", "expiry_too_far"];

export function registerInvites(registry: OpenAPIRegistry) {
  const tags = ["Invites"];
  operation(registry, {
    method: "get",
    path: "/api/interviewer/interviews/{id}/tokens",
    operationId: "listInvites",
    tags,
    auth: "bearer",
    summary: "The interview's invites, newest first (any staff role, own company)",
    description: markdown(
      "**Who:** any staff role of the interview's company. **Query:** `skip` (0), `limit` (1-100, default 20).",
      "**200:** one page, newest first, each invite with its derived `status` (`active`, `in_progress`, `completed`, `expired`, `attempts_exhausted`, `revoked`) and `status_reason` (the status in words); the total in `X-Total-Count`. 422 `validation_error` for bad paging.",
    ),
    request: { params: interview, query: pageQuery(MAX_INVITES_PAGE) },
    responses: { 200: { ...ok("A page of invites.", z.array(Invite)), headers: totalCountHeader } },
    errors: [...managed, "validation_error", "bad_request"],
  });
  operation(registry, {
    method: "post",
    path: "/api/interviewer/interviews/{id}/tokens",
    operationId: "mintInvite",
    tags,
    auth: "bearer",
    summary: "Mints an invite (who manages the interview); emails it when an email address is given",
    description: markdown(
      "**Who:** who manages the interview (HR, ADMIN; a TEAM_LEAD their own interviews).",
      "**Body (optional):** `{candidate_name?, candidate_email?, expires_in_hours? (0-720], expires_at? (a future ISO time), expiry_rule?, max_attempts? (1-10)}`. No body means 72 hours and 1 attempt. At most one of `expires_in_hours`, `expires_at` and `expiry_rule`.",
      '**Expiry rules:** `{"kind": "business_days", "days": 3, "time_zone": "Europe/Berlin"}` expires at the end (23:59:59.999 local) of the 3rd business day after today in that zone, skipping Saturdays, Sundays and the company\'s holidays; `{"kind": "end_of_day", "date": "2026-12-04", "time_zone": "Europe/Berlin"}` at the end of that day there; `{"kind": "hours", "hours": 48}` as `expires_in_hours`. The rule resolves once, when minting, to the UTC instant stored in `expires_at` (which alone decides whether the link still works); the invite keeps `expiry_rule` and shows it in words as `expiry_rule_text`. Refusals: 422 `invalid_time_zone` (not an IANA zone), `expiry_in_past` (a day already over there), `expiry_too_far` (past a year), `validation_error` (bad shape, or two ways at once).',
      "**201:** `{id, token_value, candidate_name, candidate_email, expires_at, max_attempts, current_attempts, is_used, created_at, interview_url, email_delivery, ...}`. The value (`token_value`, and the link `interview_url`) is shown only here: the database keeps its hash. `email_delivery`: `queued` (SMTP: the `send-email` job sends it after the commit), `outbox` (no SMTP) or null (no candidate email). Audited `INVITE_MINTED`.",
      "An invite stored without `expires_at` expires 7 days after creation; without `max_attempts` it allows 1.",
    ),
    request: {
      params: interview,
      body: jsonBody(MintInviteBody.unwrap(), "Optional: no body means 72 hours and 1 attempt."),
    },
    responses: { 201: ok("The invite with its secret value and link.", MintedInvite) },
    errors: [...managed, "conflict", "rate_limited", ...badRule, ...body],
  });
  operation(registry, {
    method: "post",
    path: "/api/interviewer/interviews/{id}/tokens/bulk",
    operationId: "mintInvitesBulk",
    tags,
    auth: "bearer",
    summary: "Mints one invite per CSV line (who manages the interview); all or nothing",
    description: markdown(
      '**Who:** who manages the interview. **Body:** `{csv: "name,email[,expires_in_hours,max_attempts]", expiry_rule?}`, one invite per line; `expiry_rule` (as when minting) sets the expiry of each line that gives no hours of its own (default 72 hours).',
      "**201:** `{invites: [{line, candidate_name, candidate_email, expires_at, max_attempts, interview_url, email_delivery}]}`, or with `Accept: text/csv` a CSV (`candidate_name, candidate_email, interview_url, expires_at, max_attempts`) as `invite-links.csv`. All invites commit together; their emails are enqueued together after the commit, so no mail server is contacted in the request. Each is audited `INVITE_MINTED`.",
      '**Refusals:** 422 `validation_error` listing every bad line (`loc: ["file", "line N"]`); 422 `invalid_time_zone`, `expiry_in_past` or `expiry_too_far` for a bad `expiry_rule`; nothing is created.',
    ),
    request: { params: interview, body: jsonBody(BulkBody) },
    responses: {
      201: {
        description: "The invites (JSON), or their links as CSV with `Accept: text/csv`.",
        headers: headers.attachment("invite-links.csv"),
        content: {
          "application/json": { schema: z.object({ invites: z.array(BulkInvite) }) },
          "text/csv": { schema: z.string() },
        },
      },
    },
    errors: [...managed, "conflict", "rate_limited", ...badRule, ...body],
  });
  operation(registry, {
    method: "patch",
    path: "/api/interviewer/interviews/{id}/tokens/{tokenId}",
    operationId: "updateInvite",
    tags,
    auth: "bearer",
    summary: "Extends an invite's expiry and/or adds attempts (who manages the interview)",
    description: markdown(
      "**Who:** who manages the interview. **Body:** one of `expires_in_hours`, `expires_at`, `expiry_rule` (as when minting, resolved from now; the invite keeps it, `at` for `expires_at` and `extend_hours`) or `extend_hours`, and/or `add_attempts`, and/or `extension_requests_allowed` (0-10: how many requests for more time the candidate may make in all; HR and ADMIN only, 403 otherwise).",
      "**200:** the invite. Computed from the invite row under its lock, so concurrent calls add up. Audited `INVITE_EXTENDED`.",
      "**Refusals:** 422 `validation_error` past 10 attempts (nothing changes); 409 `invite_revoked`.",
    ),
    request: { params: invite, body: jsonBody(UpdateInviteBody) },
    responses: { 200: ok("The invite.", Invite) },
    errors: [...managed, ["invite_revoked", 409], "conflict", ...badRule, ...body],
  });
  operation(registry, {
    method: "post",
    path: "/api/interviewer/interviews/{id}/tokens/{tokenId}/revoke",
    operationId: "revokeInvite",
    tags,
    auth: "bearer",
    summary: "Revokes an invite; an attempt in progress ends (session status `revoked`)",
    description: markdown(
      "**Who:** who manages the interview.",
      "**200:** the invite, now `revoked`: the link stops working. An attempt in progress ends in the same transaction (session status `revoked`, audited `SESSION_REVOKED`, its LiveKit room closed, recordings kept); the candidate's next upload answers 409 `session_revoked`. Audited `INVITE_REVOKED`.",
    ),
    request: { params: invite },
    responses: { 200: ok("The revoked invite.", Invite) },
    errors: [...managed, "bad_request"],
  });
  operation(registry, {
    method: "post",
    path: "/api/interviewer/interviews/{id}/tokens/{tokenId}/resend",
    operationId: "resendInvite",
    tags,
    auth: "bearer",
    summary: "Emails a fresh link (the old one stops working); at most once a minute per invite",
    description: markdown(
      "**Who:** who manages the interview.",
      "**200:** the invite with a NEW `token_value`, `interview_url` and `email_delivery` (`queued` or `outbox`): the old link stops working; attempts and expiry carry over. Audited `INVITE_RESENT`.",
      "**Refusals:** 409 `session_in_progress` while the candidate has an attempt in progress (a new link would strand them); 409 `invite_revoked`; 429 `rate_limited` within 60 s of the last send.",
    ),
    request: { params: invite },
    responses: { 200: ok("The invite with its new value and link.", ResentInvite) },
    errors: [...managed, ["invite_revoked", 409], "session_in_progress", "rate_limited", "bad_request"],
  });
}
