// POST /api/v1/auth/two-factor/enrol/start: any signed-in API client (Bearer), also one that must still set it up.
// A new secret, not on until confirmed; the client renders its own QR code from the otpauth URI.
import { startEnrolment } from "@/lib/auth/two-factor";
import { authedApiRoute, json } from "@/lib/http/api-handler";

export const POST = authedApiRoute(
  async (_request, { auth }) => {
    const { secret, uri } = await startEnrolment(auth);
    return json({ secret, otpauth_uri: uri });
  },
  { permission: "account.two_factor", mfaSetup: "allow" },
);
