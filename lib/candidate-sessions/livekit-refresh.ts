import { mintCandidateToken } from "@/lib/livekit/mint";
import type { CandidateSession } from "./verified-session";

/**
 * A fresh LiveKit join token for the candidate of an in-progress session, proven by the resume token
 * (lib/http/candidate-session-route.ts: a session withdrawn by revoking its invite answers 409 `session_revoked`, any
 * other ended session 404). The room asks 30 s before its token expires, so a reconnect after a network drop never
 * presents an expired token.
 */
export async function refreshCandidateLivekitToken({ session }: { session: CandidateSession }) {
  return {
    livekit: await mintCandidateToken({
      sessionId: session.id,
      room: session.livekitRoom,
      name: session.candidateName,
    }),
  };
}
