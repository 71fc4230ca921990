import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { PageQuery } from "@/lib/http/pagination";
import { RetryBody } from "@/lib/jobs/schemas";
import { jsonBody, ok, operation, pathParams, totalCountHeader } from "./common";
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
    responses: { 200: ok("The document.", z.object({}).passthrough()) },
  });
  operation(registry, {
    method: "get",
    path: "/api/docs",
    operationId: "apiDocs",
    tags: reference,
    auth: "public",
    summary: "The API reference (Swagger UI, served locally)",
    responses: { 200: { description: "The page.", content: { "text/html": { schema: z.string() } } } },
  });
  operation(registry, {
    method: "get",
    path: "/api/docs/{asset}",
    operationId: "apiDocsAsset",
    tags: reference,
    auth: "public",
    summary: "The reference page's scripts and styles",
    request: { params: z.object({ asset: z.enum(["swagger-ui-bundle.js", "swagger-ui.css", "init.js"]) }) },
    responses: {
      200: {
        description: "The file.",
        content: { "text/javascript": { schema: z.string() }, "text/css": { schema: z.string() } },
      },
    },
    errors: ["not_found"],
  });
}
