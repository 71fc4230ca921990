// POST /api/candidates/sessions/{id}/livekit-token: the candidate of an in-progress session (resume token). A fresh
// LiveKit join token (15 minutes by default) for the session's room; 409 `session_revoked` once the invite was revoked.
import { refreshCandidateLivekitToken } from "@/lib/candidate-sessions/livekit-refresh";
import { json } from "@/lib/http/api-handler";
import { candidateSessionRoute } from "@/lib/http/candidate-session-route";

export const POST = candidateSessionRoute<{ id: string }>(async (_request, { session }) =>
  json(await refreshCandidateLivekitToken({ session })),
);
