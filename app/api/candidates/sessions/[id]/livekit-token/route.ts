// POST /api/candidates/sessions/{id}/livekit-token: the candidate of an in-progress session (resume token). A fresh
// LiveKit join token (15 minutes by default) for the session's room; 409 `session_revoked` once the invite was revoked.
import { refreshCandidateLivekitToken } from "@/lib/candidate-sessions/livekit-refresh";
import { apiRoute, json } from "@/lib/http/api-handler";
import { uuidParam } from "@/lib/http/params";
import { resumeTokenFrom } from "@/lib/recordings/candidate-session";

type Params = { id: string };

export const POST = apiRoute<Params>(async (request, { params }) =>
  json(await refreshCandidateLivekitToken({ sessionId: uuidParam(params.id, "Session"), resumeToken: resumeTokenFrom(request.headers) })),
);
