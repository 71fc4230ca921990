// PATCH /api/candidates/interviews/complete-session: the candidate holding the invite AND the session's resume token
// (body or the aii_resume_* cookie). Completes the latest session when it has at least one stored recording;
// idempotent.
import { completeSession } from "@/lib/candidate-sessions/complete";
import { resumeCookieName } from "@/lib/candidate-sessions/resume-token";
import { CompleteBody } from "@/lib/candidate-sessions/schemas";
import { apiRoute, json } from "@/lib/http/api-handler";
import { readCookie } from "@/lib/http/cookies";
import { readJsonBody } from "@/lib/http/json-body";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";

export const PATCH = apiRoute(async (request) => {
  const body = parseOrThrow(CompleteBody, await readJsonBody(request), "body");
  const resumeToken = body.resume_token || readCookie(request.headers, resumeCookieName(body.token));
  const result = await completeSession({ invite: body.token, resumeToken, meta: requestMeta(request.headers) });
  return json(result);
});
