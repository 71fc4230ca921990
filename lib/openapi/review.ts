import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { BoardQuery } from "@/lib/board/query";
import { PageQuery } from "@/lib/http/pagination";
import { FlagBody } from "@/lib/observation/flags";
import { ObservationBody } from "@/lib/observation/observation";
import { ReportQuery } from "@/lib/reports/schemas";
import { answerIndex, jsonBody, ok, operation, pathParams, totalCountHeader, type ErrorSpec } from "./common";
import { Analytics, Flag, SessionDetail, SessionSummary, StaffToken } from "./responses";

// Reviewing sessions: HR, ADMIN, and a TEAM_LEAD who owns the interview (own company); 404 for anyone else's.

const review: ErrorSpec[] = ["forbidden", "not_found", "bad_request"];
const body: ErrorSpec[] = ["validation_error", "unsupported_media_type", "payload_too_large"];
const interview = pathParams({ id: "The interview's id." });
export const sessionParam = pathParams({ sessionId: "The interview session's id." });

export function registerReview(registry: OpenAPIRegistry) {
  const tags = ["Review"];
  operation(registry, {
    method: "get",
    path: "/api/interviewer/interviews/{id}/sessions",
    operationId: "listSessions",
    tags,
    auth: "bearer",
    summary: "The interview's sessions, newest first",
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
    request: {
      params: interview,
      query: (BoardQuery.in as z.ZodObject).extend({ format: z.enum(["csv"]).optional() }),
    },
    responses: {
      200: {
        description: "The board (JSON) or its CSV export.",
        content: {
          "application/json": {
            schema: z.object({ items: z.array(z.object({}).passthrough()), total: z.number().int() }),
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
      request: {
        params: sessionParam.extend({ answer: answerIndex }),
        headers: z.object({ range: z.string().optional(), "if-none-match": z.string().optional() }),
      },
      responses: {
        200: {
          description: "The whole recording.",
          content: { "video/webm": { schema: z.string().meta({ format: "binary" }) } },
        },
        206: {
          description: "The requested byte range.",
          content: { "video/webm": { schema: z.string().meta({ format: "binary" }) } },
        },
        304: { description: "Not modified (ETag)." },
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
    request: { params: sessionParam, query: ReportQuery },
    responses: {
      200: {
        description: "The PDF.",
        content: { "application/pdf": { schema: z.string().meta({ format: "binary" }) } },
      },
    },
    errors: [...review, "session_not_completed", "validation_error"],
  });
}
