// POST /api/v1/auth/password: a signed-in API client (Bearer) changes its user's password; every other session of the
// user is signed out, this one stays.
import { changePassword } from "@/lib/auth/change-password";
import { ChangePasswordBody } from "@/lib/auth/schemas";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";

export const POST = authedApiRoute(async (request, { auth }) => {
  const body = parseOrThrow(ChangePasswordBody, await readJsonBody(request), "body");
  const { signedOut } = await changePassword({
    context: auth,
    currentPassword: body.current_password,
    newPassword: body.new_password,
    meta: requestMeta(request.headers),
  });
  return json({ message: "Password changed", other_sessions_signed_out: signedOut });
});
