// POST /api/jobs/{id}/retry: HR and ADMIN. Puts a failed job of the caller's company back on its queue (audited).
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";
import { retryCompanyJob } from "@/lib/jobs/failed";
import { RetryBody } from "@/lib/jobs/schemas";
import { toFailedJobJson } from "@/lib/jobs/serialize";

export const POST = authedApiRoute<{ id: string }>(
  async (request, { auth, params }) => {
    const jobId = uuidParam(params.id, "Job");
    const body = parseOrThrow(RetryBody, await readJsonBody(request), "body");
    const job = await retryCompanyJob({ actor: auth, jobId, reason: body?.reason, meta: requestMeta(request.headers) });
    return json(toFailedJobJson(job, "retry"));
  },
  { permission: "jobs.manage" },
);
