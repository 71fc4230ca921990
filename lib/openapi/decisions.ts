import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { DecisionBody } from "@/lib/decisions/schemas";
import { ScorecardBody } from "@/lib/scorecards/schemas";
import { type ErrorSpec, jsonBody, markdown, ok, operation } from "./common";
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
    description: markdown(
      "**Who:** a TEAM_LEAD on their own interviews, HR, ADMIN; Bearer or the dashboard cookie.",
      "**200:** `{session_id, blind_review, scores_visible, rubric[] {answer, question, criteria[] {name, good, anchors}}, mine, others, disagreements}`. `mine` is the caller's card, draft included, or null: `{id, status: draft | submitted, version (submissions so far, 0 while a first draft), scores[] {answer, criterion, score 1-5 | null, note?}, recommendation: strong_no | no | yes | strong_yes | null, private_note, overall_score (mean, 2 decimals), submitted_at, updated_at}`.",
      "**Blind review:** until the caller has submitted on an interview with `blind_review` (the default), `others` is `{hidden: true, count}` and `disagreements` `{hidden: true}`. Then `others` is `{hidden: false, count, items[] {id, reviewer {id, name}, version, scores, recommendation, overall_score, submitted_at}}` (others' drafts and private notes never appear) and `disagreements` `{hidden: false, items[] {reviewer, scorecard_version, evaluation_version, answer, criterion, human_score, ai_score, created_at}}`: every criterion where a submitted version and the AI's score (the latest completed evaluation then) differed by 2 or more, all versions kept.",
    ),
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
    description: markdown(
      "**Who:** as GET. **Body:** `{scores: [{answer, criterion, score?: 1-5 | null, note?: at most 1000 chars}], recommendation?, private_note?: at most 4000 chars}`; a draft may leave scores and the recommendation open.",
      "**200:** the scorecards view; saves the caller's draft until their first submission.",
      "**Refusals:** 409 `scorecard_submitted` after it (an edit is submitted as a new version); 409 `session_not_completed`; 400 `unknown_answer` (no such answer with criteria), `unknown_criterion`, `duplicate_criterion`, `no_criteria`; 422 `validation_error` for bad shapes (a score outside 1-5, a note too long).",
    ),
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
    description: markdown(
      "**Who:** as GET. **Body:** the draft's; every criterion of every answer with criteria scored 1-5, and a recommendation.",
      "**201:** the view (now `scores_visible: true`): the caller's next version (1, then 2, ...), kept whole in `scorecard_versions` with its disagreements with the AI, audited `SCORECARD_SUBMITTED` (version 1) or `SCORECARD_REVISED`. **200** when it repeats the latest version (nothing recorded). Concurrent submissions of one reviewer queue on the scorecard's row lock: versions never repeat.",
      "**Refusals:** 400 `scorecard_incomplete` (names the open criteria) or `recommendation_required`, plus the draft's refusals.",
    ),
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
    description: markdown(
      "**Who:** a TEAM_LEAD on their own interviews, HR, ADMIN; Bearer or the dashboard cookie.",
      "**200:** `{current, history[]}`, newest first (`current` is null before any decision), each `{id, decision, reason, decided_by {id, name, email}, created_at, email}`; `email` is the candidate's decision email or null: `{id, to, subject, status: queued | sending | sent | failed, transport: smtp | outbox, attempts, error, sent_at}`.",
    ),
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
    description: markdown(
      "**Who:** HR and ADMIN (403 for EMPLOYEE and TEAM_LEAD); Bearer or the dashboard cookie. **Body:** `{decision: advance | hold | reject, reason?: at most 2000 chars (required for hold and reject), notify_candidate?: false}`.",
      "**201:** `{changed: true, decision, email_job_id}`: a new decision row, audited `DECISION_MADE` (the first) or `DECISION_CHANGED` (`details {from, to, reason, email_id}`). With `notify_candidate` the candidate's email (the interview's template for the decision, filled in) is in the outbox and, with SMTP, on the `send-email` queue (`email_job_id`; null without SMTP, where it stays in the Outbox).",
      "**200:** `{changed: false, decision, email_job_id: null}` when it repeats the current decision and reason (nothing recorded).",
      "**Refusals:** 422 `reason_required`; 409 `session_not_completed`; 409 `no_candidate_email` (the invite has no address).",
    ),
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
    description: markdown(
      "**Who:** HR and ADMIN; Bearer or the dashboard cookie. No body.",
      "**202:** `{version, job_id}`: a new version of the AI evaluation is queued (older ones stay). Audited `EVALUATION_RERUN_REQUESTED`.",
      "**Refusals:** 409 `evaluation_off`, `session_not_completed`, `no_criteria`, `transcription_pending` or `evaluation_running`.",
    ),
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
