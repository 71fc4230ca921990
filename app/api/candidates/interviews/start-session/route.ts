// POST /api/candidates/interviews/start-session: a candidate holding an invite. Resumes the session in progress (resume
// token within the grace window) or consumes one attempt and opens a session; answers the LiveKit join details.
import { StartBody } from "@/lib/candidate-sessions/schemas";
import { startOrResumeSession } from "@/lib/candidate-sessions/start-or-resume";
import type { StartedSession } from "@/lib/candidate-sessions/started-session";
import { apiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";

const RESUME_COOKIE_MAX_AGE_S = 24 * 3600; // the cookie outlives any grace window; the server decides validity

export const POST = apiRoute(async (request) => {
  const body = parseOrThrow(StartBody, await readJsonBody(request), "body");
  const { session, resumed, livekit, resumeCookie } = await startOrResumeSession({
    invite: body.token,
    mode: body.mode,
    resumeToken: body.resume_token,
    requestHeaders: request.headers,
    meta: requestMeta(request.headers),
  });
  return json(
    {
      session_id: session.sessionId,
      attempt_number: session.attemptNumber,
      resumed,
      questions: session.questions,
      retakes_allowed: session.retakesAllowed,
      practice_question: session.practiceQuestion,
      // A new attempt has nothing stored yet; a resumed one says which answers are done (read by the same statement).
      answers: session.answers,
      livekit,
      resume_token: session.resumeToken,
    } satisfies StartedSession,
    {
      headers: {
        "set-cookie": `${resumeCookie.name}=${resumeCookie.value}; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=${RESUME_COOKIE_MAX_AGE_S}`,
      },
    },
  );
});
