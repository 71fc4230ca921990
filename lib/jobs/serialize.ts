import type { FailedJob } from "./failed";

/** A failed job as the API shows it (snake_case, ISO-8601 UTC). */
export function toFailedJobJson(job: FailedJob, state: "failed" | "retry" = "failed") {
  return {
    id: job.id,
    queue: job.queue,
    state,
    payload: job.payload,
    error: job.error,
    retry_count: job.retryCount,
    created_at: job.createdAt.toISOString(),
    failed_at: job.failedAt.toISOString(),
  };
}
