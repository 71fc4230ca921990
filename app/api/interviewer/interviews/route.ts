// GET /api/interviewer/interviews: any signed-in role (own company). POST: TEAM_LEAD, HR, ADMIN create one.
import { z } from "zod";
import { getDb } from "@/db";
import { INTERVIEW_STATUSES } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";
import { createInterview } from "@/lib/interviews/manage";
import { listInterviews } from "@/lib/interviews/queries";
import { CreateInterviewBody, parseInterviewBody } from "@/lib/interviews/schemas";
import { toInterviewJson } from "@/lib/interviews/serialize";

const ListQuery = z.object({
  skip: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  status: z.enum(INTERVIEW_STATUSES).optional(),
});

export const GET = authedApiRoute(async (request, { auth }) => {
  assertCan(auth.role, "interviews.read");
  const query = parseOrThrow(ListQuery, Object.fromEntries(new URL(request.url).searchParams), "query");
  const { items, total } = await listInterviews(await getDb(), { companyId: auth.companyId, ...query });
  return json(
    items.map((i) => toInterviewJson(i, { counts: i.counts })),
    { headers: { "x-total-count": String(total) } },
  );
});

export const POST = authedApiRoute(async (request, { auth }) => {
  const data = parseInterviewBody(CreateInterviewBody, await readJsonBody(request));
  const { interview, questions } = await createInterview({ actor: auth, data, meta: requestMeta(request.headers) });
  return json(toInterviewJson(interview, { questions, counts: { invited: 0, started: 0, completed: 0 } }), { status: 201 });
});
