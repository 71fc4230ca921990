import "server-only";
import { env } from "@/lib/env";
import { candidateGrant, candidateIdentity } from "./candidate-grant";
import { signJoinToken } from "./join-token";

/** A LiveKit join token for the candidate of one session, signed with the configured API key. */
export async function mintCandidateToken({
  sessionId,
  room,
  name,
}: {
  sessionId: string;
  room: string;
  name?: string | null;
}) {
  const { LIVEKIT_API_KEY, LIVEKIT_API_SECRET, LIVEKIT_URL, LIVEKIT_CANDIDATE_TOKEN_TTL_S } = env();
  const now = new Date();
  const token = signJoinToken({
    apiKey: LIVEKIT_API_KEY,
    apiSecret: LIVEKIT_API_SECRET,
    identity: candidateIdentity(sessionId),
    name: name ?? "Candidate",
    ttlSeconds: LIVEKIT_CANDIDATE_TOKEN_TTL_S,
    grant: candidateGrant(room),
    now,
  });
  const expiresAt = new Date(now.getTime() + LIVEKIT_CANDIDATE_TOKEN_TTL_S * 1000).toISOString();
  return { server_url: LIVEKIT_URL, room_name: room, participant_token: token, expires_at: expiresAt };
}
