import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { BoardQuery } from "@/lib/board/query";
import { PageQuery } from "@/lib/http/pagination";
import { FlagBody } from "@/lib/observation/flags";
import { ObservationBody } from "@/lib/observation/observation";
import { ReportQuery } from "@/lib/reports/schemas";
import {
  answerIndex,
  headers,
  jsonBody,
  markdown,
  ok,
  operation,
  pathParams,
  totalCountHeader,
  type ErrorSpec,
} from "./common";
import { Analytics, BoardRow, Flag, SessionDetail, SessionSummary, StaffToken } from "./responses";

// Reviewing sessions: HR, ADMIN, and a TEAM_LEAD who owns the interview (own company); 404 for anyone else's.

const review: ErrorSpec[] = ["forbidden", "not_found", "bad_request"];
const body: ErrorSpec[] = ["validation_error", "unsupported_media_type", "payload_too_large"];
const interview = pathParams({ id: "The interview's id." });
export const sessionParam = pathParams({ sessionId: "The interview session's id." });

const video = {
  "video/webm": { schema: z.string().meta({ format: "binary" }) },
  "video/mp4": { schema: z.string().meta({ format: "binary" }) },
};
const media = {
  "Content-Disposition": {
    description: '`inline; filename="answer-N.webm"` (N counts from 1; `.mp4` for an MP4 recording).',
    schema: { type: "string" as const },
  },
  "Cache-Control": { description: "`private, max-age=0, must-revalidate`.", schema: { type: "string" as const } },
  ETag: { description: "The recording's SHA-256.", schema: { type: "string" as const } },
  "Accept-Ranges": { description: "`bytes`.", schema: { type: "string" as const } },
};

