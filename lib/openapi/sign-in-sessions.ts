import { z } from "zod";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { PageQuery } from "@/lib/http/pagination";
import { isoTime, markdown, ok, operation, pathParams, totalCountHeader } from "./common";

// The caller's own sign-in sessions (Auth), and an ADMIN's view of a user's (Users): lib/auth/manage-sessions.ts.

const SignInSession = z
  .object({
    id: z.uuid(),
    kind: z.enum(["api", "web"]).meta({ description: "`web`: a dashboard browser session; `api`: a token family." }),
    method: z.enum(["password", "sso"]).meta({
      description: "`sso`: signed in through the company's identity provider; `password`: with the password.",
    }),
    device: z.string().meta({
      description:
        'The parsed user agent without versions ("Chrome on macOS"); a client without a browser user agent shows its user agent (at most 60 characters), or "API client" when it sent none.',
    }),
    browser: z.boolean().meta({ description: "Whether the user agent is a browser's." }),
    user_agent: z.string().nullable(),
    ip_address: z.string().nullable().meta({ description: "The client address the sign-in came from." }),
    created_at: isoTime("When the user signed in."),
    last_seen_at: isoTime("When the session was last used, to within about a minute.").nullable(),
    expires_at: isoTime("The session's absolute end (7 days after sign-in)."),
    current: z.boolean().meta({ description: "The session this request is made with." }),
  })
  .meta({ id: "SignInSession" });

const Revoked = z.object({
  message: z.string(),
  current: z.boolean().meta({ description: "Whether it was the session making the request (now signed out)." }),
});
const RevokedMany = z.object({ message: z.string(), signed_out: z.number().int() });

const AUDIT =
  "Each session signed out is audited `SIGN_IN_SESSION_REVOKED` (the row's user is who did it; `details.user_id` whose session it was, `details.by` `self` or `admin`); its access tokens, refresh tokens and browser cookie stop working at once.";

export function registerSignInSessions(registry: OpenAPIRegistry) {
  const auth = ["Auth"];
  operation(registry, {
    method: "get",
    path: "/api/v1/auth/sessions",
    operationId: "listMySessions",
    tags: auth,
    auth: "bearer",
    summary: "The caller's live sign-in sessions (browser and API)",
    description: markdown(
      "**Who:** a Bearer access token (any role). **Query:** `skip >= 0` (default 0), `1 <= limit <= 100` (default 20).",
      "**200:** a page of the live (not signed out, not expired) sign-in sessions of the caller, the most recently used first, with the total in `X-Total-Count`; the one making the request has `current: true`. `last_seen_at` is updated at most once a minute.",
      "**Refusals:** 422 `validation_error` for bad paging.",
    ),
    request: { query: PageQuery },
    responses: { 200: { ...ok("A page of sessions.", z.array(SignInSession)), headers: totalCountHeader } },
    errors: ["validation_error"],
  });
  operation(registry, {
    method: "delete",
    path: "/api/v1/auth/sessions/{id}",
    operationId: "signOutMySession",
    tags: auth,
    auth: "bearer",
    summary: "Signs out one of the caller's sessions",
    description: markdown(
      "**Who:** a Bearer access token (any role), for their own sessions; the current one too, when named.",
      `**200:** \`{"message": "Session signed out", "current": bool}\`. ${AUDIT}`,
      "**Refusals:** 404 `not_found` for an id that is not a UUID, unknown, another user's, or already signed out or expired.",
    ),
    request: { params: pathParams({ id: "The sign-in session." }) },
    responses: { 200: ok("Signed out.", Revoked) },
    errors: ["not_found"],
  });
  operation(registry, {
    method: "post",
    path: "/api/v1/auth/sessions/sign-out-others",
    operationId: "signOutMyOtherSessions",
    tags: auth,
    auth: "bearer",
    summary: "Signs out every other session of the caller; this one stays",
    description: markdown(
      "**Who:** a Bearer access token (any role). **Body:** none.",
      `**200:** \`{"message": "Other sessions signed out", "signed_out": n}\`. ${AUDIT}`,
    ),
    responses: { 200: ok("Signed out.", RevokedMany) },
  });

  const users = ["Users"];
  const userParam = { userId: "A user of the caller's company." };
  const adminRefusals =
    "**Refusals:** 403 `forbidden` for any role but ADMIN; 404 `not_found` for a user of another company or an unknown one (ids that are not UUIDs too)";
  operation(registry, {
    method: "get",
    path: "/api/v1/users/{userId}/sessions",
    operationId: "listUserSessions",
    tags: users,
    auth: "bearer",
    summary: "A user's live sign-in sessions (ADMIN)",
    description: markdown(
      "**Who:** ADMIN (Bearer), for users of their own company. **Query:** `skip`, `limit` as for `GET /api/v1/auth/sessions`.",
      "**200:** a page of the user's live sign-in sessions, as `GET /api/v1/auth/sessions` answers them (`X-Total-Count`).",
      `${adminRefusals}; 422 \`validation_error\` for bad paging.`,
    ),
    request: { params: pathParams(userParam), query: PageQuery },
    responses: { 200: { ...ok("A page of sessions.", z.array(SignInSession)), headers: totalCountHeader } },
    errors: ["forbidden", "not_found", "validation_error"],
  });
  operation(registry, {
    method: "delete",
    path: "/api/v1/users/{userId}/sessions/{id}",
    operationId: "signOutUserSession",
    tags: users,
    auth: "bearer",
    summary: "Signs out one session of a user (ADMIN)",
    description: markdown(
      "**Who:** ADMIN (Bearer), for users of their own company.",
      `**200:** \`{"message": "Session signed out", "current": bool}\`. ${AUDIT}`,
      `${adminRefusals}, and for a session that is not that user's, unknown, or already signed out or expired.`,
    ),
    request: { params: pathParams({ ...userParam, id: "The sign-in session." }) },
    responses: { 200: ok("Signed out.", Revoked) },
    errors: ["forbidden", "not_found"],
  });
  operation(registry, {
    method: "post",
    path: "/api/v1/users/{userId}/sessions/sign-out-all",
    operationId: "signOutUserSessions",
    tags: users,
    auth: "bearer",
    summary: "Signs out every session of a user (ADMIN)",
    description: markdown(
      "**Who:** ADMIN (Bearer), for users of their own company. **Body:** none.",
      `**200:** \`{"message": "Sessions signed out", "signed_out": n}\`: every live session of the user, except the one making the request when an ADMIN names themself. ${AUDIT}`,
      `${adminRefusals}.`,
    ),
    request: { params: pathParams(userParam) },
    responses: { 200: ok("Signed out.", RevokedMany) },
    errors: ["forbidden", "not_found"],
  });
}
