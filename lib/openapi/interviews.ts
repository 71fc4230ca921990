import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { InterviewsQuery } from "@/lib/interviews/list-query";
import { CreateInterviewBody, UpdateInterviewBody } from "@/lib/interviews/schemas";
import { jsonBody, ok, operation, pathParams, totalCountHeader, type ErrorSpec } from "./common";
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
    request: { params: id },
    responses: { 200: ok("The archived interview.", Interview) },
    errors: ["forbidden", "not_found", "bad_request"],
  });
}
