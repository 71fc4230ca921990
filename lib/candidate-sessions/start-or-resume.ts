import { readCookie } from "@/lib/http/cookies";
import type { RequestMeta } from "@/lib/http/request-meta";
import { mintCandidateToken } from "@/lib/livekit/mint";
import { hashInvite } from "@/lib/invites/token-value";
import { resumeSession } from "./resume";
import { resumeCookieNameForHash } from "./resume-token";
import { startSession } from "./start";

/** "resume": continue only, never use an attempt. "new": a new attempt, whatever resume token the browser holds. */
export type StartMode = "resume" | "new";

/**
 * What start-session does for a candidate holding an invite. Without a mode it resumes when a resume token is
 * presented (in the body, else the invite's resume cookie) and otherwise consumes one attempt and opens a session. A
 * resume that fails is a 409 and consumes nothing: a new attempt is only ever started without a resume token. Answers
 * the session, whether it was resumed, its LiveKit join details and the resume cookie to set.
 */
export async function startOrResumeSession(input: {
  invite: string;
  mode?: StartMode;
  resumeToken?: string;
  requestHeaders: Headers;
  meta: RequestMeta;
}) {
  // Hashed once: the statements look the invite up by this hash, and the resume cookie is named after it.
  const inviteHash = hashInvite(input.invite);
  const cookieName = resumeCookieNameForHash(inviteHash);
  const resumeToken =
    input.mode === "new" ? null : input.resumeToken || readCookie(input.requestHeaders, cookieName) || null;
  const resumed = resumeToken !== null || input.mode === "resume";
  const session = resumed
    ? await resumeSession({ invite: input.invite, inviteHash, resumeToken, meta: input.meta })
    : await startSession({ invite: input.invite, inviteHash, meta: input.meta });
  // The join token does not need the room to exist: startSession asks LiveKit for it in the background.
  const livekit = await mintCandidateToken({
    sessionId: session.sessionId,
    room: session.room,
    name: session.candidateName,
  });
  return { session, resumed, livekit, resumeCookie: { name: cookieName, value: session.resumeToken } };
}
