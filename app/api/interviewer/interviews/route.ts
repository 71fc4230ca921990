// GET /api/interviewer/interviews: any signed-in role (own company). POST: TEAM_LEAD, HR, ADMIN create one.
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";
import { InterviewsQuery } from "@/lib/interviews/list-query";
import { createInterview } from "@/lib/interviews/manage";
import { companyInterviews } from "@/lib/interviews/queries";
import { CreateInterviewBody, parseInterviewBody } from "@/lib/interviews/schemas";
import { toInterviewJson } from "@/lib/interviews/serialize";

export const GET = authedApiRoute(
  async (request, { auth }) => {
    const query = parseOrThrow(InterviewsQuery, Object.fromEntries(new URL(request.url).searchParams), "query");
    const { items, total } = await companyInterviews({ companyId: auth.companyId, ...query });
    return json(
      items.map((i) => toInterviewJson(i, { counts: i.counts })),
      { headers: { "x-total-count": String(total) } },
    );
  },
  { permission: "interviews.read" },
);

export const POST = authedApiRoute(async (request, { auth }) => {
  const data = parseInterviewBody(CreateInterviewBody, await readJsonBody(request));
  const { interview, questions } = await createInterview({ actor: auth, data, meta: requestMeta(request.headers) });
  return json(toInterviewJson(interview, { questions, counts: { invited: 0, started: 0, completed: 0 } }), {
    status: 201,
  });
});
