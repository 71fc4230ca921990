// POST /api/interviewer/sessions/{sessionId}/observation: `{event: "started"}` audits the start of a silent
// observation and answers a hidden, subscribe-only LiveKit token for the session's room; `{event: "stopped"}` audits
// its end. HR, ADMIN, and a TEAM_LEAD who owns the interview.
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";
import { ObservationBody, recordObservation } from "@/lib/observation/observation";

export const POST = authedApiRoute<{ sessionId: string }>(
  async (request, { auth, params }) => {
    const sessionId = uuidParam(params.sessionId, "Session");
    const { event } = parseOrThrow(ObservationBody, await readJsonBody(request), "body");
    return json(await recordObservation({ viewer: auth, sessionId, event, meta: requestMeta(request.headers) }));
  },
  { webSession: true, permission: "recordings.view" },
);
