import "server-only";
import { clientKey } from "@/lib/auth/throttle-keys";
import { AppError } from "@/lib/errors";
import { getKv, type RateLimitRule } from "@/lib/kv";
import { ssoCompanyForEmail } from "./config";

// "Does this address sign in with its company?": the one question anyone may ask, before signing in. The answer is a
// yes or no and nothing else (not the company, not its provider), the same for an unknown domain, a company without
// single sign-on and one that turned it off. Counted per client, so the list of domains cannot be walked quickly.

/** The JSON API (POST /api/v1/auth/sso/lookup): 429 past it. */
export const SSO_LOOKUP_API_RULE: RateLimitRule = { name: "sso-lookup-api", limit: 30, windowSeconds: 60 };

/**
 * The login page, which asks once the person stops typing (debounced). Higher than the API's: a NAT'd office of a
 * few hundred people shares one address at the morning peak, and past it the page just shows no company button (the
 * password form still tells a person whose company requires single sign-on to use it).
 */
export const SSO_LOOKUP_FORM_RULE: RateLimitRule = { name: "sso-lookup-form", limit: 120, windowSeconds: 60 };

/** Takes one lookup unit for this client, or throws 429 AppError with the wait. */
export async function takeSsoLookupUnit(input: { ip: string | null; rule: RateLimitRule }, now = Date.now()) {
  const state = await getKv().consume(input.rule, clientKey(input.ip));
  if (!state.allowed) {
    throw new AppError("RATE_LIMITED", "Too many single sign-on lookups; try again later", {
      retryAfterSeconds: Math.max(1, Math.ceil((state.resetAt - now) / 1000)),
    });
  }
}

/** Whether the address's domain signs in through an enabled company provider; 429 AppError past the client's rule. */
export async function ssoLookup(input: { email: string; ip: string | null; rule: RateLimitRule }): Promise<boolean> {
  await takeSsoLookupUnit(input);
  return (await ssoCompanyForEmail(input.email)) !== null;
}
