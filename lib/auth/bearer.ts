import { unauthorized } from "@/lib/errors";
import { verifyAccessToken } from "./access-token";
import { assertMfaSetupDone, type MfaSetupGateOptions } from "./mfa-setup-gate";
import { loadSignInContext, type SignInContext } from "./sign-in-sessions";

/**
 * Authenticates an API request from its `Authorization: Bearer` header. The JWT proves who and which session;
 * the session row (via the cache) proves it has not been logged out, and supplies the user's current role.
 */
export async function authenticateBearer(
  headers: Headers,
  now = new Date(),
  options: MfaSetupGateOptions = {},
): Promise<SignInContext> {
  const header = headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match?.[1]) throw unauthorized("Not authenticated");
  const claims = await verifyAccessToken(match[1], now);
  const context = await loadSignInContext(claims.sid, now);
  if (!context || context.userId !== claims.sub || context.kind !== "api") throw unauthorized("Invalid token");
  assertMfaSetupDone(context, options);
  return context;
}
