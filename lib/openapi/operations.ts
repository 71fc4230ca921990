import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { PageQuery } from "@/lib/http/pagination";
import { RetryBody } from "@/lib/jobs/schemas";
import { jsonBody, markdown, ok, operation, pathParams, totalCountHeader } from "./common";
import { FailedJob } from "./responses";

// Operations: background jobs, health, and this reference itself.

export function registerOperations(registry: OpenAPIRegistry) {
  operation(registry, {
    method: "get",
    path: "/api/jobs/failed",
    operationId: "listFailedJobs",
    tags: ["Jobs"],
    auth: "bearer",
    summary: "The company's failed background jobs, newest first (HR, ADMIN)",
    description: markdown(
      "**Who:** HR and ADMIN (403 for EMPLOYEE and TEAM_LEAD). **Query:** `skip >= 0`, `1 <= limit <= 100`.",
      '**200:** `[{id, queue, state: "failed", payload, error, retry_count, created_at, failed_at}]`, most recent failure first, the total in `X-Total-Count`. `error` is the first line of the last failure, never a stack. 422 `validation_error` for bad paging.',
    ),
    request: { query: PageQuery },
    responses: { 200: { ...ok("A page of failed jobs.", z.array(FailedJob)), headers: totalCountHeader } },
    errors: ["forbidden", "validation_error"],
  });
  operation(registry, {
    method: "post",
    path: "/api/jobs/{id}/retry",
    operationId: "retryJob",
    tags: ["Jobs"],
    auth: "bearer",
    summary: "Puts a failed job back on its queue (HR, ADMIN; audited)",
    description: markdown(
      "**Who:** HR and ADMIN. **Body (optional):** `{reason?: 1-500 chars}`, kept in the audit row.",
      '**200:** the job with `state: "retry"`: back on its queue for one more attempt. Audited `JOB_RETRIED`.',
      "**Refusals:** 404 `not_found` (unknown, not a UUID, or another company's); 409 `job_not_failed` when it is not failed; 422 `validation_error` for other fields.",
    ),
    request: { params: pathParams({ id: "The job's id." }), body: jsonBody(RetryBody.unwrap(), "Optional.") },
    responses: { 200: ok("The job, now to be retried.", FailedJob) },
    errors: ["forbidden", "not_found", "job_not_failed", "validation_error", "bad_request", "unsupported_media_type"],
  });
  const health = z.object({
    status: z.enum(["healthy", "unhealthy"]),
    checks: z.object({
      database: z.object({ status: z.enum(["ok", "error"]) }),
      cache: z.object({ status: z.enum(["ok", "error"]) }),
    }),
  });
  operation(registry, {
    method: "get",
    path: "/health",
    operationId: "health",
    tags: ["Operations"],
    auth: "public",
    summary: "200 when the database and the cache answer, 503 otherwise (for load balancers)",
    description: markdown(
      "**Who:** anyone (load balancers, the container's health check).",
      '**200:** `{"status": "healthy", "checks": {"database": {"status": "ok"}, "cache": {"status": "ok"}}}`. **503:** `unhealthy`, with `"error"` as the failing check\'s status. Status words only: why a dependency is down (host, port, driver message) goes to the server log as `health.check_failed`.',
    ),
    responses: { 200: ok("Healthy.", health), 503: ok("Unhealthy: a dependency does not answer.", health) },
  });
  const reference = ["Reference"];
  operation(registry, {
    method: "get",
    path: "/api/openapi.json",
    operationId: "openapiDocument",
    tags: reference,
    auth: "public",
    summary: "This OpenAPI 3.1 document",
    description:
      "**Who:** anyone. **200:** this document as JSON, generated from the zod schemas the routes parse with (lib/openapi), built once per process. For client generators and tools.",
    responses: { 200: ok("The document.", z.object({}).passthrough()) },
  });
  operation(registry, {
    method: "get",
    path: "/api/docs",
    operationId: "apiDocs",
    tags: reference,
    auth: "public",
    summary: "The API reference (Swagger UI, served locally)",
    description:
      "**Who:** anyone. **200:** an HTML page rendering /api/openapi.json with Swagger UI, served by the app itself (the CSP forbids CDNs, and machines may be offline).",
    responses: { 200: { description: "The page.", content: { "text/html": { schema: z.string() } } } },
  });
  operation(registry, {
    method: "get",
    path: "/api/docs/{asset}",
    operationId: "apiDocsAsset",
    tags: reference,
    auth: "public",
    summary: "The reference page's scripts and styles",
    description: "**Who:** anyone. **200:** one of the page's files (from `swagger-ui-dist`); any other name is 404.",
    request: { params: z.object({ asset: z.enum(["swagger-ui-bundle.js", "swagger-ui.css", "init.js"]) }) },
    responses: {
      200: {
        description: "The file.",
        content: { "text/javascript": { schema: z.string() }, "text/css": { schema: z.string() } },
      },
    },
    errors: ["not_found"],
  });
  operation(registry, {
    method: "options",
    path: "/api/cors-preflight/{path}",
    operationId: "corsPreflight",
    tags: ["Operations"],
    auth: "public",
    summary: "CORS preflight for any JSON API path (CORS_ORIGINS)",
    description: markdown(
      "**Who:** browsers. Every `OPTIONS` request to `/api/...` that carries `Access-Control-Request-Method` is rewritten here (next.config.ts), `{path}` being the rest of the original path; clients call the original path, never this one.",
      "**204:** when `Origin` is in `CORS_ORIGINS` and the path is the JSON API (not the candidate routes, Auth.js, the LiveKit webhook or the docs page): `Access-Control-Allow-Origin` (the origin; `*` when CORS_ORIGINS is `*`), `Access-Control-Allow-Credentials: true` for listed origins only (never with `*`), `Access-Control-Allow-Methods`, `Access-Control-Allow-Headers` (Authorization, Content-Type, X-Request-Id), `Access-Control-Max-Age: 600`, `Vary: Origin`. Otherwise 204 with no `Access-Control-Allow-*` header, so the browser refuses the request. Actual responses of an allowed origin carry the same `Access-Control-Allow-Origin` (and credentials) plus `Access-Control-Expose-Headers`.",
    ),
    request: { params: pathParams({ path: "The original path after /api/." }) },
    responses: { 204: { description: "The preflight's answer (granted or not, see above)." } },
  });
}
