// POST /api/interviewer/sessions/{sessionId}/scorecards/mine/submit: submits the body as the caller's next scorecard
// version (201; 200 when it repeats the latest version, recording nothing). Audited. TEAM_LEAD (own interviews), HR,
// ADMIN; Bearer or the dashboard cookie.
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";
import { scorecardsView } from "@/lib/scorecards/queries";
import { ScorecardBody } from "@/lib/scorecards/schemas";
import { submitScorecard } from "@/lib/scorecards/write";

export const POST = authedApiRoute<{ sessionId: string }>(
  async (request, { auth, params }) => {
    const sessionId = uuidParam(params.sessionId, "Session");
    const body = parseOrThrow(ScorecardBody, await readJsonBody(request), "body");
    const { created } = await submitScorecard({ viewer: auth, sessionId, body, meta: requestMeta(request.headers) });
    return json(await scorecardsView({ viewer: auth, sessionId }), { status: created ? 201 : 200 });
  },
  { webSession: true, permission: "scorecards.write" },
);
