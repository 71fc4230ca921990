// DELETE /api/v1/auth/sessions/{id}: any signed-in API client (Bearer). Signs out one of the caller's own sessions
// (the one in use too, when named); another user's or an unknown session is a 404.
import { revokeOneSignInSession } from "@/lib/auth/manage-sessions";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";

export const DELETE = authedApiRoute<{ id: string }>(async (request, { auth, params }) => {
  const sessionId = uuidParam(params.id, "Session");
  const { current } = await revokeOneSignInSession({ actor: auth, sessionId, meta: requestMeta(request.headers) });
  return json({ message: "Session signed out", current });
});
