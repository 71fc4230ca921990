import "server-only";
import { customFetch } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import type { EnabledSso } from "./config";
import { guardedFetch } from "./guarded-fetch";

// One Auth.js OpenID provider per company, id "sso-<companyId>": the sign-in and callback URLs name the company, and
// Auth.js binds its state, PKCE and nonce cookies to that id, so a code obtained for one company cannot be spent on
// another's callback.

export const ssoProviderId = (companyId: string) => `sso-${companyId}`;

/** /api/auth/signin/sso-<uuid> and /api/auth/callback/sso-<uuid>: the company whose provider the request is for. */
export const SSO_AUTH_PATH =
  /^\/api\/auth\/(?:signin|callback)\/sso-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The redirect URI an ADMIN registers with their provider. */
export const ssoRedirectUri = (origin: string, companyId: string) =>
  `${origin.replace(/\/$/, "")}/api/auth/callback/${ssoProviderId(companyId)}`;

export function companyProvider(sso: EnabledSso): OIDCConfig<Record<string, unknown>> {
  return {
    id: ssoProviderId(sso.companyId),
    name: "Your company",
    type: "oidc",
    issuer: sso.issuer,
    clientId: sso.clientId,
    clientSecret: sso.clientSecret,
    // Auth.js asks only for PKCE by default; state and nonce are checked too.
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
    // The profile comes from userinfo (whose sub Auth.js matches to the ID token's): many providers leave email and
    // email_verified out of the ID token when they issue an access token. The ID token is still required and checked.
    idToken: false,
    profile(profile) {
      return { id: String(profile.sub), email: typeof profile.email === "string" ? profile.email : null };
    },
    [customFetch]: guardedFetch,
  };
}
