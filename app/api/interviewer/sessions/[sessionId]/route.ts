// GET /api/interviewer/sessions/{sessionId}: HR, ADMIN, and a TEAM_LEAD who owns the session's interview (own company).
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { uuidParam } from "@/lib/http/params";
import { toSessionDetailJson } from "@/lib/review/serialize";
import { reviewSessionDetail } from "@/lib/review/sessions";

export const GET = authedApiRoute<{ sessionId: string }>(
  async (_request, { auth, params }) => {
    const sessionId = uuidParam(params.sessionId, "Session");
    return json(toSessionDetailJson(await reviewSessionDetail({ viewer: auth, sessionId })));
  },
  { permission: "recordings.view" },
);
