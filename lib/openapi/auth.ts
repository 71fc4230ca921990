import { z } from "zod";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { LoginBody, RefreshBody } from "@/lib/auth/schemas";
import { PageQuery } from "@/lib/http/pagination";
import { jsonBody, ok, operation, totalCountHeader } from "./common";
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
    request: { body: jsonBody(LoginBody) },
    responses: { 200: ok("Signed in.", TokenPair) },
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
    path: "/api/v1/auth/refresh",
    operationId: "refreshTokens",
    tags,
    auth: "public",
    summary: "Rotates the refresh token (body `refresh_token` or the refresh cookie)",
    request: { body: jsonBody(RefreshBody.unwrap()) },
    responses: { 200: ok("A new token pair.", TokenPair) },
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
    responses: { 200: ok("Signed out.", z.object({ message: z.string() })) },
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
    responses: { 200: ok("The profile.", UserProfile) },
  });
  operation(registry, {
    method: "get",
    path: "/api/v1/users",
    operationId: "listUsers",
    tags: users,
    auth: "bearer",
    summary: "The users of the caller's company (HR, ADMIN)",
    request: { query: PageQuery },
    responses: { 200: { ...ok("A page of users.", z.array(UserProfile)), headers: totalCountHeader } },
    errors: ["forbidden", "validation_error"],
  });
}
