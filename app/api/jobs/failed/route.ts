// GET /api/jobs/failed?skip=0&limit=20: HR and ADMIN. The caller's company's failed background jobs, newest first.
import { z } from "zod";
import { getDb } from "@/db";
import { assertCan } from "@/lib/auth/permissions";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { parseOrThrow } from "@/lib/http/validation";
import { listFailedJobs } from "@/lib/jobs/failed";
import { toFailedJobJson } from "@/lib/jobs/serialize";

const ListQuery = z.object({
  skip: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const GET = authedApiRoute(async (request, { auth }) => {
  assertCan(auth.role, "jobs.manage");
  const query = parseOrThrow(ListQuery, Object.fromEntries(new URL(request.url).searchParams), "query");
  const { items, total } = await listFailedJobs(await getDb(), { companyId: auth.companyId, ...query });
  return json(items.map((job) => toFailedJobJson(job)), { headers: { "x-total-count": String(total) } });
});
