import { AccessToken } from "livekit-server-sdk";
import { env } from "@/lib/env";
import { candidateGrant, candidateIdentity } from "./candidate-grant";

/** A LiveKit join token for the candidate of one session, signed with the configured API key. */
export async function mintCandidateToken({ sessionId, room, name }: { sessionId: string; room: string; name?: string | null }) {
  const { LIVEKIT_API_KEY, LIVEKIT_API_SECRET, LIVEKIT_URL, LIVEKIT_CANDIDATE_TOKEN_TTL_S } = env();
  const token = new AccessToken(LIVEKIT_API_KEY, LIVEKIT_API_SECRET, {
    identity: candidateIdentity(sessionId),
    name: name ?? "Candidate",
    ttl: LIVEKIT_CANDIDATE_TOKEN_TTL_S,
  });
  token.addGrant(candidateGrant(room));
  const expiresAt = new Date(Date.now() + LIVEKIT_CANDIDATE_TOKEN_TTL_S * 1000).toISOString();
  return { server_url: LIVEKIT_URL, room_name: room, participant_token: await token.toJwt(), expires_at: expiresAt };
}
