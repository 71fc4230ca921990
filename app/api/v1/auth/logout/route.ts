// POST /api/v1/auth/logout: a signed-in API client (Bearer). Revokes the session and clears the refresh cookie.
import { logout } from "@/lib/auth/logout";
import { clearedRefreshCookie } from "@/lib/auth/refresh-cookie";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { requestMeta } from "@/lib/http/request-meta";

export const POST = authedApiRoute(
  async (request, { auth }) => {
    await logout({ context: auth, meta: requestMeta(request.headers) });
    return json({ message: "Logged out successfully" }, { headers: { "set-cookie": clearedRefreshCookie() } });
  },
  { mfaSetup: "allow" },
);
