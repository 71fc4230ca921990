// POST /api/v1/auth/two-factor/enrol/confirm: any signed-in API client (Bearer), also one that must still set it up.
// One code from the app turns two-factor on; the answer holds the ten recovery codes, shown this once.
import { confirmEnrolment } from "@/lib/auth/two-factor";
import { TwoFactorCodeBody } from "@/lib/auth/two-factor-schemas";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";

export const POST = authedApiRoute(
  async (request, { auth }) => {
    const body = parseOrThrow(TwoFactorCodeBody, await readJsonBody(request), "body");
    const { recoveryCodes } = await confirmEnrolment({
      user: auth,
      code: body.code,
      meta: requestMeta(request.headers),
    });
    return json({ message: "Two-factor sign-in is on", recovery_codes: recoveryCodes });
  },
  { permission: "account.two_factor", mfaSetup: "allow" },
);
