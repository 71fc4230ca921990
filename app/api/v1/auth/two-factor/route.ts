// GET /api/v1/auth/two-factor: any signed-in API client (Bearer), also one that must still set it up. Whether the
// caller's two-factor sign-in is on, how many recovery codes are left, and whether their company requires it.
import { twoFactorStatus } from "@/lib/auth/two-factor";
import { authedApiRoute, json } from "@/lib/http/api-handler";

export const GET = authedApiRoute(
  async (_request, { auth }) => {
    const status = await twoFactorStatus(auth);
    return json({
      enabled: status.enabled,
      pending: status.pending,
      required: status.required,
      setup_required: status.required && !status.enabled,
      recovery_codes_left: status.unusedRecoveryCodes,
    });
  },
  { permission: "account.two_factor", mfaSetup: "allow" },
);
