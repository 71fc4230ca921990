import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { InterviewsQuery } from "@/lib/interviews/list-query";
import { CreateInterviewBody, UpdateInterviewBody } from "@/lib/interviews/schemas";
import { type ErrorSpec, jsonBody, markdown, ok, operation, pathParams, totalCountHeader } from "./common";
import { Interview } from "./responses";

const body: ErrorSpec[] = [
  "validation_error",
  "invalid_rubric",
  "bad_request",
  "unsupported_media_type",
  "payload_too_large",
];
const id = pathParams({ id: "The interview's id." });

export function registerInterviews(registry: OpenAPIRegistry) {
  const tags = ["Interviews"];
  operation(registry, {
    method: "get",
    path: "/api/interviewer/interviews",
    operationId: "listInterviews",
    tags,
    auth: "bearer",
    summary: "The company's interviews, newest first (any staff role)",
    description: markdown(
      "**Who:** any staff role, the caller's company only. **Query:** `skip`, `limit` (1-100), optional `status` (`draft`, `active`, `archived`).",
      "**200:** one page of interviews, newest first, each with `counts {invited, started, completed}` (no questions); the total in `X-Total-Count`. 422 `validation_error` for a bad query.",
    ),
    request: { query: InterviewsQuery },
    responses: { 200: { ...ok("A page of interviews (with counts).", z.array(Interview)), headers: totalCountHeader } },
    errors: ["forbidden", "validation_error"],
  });
  operation(registry, {
    method: "post",
    path: "/api/interviewer/interviews",
    operationId: "createInterview",
    tags,
    auth: "bearer",
    summary: "Creates an interview (TEAM_LEAD, HR, ADMIN)",
    description: markdown(
      "**Who:** TEAM_LEAD, HR, ADMIN (403 for EMPLOYEE).",
      '**Body:** `{title, position?, description?, questions: [{text, time_limit_seconds? = 120, think_time_seconds?, criteria?}], competencies? (at most 8 `{name, description}`), retakes_allowed? = 0, resume_grace_minutes? = 15, practice_question? = true, status? = "active", blind_review? = true, decision_emails?, reminder_offsets_hours? = [24]}`. A question\'s `criteria` is 0, or 1-6 criteria `{name, good, anchors: {"1", "3", "5"}}` with unique names.',
      "**Review settings:** `blind_review` (default true) hides others' scores and the AI's from a reviewer until they submit their own scorecard. `decision_emails` is `{advance?, hold?, reject?}`, each `{subject (1-200 chars), body (1-5000 chars)}` or null; a decision left out uses the default text. Placeholders: `{{candidate_name}}`, `{{interview_title}}`, `{{company_name}}`; any other is 422 naming the field.",
      "**Reminders:** `reminder_offsets_hours` lists 0-5 different whole numbers of hours (1-720) before an invite's expiry at which a candidate who has not started gets a reminder with their same link (`[]`: none); anything else is 422 `validation_error` naming the field.",
      "**201:** the interview with its ordered `questions` (and their `criteria`) and `competencies`. Audited `INTERVIEW_CREATED`.",
      "**Refusals:** 400 `invalid_rubric` naming the field path when only the rubric (criteria, anchors, competencies) is wrong; 422 `validation_error` for other fields.",
    ),
    request: { body: jsonBody(CreateInterviewBody) },
    responses: { 201: ok("The interview, with its questions.", Interview) },
    errors: ["forbidden", ...body],
  });
  operation(registry, {
    method: "get",
    path: "/api/interviewer/interviews/{id}",
    operationId: "getInterview",
    tags,
    auth: "bearer",
    summary: "One interview with its questions and counts (any staff role, own company)",
    description: markdown(
      "**Who:** any staff role of the interview's company. Another company's id, or an id that is not a UUID, is 404.",
      "**200:** the interview with its questions (and criteria), `counts {invited, started, completed}`, `blind_review` and `decision_emails` (only the decisions with their own template).",
    ),
    request: { params: id },
    responses: { 200: ok("The interview.", Interview) },
    errors: ["forbidden", "not_found", "bad_request"],
  });
  operation(registry, {
    method: "patch",
    path: "/api/interviewer/interviews/{id}",
    operationId: "updateInterview",
    tags,
    auth: "bearer",
    summary: "Updates an interview (who manages it); `questions` replaces the list",
    description: markdown(
      "**Who:** who manages the interview: HR and ADMIN every interview of their company, a TEAM_LEAD only the ones they created (403 otherwise); EMPLOYEE reads only.",
      "**Body:** any fields of the create body. `questions` replaces the ordered list with their criteria (a question sent without `criteria` has none); `competencies` left out stay; `decision_emails` replaces the set.",
      "**200:** the interview with its questions. Audited `INTERVIEW_UPDATED`. 400 `invalid_rubric` and 422 `validation_error` as on create.",
    ),
    request: { params: id, body: jsonBody(UpdateInterviewBody) },
    responses: { 200: ok("The interview.", Interview) },
    errors: ["forbidden", "not_found", "conflict", ...body],
  });
  operation(registry, {
    method: "delete",
    path: "/api/interviewer/interviews/{id}",
    operationId: "archiveInterview",
    tags,
    auth: "bearer",
    summary: "Archives an interview (who manages it)",
    description: markdown(
      "**Who:** who manages the interview (as PATCH).",
      "**200:** the interview, now `archived`. Its invites and sessions stay; new starts are refused (`interview_closed`). Audited `INTERVIEW_ARCHIVED`.",
    ),
    request: { params: id },
    responses: { 200: ok("The archived interview.", Interview) },
    errors: ["forbidden", "not_found", "bad_request"],
  });
}
