import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { DecisionBody } from "@/lib/decisions/schemas";
import { ScorecardBody } from "@/lib/scorecards/schemas";
import { jsonBody, ok, operation, type ErrorSpec } from "./common";
import { Decision, Scorecards } from "./responses";
import { sessionParam } from "./review";

// Scorecards, decisions and AI evaluation reruns on a session (TEAM_LEAD who owns the interview, HR, ADMIN).

const review: ErrorSpec[] = ["forbidden", "not_found", "bad_request"];
const body: ErrorSpec[] = ["validation_error", "unsupported_media_type", "payload_too_large"];
const scorecardRules: ErrorSpec[] = [
  ["no_criteria", 400],
  "unknown_answer",
  "unknown_criterion",
  "duplicate_criterion",
];

export function registerDecisions(registry: OpenAPIRegistry) {
  const tags = ["Scorecards and decisions"];
  operation(registry, {
    method: "get",
    path: "/api/interviewer/sessions/{sessionId}/scorecards",
    operationId: "getScorecards",
    tags,
    auth: "bearerOrCookie",
    summary:
      "The caller's scorecard and, once visible to them (blind review), the others' and the disagreements with the AI",
    request: { params: sessionParam },
    responses: { 200: ok("The scorecards view.", Scorecards) },
    errors: review,
  });
  operation(registry, {
    method: "put",
    path: "/api/interviewer/sessions/{sessionId}/scorecards/mine",
    operationId: "saveScorecardDraft",
    tags,
    auth: "bearerOrCookie",
    summary: "Saves the caller's draft scorecard (until their first submission)",
    request: { params: sessionParam, body: jsonBody(ScorecardBody) },
    responses: { 200: ok("The scorecards view.", Scorecards) },
    errors: [...review, "session_not_completed", "scorecard_submitted", ...scorecardRules, ...body],
  });
  operation(registry, {
    method: "post",
    path: "/api/interviewer/sessions/{sessionId}/scorecards/mine/submit",
    operationId: "submitScorecard",
    tags,
    auth: "bearerOrCookie",
    summary: "Submits the body as the caller's next scorecard version (audited)",
    request: { params: sessionParam, body: jsonBody(ScorecardBody) },
    responses: {
      201: ok("Submitted; the scorecards view.", Scorecards),
      200: ok("It repeats the latest version; nothing recorded.", Scorecards),
    },
    errors: [
      ...review,
      "session_not_completed",
      ...scorecardRules,
      "scorecard_incomplete",
      "recommendation_required",
      ...body,
    ],
  });
  operation(registry, {
    method: "get",
    path: "/api/interviewer/sessions/{sessionId}/decision",
    operationId: "getDecision",
    tags,
    auth: "bearerOrCookie",
    summary: "The current decision and its history, newest first",
    request: { params: sessionParam },
    responses: { 200: ok("The decisions.", z.object({ current: Decision.nullable(), history: z.array(Decision) })) },
    errors: review,
  });
  const decided = z.object({ changed: z.boolean(), decision: Decision, email_job_id: z.string().nullable() });
  operation(registry, {
    method: "post",
    path: "/api/interviewer/sessions/{sessionId}/decision",
    operationId: "decide",
    tags,
    auth: "bearerOrCookie",
    summary: "Decides `advance`, `hold` or `reject` (HR, ADMIN), optionally emailing the candidate (audited)",
    request: { params: sessionParam, body: jsonBody(DecisionBody) },
    responses: {
      201: ok("The new decision.", decided),
      200: ok("It repeats the current decision (`changed: false`).", decided),
    },
    errors: [...review, "session_not_completed", "no_candidate_email", "reason_required", ...body],
  });
  operation(registry, {
    method: "post",
    path: "/api/interviewer/sessions/{sessionId}/evaluations",
    operationId: "rerunEvaluation",
    tags: ["AI evaluation"],
    auth: "bearerOrCookie",
    summary: "Asks for a new version of the session's AI evaluation (HR, ADMIN; audited)",
    request: { params: sessionParam },
    responses: { 202: ok("Queued.", z.object({ version: z.number().int(), job_id: z.string() })) },
    errors: [
      ...review,
      "evaluation_off",
      "session_not_completed",
      ["no_criteria", 409],
      "transcription_pending",
      "evaluation_running",
    ],
  });
}
