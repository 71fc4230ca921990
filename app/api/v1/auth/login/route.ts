// POST /api/v1/auth/login: anyone. Email + password (+ a two-factor code when on) -> access and refresh tokens, refresh
// cookie.
import { signAccessToken } from "@/lib/auth/access-token";
import { login } from "@/lib/auth/login";
import { LoginBody } from "@/lib/auth/schemas";
import { refreshCookie } from "@/lib/auth/refresh-cookie";
import { apiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";

export const POST = apiRoute(async (request) => {
  const body = parseOrThrow(LoginBody, await readJsonBody(request), "body");
  const { user, session, refreshToken } = await login({
    email: body.email,
    password: body.password,
    totpCode: body.totp_code,
    recoveryCode: body.recovery_code,
    kind: "api",
    meta: requestMeta(request.headers),
    signal: request.signal,
  });
  const accessToken = await signAccessToken({
    userId: user.id,
    companyId: user.companyId,
    role: user.role,
    sessionId: session.id,
  });
  return json(
    { access_token: accessToken, refresh_token: refreshToken, token_type: "bearer" },
    { headers: { "set-cookie": refreshCookie(refreshToken!) } },
  );
});
