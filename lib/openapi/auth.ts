import { z } from "zod";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ChangePasswordBody, LoginBody, RefreshBody } from "@/lib/auth/schemas";
import { PageQuery } from "@/lib/http/pagination";
import { headers, jsonBody, markdown, ok, operation, totalCountHeader } from "./common";
import { TokenPair, UserProfile } from "./responses";

export function registerAuth(registry: OpenAPIRegistry) {
  const tags = ["Auth"];
  operation(registry, {
    method: "post",
    path: "/api/v1/auth/login",
    operationId: "login",
    tags,
    auth: "public",
    summary: "Email and password to an access and a refresh token (sets the refresh cookie)",
    description: markdown(
      "**Who:** anyone. **Body:** `{email, password}`, plus `totp_code` (the 6-digit code from the authenticator app) or `recovery_code` (one of the ten one-time codes) for an account with two-factor sign-in.",
      '**Two-factor:** when the password is right and the account has TOTP on, a body without a code answers 401 `{"detail":"Two-factor code required","code":"mfa_required"}` (not audited, not counted as a failed password); send the same body again with `totp_code`. A code is accepted once, within ±1 step (30 s) of clock drift. A wrong, replayed or out-of-window code is 401 `mfa_invalid`, audited `LOGIN_FAILED` with reason `bad_mfa_code`; 5 wrong codes per account in 5 minutes answer 429 `rate_limited` (a throttle separate from the password one). A recovery code works once and is audited `MFA_RECOVERY_CODE_USED`.',
      '**Single sign-on required:** when the password is right but the user\'s company requires single sign-on (everyone but its break-glass admin), 403 `{"detail":"Your company requires single sign-on: ...","code":"sso_required"}`, audited `LOGIN_FAILED` with reason `sso_required`; a wrong password still answers 401, so the requirement is told only to someone who knows the password. Such users sign in in the browser, through the company\'s identity provider.',
      '**200:** `{access_token, refresh_token, token_type: "bearer"}`, and `Set-Cookie` puts the refresh token in the `refresh_token` cookie (HttpOnly, Secure, SameSite=Strict, 7 days). The access token is an HS256 JWT that lives 15 minutes (see the Auth tag). Audited `LOGIN`.',
      "**Refusals:** 401 `not_authenticated` (`Invalid email or password`: an unknown email, a wrong password and an inactive user answer alike; audited `LOGIN_FAILED`, at most 50 rows per client in 15 minutes); 400 `bad_request` (unparseable JSON); 422 `validation_error` (invalid fields); 413 `payload_too_large` (a body over 64 KiB); 429 `rate_limited` with `Retry-After` when a login throttle refuses (5 failures per email and client a minute; 50 per client and 10 per account in 15 minutes, a client the account signed in from in the last 30 days exempt; a throttled attempt writes no audit row); 503 `service_unavailable` when sign-in is busy (`Retry-After: 5`) or the cache is down. The README's Security section has every limit.",
      "Unknown emails cost no bcrypt but wait as long as a real comparison, so timing does not reveal which addresses have accounts.",
    ),
    request: { body: jsonBody(LoginBody) },
    responses: { 200: { ...ok("Signed in.", TokenPair), headers: headers.setRefreshCookie } },
    errors: [
      "not_authenticated",
      "mfa_required",
      "mfa_invalid",
      "sso_required",
      "validation_error",
      "bad_request",
      "unsupported_media_type",
      "payload_too_large",
      "rate_limited",
    ],
  });
  operation(registry, {
    method: "post",
    path: "/api/v1/auth/refresh",
    operationId: "refreshTokens",
    tags,
    auth: "public",
    summary: "Rotates the refresh token (body `refresh_token` or the refresh cookie)",
    description: markdown(
      "**Who:** whoever holds a refresh token: body `{refresh_token}`, or the `refresh_token` cookie when the body has none.",
      "**200:** a new pair, like login, and the new cookie. Rotation: the token sent is spent and its child returned; sending the same token again within the grace window answers the same child (two tabs refreshing at once). Audited `TOKEN_REFRESH`.",
      "**Refusals:** 401 `not_authenticated` (`Invalid refresh token`: unknown, expired, revoked, or reused after the grace window, which revokes the whole family and is audited `REFRESH_REUSE_DETECTED`).",
    ),
    request: { body: jsonBody(RefreshBody.unwrap()) },
    responses: { 200: { ...ok("A new token pair.", TokenPair), headers: headers.setRefreshCookie } },
    errors: [
      "not_authenticated",
      "validation_error",
      "bad_request",
      "unsupported_media_type",
      "payload_too_large",
      "rate_limited",
    ],
  });
  operation(registry, {
    method: "post",
    path: "/api/v1/auth/logout",
    operationId: "logout",
    tags,
    auth: "bearer",
    summary: "Revokes the sign-in session and clears the refresh cookie",
    description: markdown(
      "**Who:** a Bearer access token.",
      '**200:** `{"message": "Logged out successfully"}`; the refresh cookie is cleared and the sign-in session revoked: its access token stops working at once (not at its `exp`). Audited `LOGOUT`.',
    ),
    responses: {
      200: { ...ok("Signed out.", z.object({ message: z.string() })), headers: headers.clearRefreshCookie },
    },
  });
  operation(registry, {
    method: "post",
    path: "/api/v1/auth/password",
    operationId: "changePassword",
    tags,
    auth: "bearer",
    summary: "Changes the caller's own password and signs out every other session of theirs",
    description: markdown(
      "**Who:** a Bearer access token (any role). **Body:** `{current_password, new_password}`.",
      '**200:** `{"message": "Password changed", "other_sessions_signed_out": n}`: every other sign-in session of the user (browser and API) is revoked at once; this one stays. Audited `PASSWORD_CHANGED` with the count.',
      "**Refusals:** 422 `validation_error` with the field: `current_password` when it is wrong (counted as a failed sign-in, audited `LOGIN_FAILED`), `new_password` when it is shorter than 12 characters, longer than 256, on the breached-password list, or the same as the current one; 429 `rate_limited` with `Retry-After` from the sign-in throttle; 400 `bad_request` for unparseable JSON; 401 `not_authenticated`.",
    ),
    request: { body: jsonBody(ChangePasswordBody) },
    responses: {
      200: ok("Changed.", z.object({ message: z.string(), other_sessions_signed_out: z.number().int() })),
    },
    errors: ["validation_error", "rate_limited", "bad_request", "payload_too_large"],
  });
  for (const method of ["get", "post"] as const) {
    operation(registry, {
      method,
      path: "/api/auth/{nextauth}",
      operationId: `authjs${method === "get" ? "Get" : "Post"}`,
      tags: ["Dashboard sign-in"],
      auth: "authjs",
      summary: "Auth.js endpoints of the dashboard (session, csrf, providers, signin/credentials, signout, callback)",
      description: "Served by Auth.js (next-auth v5) for the dashboard's own pages; not an API for other clients.",
      request: {
        params: z.object({
          nextauth: z
            .string()
            .meta({ description: "The Auth.js action path, e.g. `session` or `callback/credentials`." }),
        }),
      },
      responses: { 200: ok("Auth.js's answer (JSON or HTML)."), 302: ok("A redirect (sign-in, sign-out).") },
      errors: ["rate_limited"],
    });
  }
  const users = ["Users"];
  operation(registry, {
    method: "get",
    path: "/api/v1/users/me",
    operationId: "getMe",
    tags: users,
    auth: "bearer",
    summary: "The caller's own profile",
    description: markdown(
      "**Who:** any staff role (Bearer). **200:** the caller's profile `{id, email, role, company_id, first_name, last_name, is_active, created_at}`.",
    ),
    responses: { 200: ok("The profile.", UserProfile) },
  });
  operation(registry, {
    method: "get",
    path: "/api/v1/users",
    operationId: "listUsers",
    tags: users,
    auth: "bearer",
    summary: "The users of the caller's company (HR, ADMIN)",
    description: markdown(
      "**Who:** HR and ADMIN (Bearer). **Query:** `skip >= 0` (default 0), `1 <= limit <= 100` (default 20).",
      "**200:** one page of the profiles of the caller's company, with the total in `X-Total-Count`.",
      "**Refusals:** 403 `forbidden` for EMPLOYEE and TEAM_LEAD; 422 `validation_error` for bad paging.",
    ),
    request: { query: PageQuery },
    responses: { 200: { ...ok("A page of users.", z.array(UserProfile)), headers: totalCountHeader } },
    errors: ["forbidden", "validation_error"],
  });
}
