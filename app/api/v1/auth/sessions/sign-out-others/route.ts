// POST /api/v1/auth/sessions/sign-out-others: any signed-in API client (Bearer). Signs out every other session of the
// caller, browser and API; the one in use stays.
import { revokeOtherSignInSessions } from "@/lib/auth/manage-sessions";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { requestMeta } from "@/lib/http/request-meta";

export const POST = authedApiRoute(async (request, { auth }) => {
  const { signedOut } = await revokeOtherSignInSessions({ actor: auth, meta: requestMeta(request.headers) });
  return json({ message: "Other sessions signed out", signed_out: signedOut });
});
