// POST /api/v1/users/{userId}/two-factor/reset: ADMIN (the dashboard's "company.two_factor"). Removes the two-factor
// sign-in of a user of the caller's own company (a lost phone); 404 for any other company's.
import { resetTwoFactor } from "@/lib/auth/two-factor";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";

export const POST = authedApiRoute<{ userId: string }>(
  async (request, { auth, params }) => {
    const userId = uuidParam(params.userId, "User");
    const { wasOn } = await resetTwoFactor({ actor: auth, targetUserId: userId, meta: requestMeta(request.headers) });
    return json({ message: "Two-factor sign-in reset", was_on: wasOn });
  },
  { permission: "company.two_factor" },
);
