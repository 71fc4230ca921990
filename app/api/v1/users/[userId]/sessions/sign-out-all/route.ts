// POST /api/v1/users/{userId}/sessions/sign-out-all: ADMIN. Signs out every session of a user of the caller's own
// company (except the session making this request, when an ADMIN names themself).
import { revokeOtherSignInSessions } from "@/lib/auth/manage-sessions";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";

export const POST = authedApiRoute<{ userId: string }>(
  async (request, { auth, params }) => {
    const userId = uuidParam(params.userId, "User");
    const { signedOut } = await revokeOtherSignInSessions({ actor: auth, userId, meta: requestMeta(request.headers) });
    return json({ message: "Sessions signed out", signed_out: signedOut });
  },
  { permission: "users.manage" },
);
