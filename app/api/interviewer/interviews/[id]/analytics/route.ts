// GET /api/interviewer/interviews/{id}/analytics: HR, ADMIN, and a TEAM_LEAD who owns the interview (own company).
// The funnel, time to complete, completion by invite age, score distributions and AI-human agreement (lib/analytics).
import { interviewAnalyticsReport } from "@/lib/analytics/queries";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { uuidParam } from "@/lib/http/params";

export const GET = authedApiRoute<{ id: string }>(
  async (_request, { auth, params }) => {
    const interviewId = uuidParam(params.id, "Interview");
    return json(await interviewAnalyticsReport({ viewer: auth, interviewId }));
  },
  { webSession: true, permission: "recordings.view" },
);