export function registerReview(registry: OpenAPIRegistry) {
  const tags = ["Review"];
  operation(registry, {
    method: "get",
    path: "/api/interviewer/interviews/{id}/sessions",
    operationId: "listSessions",
    tags,
    auth: "bearer",
    summary: "The interview's sessions, newest first",
    description: markdown(
      "**Who:** a TEAM_LEAD on their own interviews, HR, ADMIN. **Query:** `skip`, `limit` (1-100).",
      "**200:** one page of `{id, candidate_name, candidate_email, status, attempt_number, started_at, ended_at, duration_ms, answers_ready, question_count, live, current_question}`, newest first, the total in `X-Total-Count`. `live`: in progress and the candidate is in the LiveKit room or was active in the last 2 minutes.",
    ),
    request: { params: interview, query: PageQuery },
    responses: { 200: { ...ok("A page of sessions.", z.array(SessionSummary)), headers: totalCountHeader } },
    errors: [...review, "validation_error"],
  });
  operation(registry, {
    method: "get",
    path: "/api/interviewer/interviews/{id}/board",
    operationId: "getBoard",
    tags,
    auth: "bearerOrCookie",
    summary: "The ranked board as `{items, total}`; all of it as CSV with `Accept: text/csv` or `format=csv` (audited)",
    description: markdown(
      "**Who:** a TEAM_LEAD on their own interviews, HR, ADMIN; Bearer or the dashboard cookie.",
      "**Query:** `sort`: `candidate | ai_score | human_score | review_count | decision | completed_at` (default `ai_score`); `order`: `asc | desc` (default: best first, names A-Z, newest completed first); `decision`: `advance | hold | reject | none`; `review`: `all | unreviewed | reviewed | needs_my_review`; `skip` (0); `limit` (1-100, default 50).",
      "**200:** `{items, total}`: one row per candidate (invite), their latest completed attempt. `ai_score` is the latest completed evaluation's overall score, `human_score` the mean of the submitted scorecards. Sorted with missing values last both ways, ties by earliest completed then session id. `needs_my_review`: the caller has not submitted and nothing is decided.",
      "**Blind review:** where the caller has not submitted a scorecard, `ai_score` and `human_score` are null, `scores_hidden` is true, and the order does not depend on them.",
      "**CSV:** `Accept: text/csv` (or `format=csv`) answers the whole filtered, sorted board as CSV (no pagination; cells that look like formulae are escaped; `Content-Disposition` names the file). Audited `BOARD_EXPORTED`.",
      "**Refusals:** 422 `validation_error` for a bad query.",
    ),
    request: {
      params: interview,
      query: (BoardQuery.in as z.ZodObject).extend({ format: z.enum(["csv"]).optional() }),
    },
    responses: {
      200: {
        description: "The board (JSON) or its CSV export.",
        headers: headers.attachment("board-<interview-title>-<YYYY-MM-DD>.csv"),
        content: {
          "application/json": {
            schema: z.object({ items: z.array(BoardRow), total: z.number().int() }),
          },
          "text/csv": { schema: z.string() },
        },
      },
    },
    errors: [...review, "validation_error"],
  });
  operation(registry, {
    method: "get",
    path: "/api/interviewer/interviews/{id}/analytics",
    operationId: "getInterviewAnalytics",
    tags: ["Analytics"],
    auth: "bearerOrCookie",
    summary: "The interview's analytics",
    description: markdown(
      "**Who:** a TEAM_LEAD on their own interviews, HR, ADMIN; Bearer or the dashboard cookie.",
      '**200:** `scope: "interview"`. The funnel counts invites, each at every step up to the furthest it reached (opened: the landing page\'s first visit stamps `opened_at`; reviewed: a submitted scorecard; decided: a decision); `conversion` is the share of the previous step. Completion by invite age buckets invites by whole days of age (database clock).',
      "**Scores:** the AI's overall score of each completed session's latest completed evaluation and each submitted scorecard's, rounded to the nearest point. **Agreement** per criterion: each submitted scorecard's score of an (answer, criterion) against the latest completed evaluation's; `within_one` is the share within 1 point, `kappa` Cohen's kappa with quadratic weights (null, \"not enough data\", without pairs or when either side gave one score throughout).",
      "**Blind review holds:** sessions whose scores the caller may not see yet count in neither scores nor agreement (`scores_hidden_sessions` says how many).",
    ),
    request: { params: interview },
    responses: { 200: ok("The figures.", Analytics) },
    errors: review,
  });
  operation(registry, {
    method: "get",
    path: "/api/interviewer/analytics",
    operationId: "getCompanyAnalytics",
    tags: ["Analytics"],
    auth: "bearerOrCookie",
    summary: "The company's analytics across every interview (HR, ADMIN)",
    description: markdown(
      "**Who:** HR and ADMIN; Bearer or the dashboard cookie (403 for other roles).",
      "**200:** the same figures as an interview's analytics, over every interview of the caller's company (`scope: \"company\"`, `interview: null`).",
    ),
    responses: { 200: ok("The figures.", Analytics) },
    errors: ["forbidden"],
  });
  operation(registry, {
    method: "get",
    path: "/api/interviewer/sessions/{sessionId}",
    operationId: "getSession",
    tags,
    auth: "bearer",
    summary: "One session: answers, recordings, consent, flags, relay activity and the AI's work",
    description: markdown(
      "**Who:** a TEAM_LEAD on their own interviews, HR, ADMIN.",
      "**200:** the session's summary fields (without `answers_ready`) plus `interview_id`, `interview_title`, `last_activity_at`; `answers[]` (the question, and its `recording {status, mime_type, size_bytes, sha256, duration_ms, ready_at, take, retakes_used, url}` or null); `consent` (the one in force at the start); `receipt`; `flags` (with `position_ms` in their answer's recording); `candidate_in_room` (from the relay's webhooks; null in local mode); `relay_activity[] {event, at, actor: candidate | observer | room, track_source}` (what the live relay reported, oldest first, at most 200); and `ai`.",
      '**`ai`:** `{advisory: true, scores_hidden, transcription_enabled, evaluation_enabled, answers[] {answer, has_criteria, transcription {state, job_id, error}, transcript}, evaluation {state, job_id, error}, evaluations[]}` (newest first, each `{version, status, requested_by, model, prompt_version, input_tokens, output_tokens, latency_ms, cost_usd, error, created_at, completed_at, summary, answers[] {answer, criteria[]}}`). A criterion is `{criterion, status: "scored", score, evidence[] {text, start, end}, rationale}`, `{criterion, status: "insufficient_evidence", rationale}` or `{criterion, status: "unverifiable", reason}`. `state` is queued, running, retrying, failed (with the `job_id` to retry), done, off, waiting, no_criteria (evaluation) or no_recording (transcription).',
      "**Blind review:** `ai.scores_hidden` is true while the caller has not submitted a scorecard of the session on a blind interview; every version then has `summary: null` and `answers: []` (no scores, evidence or rationales; transcripts and job states stay).",
    ),
    request: { params: sessionParam },
    responses: { 200: ok("The session.", SessionDetail) },
    errors: review,
  });
  for (const method of ["get", "head"] as const) {
    operation(registry, {
      method,
      path: "/api/interviewer/sessions/{sessionId}/recordings/{answer}",
      operationId: method === "get" ? "streamRecording" : "headRecording",
      tags,
      auth: "bearerOrCookie",
      summary: "Streams the answer's ready recording, with Range support",
      description: markdown(
        "**Who:** a TEAM_LEAD on their own interviews, HR, ADMIN; Bearer or the dashboard cookie (so `<video>` can play it). **Headers:** `Range: bytes=a-b | a- | -n`; `If-None-Match`, `If-Range` (the ETag is the SHA-256).",
        '**200:** the whole file (several ranges get the whole file too); **206** the range, with `Content-Range`; 416 `range_not_satisfiable` with `Content-Range: bytes */<size>`; 404 `not_found` while not ready. Every answer carries `Content-Disposition: inline; filename="answer-N.webm"` (N counts from 1, `.mp4` for MP4), `Cache-Control: private, max-age=0, must-revalidate` and the `ETag`.',
      ),
      request: {
        params: sessionParam.extend({ answer: answerIndex }),
        headers: z.object({
          range: z.string().optional(),
          "if-none-match": z.string().optional(),
          "if-range": z.string().optional(),
        }),
      },
      responses: {
        200: {
          description: "The whole recording.",
          headers: media,
          content: video,
        },
        206: {
          description: "The requested byte range.",
          headers: { ...media, "Content-Range": { description: "`bytes a-b/size`.", schema: { type: "string" } } },
          content: video,
        },
        304: { description: "Not modified (`If-None-Match` matched the ETag)." },
        416: {
          description: "`range_not_satisfiable`: the range lies outside the recording.",
          headers: { "Content-Range": { description: "`bytes */size`.", schema: { type: "string" } } },
          content: {
            "application/json": { schema: z.object({ detail: z.string(), code: z.literal("range_not_satisfiable") }) },
          },
        },
      },
      errors: [...review, "range_not_satisfiable"],
    });
  }
  operation(registry, {
    method: "get",
    path: "/api/interviewer/sessions/{sessionId}/flags",
    operationId: "listFlags",
    tags: ["Observation"],
    auth: "bearerOrCookie",
    summary: "Observers' timestamped notes on a session",
    description: markdown(
      "**Who:** a TEAM_LEAD on their own interviews, HR, ADMIN; Bearer or the dashboard cookie. **200:** `[{id, answer, note, created_at, author}]`, oldest first.",
    ),
    request: { params: sessionParam },
    responses: { 200: ok("The flags.", z.array(Flag)) },
    errors: review,
  });
  operation(registry, {
    method: "post",
    path: "/api/interviewer/sessions/{sessionId}/flags",
    operationId: "addFlag",
    tags: ["Observation"],
    auth: "bearerOrCookie",
    summary: "Adds a flag to a session in progress (audited)",
    description: markdown(
      "**Who:** as GET. **Body:** `{note}` (1-500 chars).",
      "**201:** the flag, placed on the question the candidate is on. Audited `OBSERVATION_FLAGGED`. 409 `conflict` once the session is not in progress.",
    ),
    request: { params: sessionParam, body: jsonBody(FlagBody) },
    responses: { 201: ok("The flag.", Flag) },
    errors: [...review, "conflict", ...body],
  });
  operation(registry, {
    method: "post",
    path: "/api/interviewer/sessions/{sessionId}/observation",
    operationId: "recordObservation",
    tags: ["Observation"],
    auth: "bearerOrCookie",
    summary:
      "`started` audits a silent observation and answers a hidden, subscribe-only LiveKit token; `stopped` audits its end",
    description: markdown(
      '**Who:** a TEAM_LEAD on their own interviews, HR, ADMIN; Bearer or the dashboard cookie. **Body:** `{event: "started" | "stopped"}`.',
      "**200:** `started` answers `{event, livekit: {token, server_url, room_name, identity, expires_at}}`, a hidden, subscribe-only token for the session's room (409 `conflict` when the session is not in progress); `stopped` answers `{event}`. Audited `OBSERVATION_STARTED` and `OBSERVATION_STOPPED`.",
    ),
    request: { params: sessionParam, body: jsonBody(ObservationBody) },
    responses: {
      200: ok(
        "For `started`, the join details; for `stopped`, the event.",
        z.union([
          z.object({ event: z.literal("started"), livekit: StaffToken }),
          z.object({ event: z.literal("stopped") }),
        ]),
      ),
    },
    errors: [...review, "conflict", ...body],
  });
  operation(registry, {
    method: "get",
    path: "/api/interviewer/sessions/{sessionId}/report",
    operationId: "exportReport",
    tags,
    auth: "bearerOrCookie",
    summary: "The candidate report as a PDF download (audited; blind review applies)",
    description: markdown(
      "**Who:** a TEAM_LEAD on their own interviews, HR, ADMIN; Bearer or the dashboard cookie. **Query:** `tz` (an IANA zone, default `UTC`): the zone the report's times print in, named beside them (the dashboard's link sends the browser's).",
      "**200:** `application/pdf` with `Content-Disposition: attachment; filename=\"<Candidate-Name>-report.pdf\"` (ASCII). The candidate report on A4: interview and position, candidate, attempt and its times, the newest decision with its reason, by whom and when, each reviewer's recommendation, the AI's summary (strengths, concerns, what it could not score), and per question each criterion's AI score (latest completed evaluation), each submitted scorecard's score by reviewer and their mean, and the AI's evidence quotes with their `mm:ss` in the answer's recording; \"Page n of m\", the time it was generated and \"AI scores are advice; people decide.\" on every page. Names outside Latin-1 print in an embedded font (Latin, Greek, Cyrillic; a character it lacks, e.g. CJK, prints as `?`). Audited `REPORT_EXPORTED` with `details {scores_visible, decision}`.",
      "**Blind review:** for a caller who has not submitted on a blind interview the PDF holds no AI scores, evidence or summary and no reviewer's scores or recommendations, and says why.",
      "**Refusals:** 409 `session_not_completed` (no report before the attempt ends); 422 `validation_error` for an unknown `tz`.",
    ),
    request: { params: sessionParam, query: ReportQuery },
    responses: {
      200: {
        description: "The PDF.",
        headers: headers.attachment("<Candidate-Name>-report.pdf"),
        content: { "application/pdf": { schema: z.string().meta({ format: "binary" }) } },
      },
    },
    errors: [...review, "session_not_completed", "validation_error"],
  });
}
