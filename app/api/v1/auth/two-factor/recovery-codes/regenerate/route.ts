// POST /api/v1/auth/two-factor/recovery-codes/regenerate: any signed-in API client (Bearer) with two-factor on. A
// current code from the app replaces every recovery code with ten new ones, shown this once.
import { regenerateRecoveryCodes } from "@/lib/auth/two-factor";
import { TwoFactorCodeBody } from "@/lib/auth/two-factor-schemas";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";

export const POST = authedApiRoute(
  async (request, { auth }) => {
    const body = parseOrThrow(TwoFactorCodeBody, await readJsonBody(request), "body");
    const { recoveryCodes } = await regenerateRecoveryCodes({
      user: auth,
      code: body.code,
      meta: requestMeta(request.headers),
    });
    return json({ message: "New recovery codes", recovery_codes: recoveryCodes });
  },
  { permission: "account.two_factor" },
);
