// POST /api/v1/auth/two-factor/disable: any signed-in API client (Bearer) whose company does not require two-factor of
// their role. Turns it off with a current code or an unused recovery code.
import { disableTwoFactor } from "@/lib/auth/two-factor";
import { DisableTwoFactorBody } from "@/lib/auth/two-factor-schemas";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";

export const POST = authedApiRoute(
  async (request, { auth }) => {
    const body = parseOrThrow(DisableTwoFactorBody, await readJsonBody(request), "body");
    await disableTwoFactor({
      user: auth,
      code: body.code,
      recoveryCode: body.recovery_code,
      meta: requestMeta(request.headers),
    });
    return json({ message: "Two-factor sign-in is off" });
  },
  { permission: "account.two_factor" },
);
