// POST /api/jobs/{id}/retry: HR and ADMIN. Puts a failed job of the caller's company back on its queue (audited).
import { z } from "zod";
import { getDb } from "@/db";
import { assertCan } from "@/lib/auth/permissions";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";
import { retryFailedJob } from "@/lib/jobs/failed";
import { toFailedJobJson } from "@/lib/jobs/serialize";

// The body is optional; a reason, when given, goes into the audit row.
const RetryBody = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() }).optional();

export const POST = authedApiRoute<{ id: string }>(async (request, { auth, params }) => {
  assertCan(auth.role, "jobs.manage");
  const jobId = uuidParam(params.id, "Job");
  const body = parseOrThrow(RetryBody, await readJsonBody(request), "body");
  const job = await retryFailedJob(await getDb(), { actor: auth, jobId, reason: body?.reason, meta: requestMeta(request.headers) });
  return json(toFailedJobJson(job, "retry"));
});
