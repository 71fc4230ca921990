// POST /api/interviewer/sessions/{sessionId}/evaluations: HR and ADMIN ask for a new version of the session's AI
// evaluation (no body). 202 `{version, job_id}`; 409 `evaluation_off`, `session_not_completed`, `no_criteria`,
// `transcription_pending` or `evaluation_running`. Audited (EVALUATION_RERUN_REQUESTED). The versions themselves are in the session's `ai`.
import { requestEvaluationRerun } from "@/lib/ai-pipeline/rerun";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";

export const POST = authedApiRoute<{ sessionId: string }>(
  async (request, { auth, params }) => {
    const sessionId = uuidParam(params.sessionId, "Session");
    return json(await requestEvaluationRerun({ viewer: auth, sessionId, meta: requestMeta(request.headers) }), {
      status: 202,
    });
  },
  { webSession: true, permission: "evaluations.rerun" },
);
