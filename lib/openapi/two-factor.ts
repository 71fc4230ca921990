import { z } from "zod";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { DisableTwoFactorBody, TwoFactorCodeBody } from "@/lib/auth/two-factor-schemas";
import { jsonBody, markdown, ok, operation, pathParams } from "./common";

// The caller's own two-factor sign-in (Auth), and an ADMIN's reset of a user's (Users): lib/auth/two-factor.ts.

const RecoveryCodes = z.object({
  message: z.string(),
  recovery_codes: z
    .array(z.string())
    .meta({ description: "Ten one-time codes (`xxxx-xxxx-xxxx-xxxx`), shown only in this answer; keep them safe." }),
});

const OPEN_DURING_SETUP =
  "Open to a caller whose company requires two-factor sign-in they have not set up yet (every other route answers them 403 `mfa_setup_required`, except logout, refresh and `GET /api/v1/users/me`).";
const WRONG_CODE =
  "422 `validation_error` on `code` when the code is wrong, already used (a code is accepted once) or outside ±1 step (30 s) of drift";
const THROTTLE =
  "429 `rate_limited` with `Retry-After` after 5 wrong codes in 5 minutes (the sign-in code throttle, per account)";

export function registerTwoFactor(registry: OpenAPIRegistry) {
  const auth = ["Auth"];
  operation(registry, {
    method: "get",
    path: "/api/v1/auth/two-factor",
    operationId: "getTwoFactorStatus",
    tags: auth,
    auth: "bearer",
    summary: "Whether the caller's two-factor sign-in is on, and whether their company requires it",
    description: markdown(
      `**Who:** a Bearer access token (any role). ${OPEN_DURING_SETUP}`,
      "**200:** `{enabled, pending, required, setup_required, recovery_codes_left}`: `pending` while an enrolment waits for its confirming code; `required` when the company requires two-factor of the caller's role (HR, ADMIN); `setup_required` when it is required and not on.",
    ),
    responses: {
      200: ok(
        "The status.",
        z.object({
          enabled: z.boolean(),
          pending: z.boolean(),
          required: z.boolean(),
          setup_required: z.boolean(),
          recovery_codes_left: z.number().int(),
        }),
      ),
    },
  });
  operation(registry, {
    method: "post",
    path: "/api/v1/auth/two-factor/enrol/start",
    operationId: "startTwoFactorEnrolment",
    tags: auth,
    auth: "bearer",
    summary: "Starts (or restarts) enrolment: a new TOTP secret, not on until confirmed",
    description: markdown(
      `**Who:** a Bearer access token (any role). **Body:** none. ${OPEN_DURING_SETUP}`,
      '**200:** `{"secret": "<base32>", "otpauth_uri": "otpauth://totp/..."}`: the client shows the URI as a QR code (or the secret for typing) to an authenticator app (SHA-1, 6 digits, 30 s). Starting again replaces a secret that was not confirmed.',
      "**Refusals:** 409 `conflict` when two-factor sign-in is already on (turn it off first).",
    ),
    responses: { 200: ok("The secret.", z.object({ secret: z.string(), otpauth_uri: z.string() })) },
    errors: ["conflict"],
  });
  operation(registry, {
    method: "post",
    path: "/api/v1/auth/two-factor/enrol/confirm",
    operationId: "confirmTwoFactorEnrolment",
    tags: auth,
    auth: "bearer",
    summary: "Confirms enrolment with one code; answers the ten recovery codes once",
    description: markdown(
      `**Who:** a Bearer access token (any role). **Body:** \`{code}\`. ${OPEN_DURING_SETUP}`,
      '**200:** `{"message": "Two-factor sign-in is on", "recovery_codes": [...]}`: from now on login asks for a code (`mfa_required`), and a caller who had to set it up may call every route again. Audited `MFA_ENROLLED`.',
      `**Refusals:** ${WRONG_CODE}; 409 \`conflict\` when no enrolment was started or it is already on; 400 \`bad_request\` for unparseable JSON.`,
    ),
    request: { body: jsonBody(TwoFactorCodeBody) },
    responses: { 200: ok("On.", RecoveryCodes) },
    errors: ["validation_error", "conflict", "bad_request", "payload_too_large"],
  });
  operation(registry, {
    method: "post",
    path: "/api/v1/auth/two-factor/disable",
    operationId: "disableTwoFactor",
    tags: auth,
    auth: "bearer",
    summary: "Turns the caller's two-factor sign-in off",
    description: markdown(
      "**Who:** a Bearer access token (any role) whose company does not require two-factor of their role. **Body:** `{code}` (a current code from the app) or `{recovery_code}` (an unused one, for a lost phone); exactly one.",
      '**200:** `{"message": "Two-factor sign-in is off"}`; the secret and every recovery code are deleted. Audited `MFA_DISABLED` (`details.confirmed_with`: `totp` or `recovery_code`).',
      `**Refusals:** 403 \`forbidden\` when the company requires it of the caller's role; 409 \`conflict\` when it is not on; ${WRONG_CODE}, or on \`recovery_code\` for an unknown or used recovery code; ${THROTTLE}; 400 \`bad_request\` for unparseable JSON.`,
    ),
    request: { body: jsonBody(DisableTwoFactorBody) },
    responses: { 200: ok("Off.", z.object({ message: z.string() })) },
    errors: ["forbidden", "mfa_setup_required", "conflict", "validation_error", "rate_limited", "bad_request"],
  });
  operation(registry, {
    method: "post",
    path: "/api/v1/auth/two-factor/recovery-codes/regenerate",
    operationId: "regenerateRecoveryCodes",
    tags: auth,
    auth: "bearer",
    summary: "Replaces every recovery code with ten new ones",
    description: markdown(
      "**Who:** a Bearer access token (any role) with two-factor sign-in on. **Body:** `{code}`, a current code from the app (spent: it cannot be used again, for sign-in either).",
      '**200:** `{"message": "New recovery codes", "recovery_codes": [...]}`, shown once; the earlier codes stop working. Audited `MFA_RECOVERY_CODES_REGENERATED` (`details.unused_replaced`).',
      `**Refusals:** 409 \`conflict\` when two-factor sign-in is not on; ${WRONG_CODE}; ${THROTTLE}; 400 \`bad_request\` for unparseable JSON.`,
    ),
    request: { body: jsonBody(TwoFactorCodeBody) },
    responses: { 200: ok("New codes.", RecoveryCodes) },
    errors: ["mfa_setup_required", "conflict", "validation_error", "rate_limited", "bad_request"],
  });
  operation(registry, {
    method: "post",
    path: "/api/v1/users/{userId}/two-factor/reset",
    operationId: "resetUserTwoFactor",
    tags: ["Users"],
    auth: "bearer",
    summary: "Removes a user's two-factor sign-in (ADMIN)",
    description: markdown(
      "**Who:** ADMIN (Bearer), for users of their own company. **Body:** none.",
      '**200:** `{"message": "Two-factor sign-in reset", "was_on": bool}`: the user\'s secret and recovery codes are deleted; they sign in with their password alone, and must enrol again first if their company requires it. Audited `MFA_RESET` (the row\'s user is the ADMIN; `details.target_user_id`, `details.was_on`).',
      "**Refusals:** 403 `forbidden` for any role but ADMIN; 404 `not_found` for a user of another company or an unknown one (ids that are not UUIDs too).",
    ),
    request: { params: pathParams({ userId: "A user of the caller's company." }) },
    responses: { 200: ok("Reset.", z.object({ message: z.string(), was_on: z.boolean() })) },
    errors: ["forbidden", "mfa_setup_required", "not_found"],
  });
}
