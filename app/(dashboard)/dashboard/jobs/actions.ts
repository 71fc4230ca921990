"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { queueLabel } from "@/components/jobs/job-labels";
import { formAction } from "@/lib/http/server-action";
import { retryCompanyJob } from "@/lib/jobs/failed";

// HR and ADMIN retry a failed job of their company; lib/jobs/failed scopes it to the company and writes the audit row.

const JOBS_PATH = "/dashboard/jobs";

const RetryJobForm = z.object({ jobId: z.uuid("Unknown job") });

export const retryJobAction = formAction(RetryJobForm, "jobs.manage", async (data, { user, meta }) => {
  const job = await retryCompanyJob({ actor: user, jobId: data.jobId, meta });
  revalidatePath(JOBS_PATH);
  return `${queueLabel(job.queue)} job queued again.`;
});
