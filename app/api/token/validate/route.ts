// POST /api/token/validate: any staff role, by Bearer token or the dashboard's session cookie. Whether a LiveKit token
// verifies (signature, lifetime with 30 s skew) and is for one of the caller's company's rooms; always 200 for a token.
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { assertJsonContentType } from "@/lib/http/json-content-type";
import { readJsonBody } from "@/lib/http/json-body";
import { parseOrThrow } from "@/lib/http/validation";
import { validateStaffToken, ValidateTokenBody } from "@/lib/livekit/validate-token";

export const POST = authedApiRoute(
  async (request, { auth }) => {
    assertJsonContentType(request);
    const { token } = parseOrThrow(ValidateTokenBody, await readJsonBody(request), "body");
    return json(await validateStaffToken({ actor: auth, token }));
  },
  { webSession: true, permission: "livekit.inspect" },
);
