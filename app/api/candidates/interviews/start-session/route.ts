// POST /api/candidates/interviews/start-session: a candidate holding an invite. Resumes the session in progress (resume
// token within the grace window) or consumes one attempt and opens a session; answers the LiveKit join details.
import { z } from "zod";
import { resumeSession } from "@/lib/candidate-sessions/resume";
import { resumeCookieNameForHash } from "@/lib/candidate-sessions/resume-token";
import { startSession } from "@/lib/candidate-sessions/start";
import { apiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { readCookie } from "@/lib/http/cookies";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";
import { mintCandidateToken } from "@/lib/livekit/mint";
import { hashInvite } from "@/lib/tokens/token-value";

const RESUME_COOKIE_MAX_AGE_S = 24 * 3600; // the cookie outlives any grace window; the server decides validity

const StartBody = z.object({
  token: z.string().min(1).max(512),
  resume_token: z.string().max(512).optional(),
  // "resume": continue only, never use an attempt. "new": a new attempt, whatever resume token the browser holds.
  // Absent: resume when a resume token is presented (body or cookie), otherwise a new attempt.
  mode: z.enum(["resume", "new"]).optional(),
});

export const POST = apiRoute(async (request) => {
  const body = parseOrThrow(StartBody, await readJsonBody(request), "body");
  const meta = requestMeta(request.headers);
  // Hashed once: the statements look the invite up by this hash, and the resume cookie is named after it.
  const inviteHash = hashInvite(body.token);
  const cookieName = resumeCookieNameForHash(inviteHash);
  const resumeToken = body.mode === "new" ? null : (body.resume_token || readCookie(request.headers, cookieName) || null);
  // A resume that fails is a 409 and consumes nothing: a new attempt is only ever started without a resume token.
  const resuming = resumeToken !== null || body.mode === "resume";
  const session = resuming
    ? await resumeSession({ invite: body.token, inviteHash, resumeToken, meta })
    : await startSession({ invite: body.token, inviteHash, meta });
  // The join token does not need the room to exist: startSession asks LiveKit for it in the background.
  const livekit = await mintCandidateToken({ sessionId: session.sessionId, room: session.room, name: session.candidateName });
  return json(
    {
      session_id: session.sessionId,
      attempt_number: session.attemptNumber,
      resumed: resuming,
      questions: session.questions,
      retakes_allowed: session.retakesAllowed,
      practice_question: session.practiceQuestion,
      // A new attempt has nothing stored yet; a resumed one says which answers are done (read by the same statement).
      answers: session.answers,
      livekit,
      resume_token: session.resumeToken,
    },
    {
      headers: {
        "set-cookie": `${cookieName}=${session.resumeToken}; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=${RESUME_COOKIE_MAX_AGE_S}`,
      },
    },
  );
});
