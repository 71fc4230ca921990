import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { pageQuery } from "@/lib/http/pagination";
import { MAX_TOKENS_PAGE } from "@/lib/tokens/queries";
import { BulkBody, MintTokenBody, UpdateTokenBody } from "@/lib/tokens/schemas";
import { jsonBody, ok, operation, pathParams, totalCountHeader, type ErrorSpec } from "./common";
import { Invite, MintedInvite, ResentInvite } from "./responses";

const body: ErrorSpec[] = ["validation_error", "bad_request", "unsupported_media_type", "payload_too_large"];
const interview = pathParams({ id: "The interview's id." });
const invite = pathParams({ id: "The interview's id.", tokenId: "The invite's id." });
const managed: ErrorSpec[] = ["forbidden", "not_found"];

export function registerInvites(registry: OpenAPIRegistry) {
  const tags = ["Invites"];
  operation(registry, {
    method: "get",
    path: "/api/interviewer/interviews/{id}/tokens",
    operationId: "listInvites",
    tags,
    auth: "bearer",
    summary: "The interview's invites, newest first (any staff role, own company)",
    request: { params: interview, query: pageQuery(MAX_TOKENS_PAGE) },
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
    request: {
      params: interview,
      body: jsonBody(MintTokenBody.unwrap(), "Optional: no body means 72 hours and 1 attempt."),
    },
    responses: { 201: ok("The invite with its secret value and link.", MintedInvite) },
    errors: [...managed, "conflict", "rate_limited", ...body],
  });
  operation(registry, {
    method: "post",
    path: "/api/interviewer/interviews/{id}/tokens/bulk",
    operationId: "mintInvitesBulk",
    tags,
    auth: "bearer",
    summary: "Mints one invite per CSV line (who manages the interview); all or nothing",
    request: { params: interview, body: jsonBody(BulkBody) },
    responses: {
      201: {
        description: "The invites (JSON), or their links as CSV with `Accept: text/csv`.",
        content: {
          "application/json": { schema: z.object({ invites: z.array(z.object({}).passthrough()) }) },
          "text/csv": { schema: z.string() },
        },
      },
    },
    errors: [...managed, "conflict", "rate_limited", ...body],
  });
  operation(registry, {
    method: "patch",
    path: "/api/interviewer/interviews/{id}/tokens/{tokenId}",
    operationId: "updateInvite",
    tags,
    auth: "bearer",
    summary: "Extends an invite's expiry and/or adds attempts (who manages the interview)",
    request: { params: invite, body: jsonBody(UpdateTokenBody) },
    responses: { 200: ok("The invite.", Invite) },
    errors: [...managed, ["invite_revoked", 409], "conflict", ...body],
  });
  operation(registry, {
    method: "post",
    path: "/api/interviewer/interviews/{id}/tokens/{tokenId}/revoke",
    operationId: "revokeInvite",
    tags,
    auth: "bearer",
    summary: "Revokes an invite; an attempt in progress ends (session status `revoked`)",
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
    request: { params: invite },
    responses: { 200: ok("The invite with its new value and link.", ResentInvite) },
    errors: [...managed, ["invite_revoked", 409], "session_in_progress", "rate_limited", "bad_request"],
  });
}
