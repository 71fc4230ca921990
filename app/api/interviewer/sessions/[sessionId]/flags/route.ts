// GET|POST /api/interviewer/sessions/{sessionId}/flags: observers' timestamped notes on a session (HR, ADMIN, and a
// TEAM_LEAD who owns the interview). POST only while the session is in progress; audited.
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";
import { FlagBody, addFlag, listFlags } from "@/lib/observation/flags";

type Params = { sessionId: string };

export const GET = authedApiRoute<Params>(
  async (_request, { auth, params }) =>
    json(await listFlags({ viewer: auth, sessionId: uuidParam(params.sessionId, "Session") })),
  { webSession: true, permission: "recordings.view" },
);

export const POST = authedApiRoute<Params>(
  async (request, { auth, params }) => {
    const sessionId = uuidParam(params.sessionId, "Session");
    const body = parseOrThrow(FlagBody, await readJsonBody(request), "body");
    return json(await addFlag({ viewer: auth, sessionId, note: body.note, meta: requestMeta(request.headers) }), {
      status: 201,
    });
  },
  { webSession: true, permission: "recordings.view" },
);
