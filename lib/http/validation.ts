import type { z } from "zod";
import { AppError, type ValidationIssue } from "@/lib/errors";

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** zod issues in FastAPI's shape: `[{loc: ["body", "email"], msg, type}]`. */
export function toValidationIssues(error: z.ZodError, data: unknown, location: string): ValidationIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
    const missing = issue.code === "invalid_type" && valueAt(data, issue.path) === undefined;
    return {
      loc: [location, ...path],
      msg: missing ? "Field required" : issue.message,
      type: missing ? "missing" : issue.code,
    };
  });
}

/** Parses `data` or throws a 422 AppError whose issues point at `location` ("body", "query", ...). */
export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown, location: string): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new AppError("VALIDATION", "Validation error", { issues: toValidationIssues(result.error, data, location) });
}
