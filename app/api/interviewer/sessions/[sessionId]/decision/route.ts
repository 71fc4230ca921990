// GET /api/interviewer/sessions/{sessionId}/decision: HR, ADMIN, and a TEAM_LEAD who owns the interview (the decision
// and its history). POST: HR and ADMIN decide `{decision, reason?, notify_candidate?}`; 201 with the new decision
// (200 and `changed: false` when it repeats the current one); 409 `session_not_completed` or `no_candidate_email`,
// 422 `reason_required`. Audited (DECISION_MADE, then DECISION_CHANGED).
import { decideSession } from "@/lib/decisions/decide";
import { sessionDecisions } from "@/lib/decisions/queries";
import { DecisionBody } from "@/lib/decisions/schemas";
import { toDecisionsJson } from "@/lib/decisions/serialize";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";

export const GET = authedApiRoute<{ sessionId: string }>(
  async (_request, { auth, params }) => {
    const sessionId = uuidParam(params.sessionId, "Session");
    return json(toDecisionsJson(await sessionDecisions({ viewer: auth, sessionId })));
  },
  { webSession: true, permission: "recordings.view" },
);

export const POST = authedApiRoute<{ sessionId: string }>(
  async (request, { auth, params }) => {
    const sessionId = uuidParam(params.sessionId, "Session");
    const body = parseOrThrow(DecisionBody, await readJsonBody(request), "body");
    const result = await decideSession({ actor: auth, sessionId, ...body, meta: requestMeta(request.headers) });
    return json(result, { status: result.changed ? 201 : 200 });
  },
  { webSession: true, permission: "decisions.make" },
);
