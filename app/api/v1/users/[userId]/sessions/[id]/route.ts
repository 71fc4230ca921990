// DELETE /api/v1/users/{userId}/sessions/{id}: ADMIN. Signs out one session of a user of the caller's own company.
import { revokeOneSignInSession } from "@/lib/auth/manage-sessions";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";

export const DELETE = authedApiRoute<{ userId: string; id: string }>(
  async (request, { auth, params }) => {
    const userId = uuidParam(params.userId, "User");
    const sessionId = uuidParam(params.id, "Session");
    const { current } = await revokeOneSignInSession({
      actor: auth,
      userId,
      sessionId,
      meta: requestMeta(request.headers),
    });
    return json({ message: "Session signed out", current });
  },
  { permission: "users.manage" },
);
