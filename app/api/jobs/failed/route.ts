// GET /api/jobs/failed?skip=0&limit=20: HR and ADMIN. The caller's company's failed background jobs, newest first.
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { PageQuery as ListQuery } from "@/lib/http/pagination";
import { parseOrThrow } from "@/lib/http/validation";
import { companyFailedJobs } from "@/lib/jobs/failed";
import { toFailedJobJson } from "@/lib/jobs/serialize";

export const GET = authedApiRoute(
  async (request, { auth }) => {
    const query = parseOrThrow(ListQuery, Object.fromEntries(new URL(request.url).searchParams), "query");
    const { items, total } = await companyFailedJobs({ companyId: auth.companyId, ...query });
    return json(
      items.map((job) => toFailedJobJson(job)),
      { headers: { "x-total-count": String(total) } },
    );
  },
  { permission: "jobs.manage" },
);
