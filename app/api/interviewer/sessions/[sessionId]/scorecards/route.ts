// GET /api/interviewer/sessions/{sessionId}/scorecards: the caller's scorecard (draft included) and, once scores are
// visible to them (blind review), the other reviewers' submitted ones and the disagreements with the AI. TEAM_LEAD
// (own interviews), HR, ADMIN; Bearer or the dashboard cookie.
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { uuidParam } from "@/lib/http/params";
import { scorecardsView } from "@/lib/scorecards/queries";

export const GET = authedApiRoute<{ sessionId: string }>(
  async (_request, { auth, params }) =>
    json(await scorecardsView({ viewer: auth, sessionId: uuidParam(params.sessionId, "Session") })),
  { webSession: true, permission: "recordings.view" },
);
