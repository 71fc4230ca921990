// PUT /api/interviewer/sessions/{sessionId}/scorecards/mine: saves the caller's draft scorecard (until their first
// submission; 409 `scorecard_submitted` after). TEAM_LEAD (own interviews), HR, ADMIN; Bearer or the dashboard cookie.
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { uuidParam } from "@/lib/http/params";
import { parseOrThrow } from "@/lib/http/validation";
import { scorecardsView } from "@/lib/scorecards/queries";
import { ScorecardBody } from "@/lib/scorecards/schemas";
import { saveDraft } from "@/lib/scorecards/write";

export const PUT = authedApiRoute<{ sessionId: string }>(
  async (request, { auth, params }) => {
    const sessionId = uuidParam(params.sessionId, "Session");
    const body = parseOrThrow(ScorecardBody, await readJsonBody(request), "body");
    await saveDraft({ viewer: auth, sessionId, body });
    return json(await scorecardsView({ viewer: auth, sessionId }));
  },
  { webSession: true, permission: "scorecards.write" },
);
