"use server";

import { z } from "zod";
import { formAction } from "@/lib/http/server-action";
import { retryCompanyJob } from "@/lib/jobs/failed";

// HR and ADMIN retry a failed transcription or evaluation from the session's review, as from the failed-jobs page:
// lib/jobs/failed scopes the job to their company and writes the audit row. (POST /api/jobs/{id}/retry is the same
// for API clients; it takes a Bearer token only, so the page calls the rule directly.)

const RetryJobForm = z.object({ jobId: z.uuid("Unknown job") });

export const retryAiJobAction = formAction(RetryJobForm, "jobs.manage", async (data, { user, meta }) => {
  await retryCompanyJob({ actor: user, jobId: data.jobId, meta });
  return "Queued again.";
});
