// GET /api/interviewer/interviews/{id}/sessions: HR, ADMIN, and a TEAM_LEAD who owns the interview (own company).
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { PageQuery as ListQuery } from "@/lib/http/pagination";
import { uuidParam } from "@/lib/http/params";
import { parseOrThrow } from "@/lib/http/validation";
import { toSessionSummaryJson } from "@/lib/review/serialize";
import { interviewSessionsPage } from "@/lib/review/sessions";

export const GET = authedApiRoute<{ id: string }>(
  async (request, { auth, params }) => {
    const interviewId = uuidParam(params.id, "Interview");
    const query = parseOrThrow(ListQuery, Object.fromEntries(new URL(request.url).searchParams), "query");
    const { items, total } = await interviewSessionsPage({ viewer: auth, interviewId, ...query });
    return json(items.map(toSessionSummaryJson), { headers: { "x-total-count": String(total) } });
  },
  { permission: "recordings.view" },
);
