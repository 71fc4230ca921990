// POST /api/v1/auth/refresh: anyone holding a refresh token (body `{refresh_token}` or the cookie). Rotates it.
import { signAccessToken } from "@/lib/auth/access-token";
import { rotateRefreshToken } from "@/lib/auth/refresh";
import { readRefreshCookie, refreshCookie } from "@/lib/auth/refresh-cookie";
import { RefreshBody } from "@/lib/auth/schemas";
import { apiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";

export const POST = apiRoute(async (request) => {
  const body = parseOrThrow(RefreshBody, await readJsonBody(request), "body");
  const token = body?.refresh_token ?? readRefreshCookie(request.headers) ?? "";
  const now = new Date();
  const { token: next, session, user } = await rotateRefreshToken({ token, meta: requestMeta(request.headers), now });
  const accessToken = await signAccessToken(
    { userId: user.id, companyId: user.companyId, role: user.role, sessionId: session.id },
    now,
  );
  const remainingS = (session.expiresAt.getTime() - now.getTime()) / 1000;
  return json(
    { access_token: accessToken, refresh_token: next, token_type: "bearer" },
    { headers: { "set-cookie": refreshCookie(next, remainingS) } },
  );
});
