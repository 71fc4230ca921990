import "server-only";
import { z } from "zod";
import { guardedFetch, SsoUrlRefused } from "./guarded-fetch";

// An OpenID provider's discovery document (OpenID Connect Discovery 1.0 §4), checked for what sign-in relies on. Auth.js
// fetches it again on every sign-in; this copy serves the settings page's connection test and the ID token's key set.

const Discovery = z.object({
  issuer: z.string().min(1),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  userinfo_endpoint: z.url(),
  jwks_uri: z.url(),
  code_challenge_methods_supported: z.array(z.string()).optional(),
});
export type Discovery = z.infer<typeof Discovery>;

export type DiscoveryProblem =
  | "not_https"
  | "bad_url"
  | "private_address"
  | "unresolvable"
  | "unreachable"
  | "not_discovery"
  | "issuer_mismatch"
  | "endpoint_not_https"
  | "no_pkce";

export class DiscoveryFailed extends Error {
  constructor(readonly problem: DiscoveryProblem) {
    super(`OpenID discovery failed: ${problem}`);
    this.name = "DiscoveryFailed";
  }
}

/** Where discovery lives for an issuer: its path, then /.well-known/openid-configuration (as oauth4webapi builds it). */
export function discoveryUrl(issuer: string): URL {
  const url = new URL(issuer);
  url.pathname = `${url.pathname.replace(/\/$/, "")}/.well-known/openid-configuration`;
  return url;
}

/** The same issuer written with or without a trailing slash. */
const sameIssuer = (a: string, b: string) => a.replace(/\/$/, "") === b.replace(/\/$/, "");

/**
 * Fetches and checks the document: the issuer it names must be the one typed (give or take a trailing slash; the
 * caller stores the document's own spelling, which ID tokens carry), its endpoints fetchable, and PKCE S256 offered.
 */
export async function discover(issuer: string): Promise<Discovery> {
  let response: Response;
  try {
    response = await guardedFetch(discoveryUrl(issuer), { headers: { accept: "application/json" } });
  } catch (error) {
    if (error instanceof SsoUrlRefused) throw new DiscoveryFailed(error.reason);
    throw new DiscoveryFailed("unreachable");
  }
  if (!response.ok) throw new DiscoveryFailed("not_discovery");
  const parsed = Discovery.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new DiscoveryFailed("not_discovery");
  const doc = parsed.data;
  if (!sameIssuer(doc.issuer, issuer)) throw new DiscoveryFailed("issuer_mismatch");
  const issuerUrl = new URL(doc.issuer);
  for (const endpoint of [doc.authorization_endpoint, doc.token_endpoint, doc.userinfo_endpoint, doc.jwks_uri]) {
    // The endpoints may sit on other hosts (Google's do), but never drop to plain http where the issuer is https.
    if (new URL(endpoint).protocol !== issuerUrl.protocol) throw new DiscoveryFailed("endpoint_not_https");
  }
  if (!doc.code_challenge_methods_supported?.includes("S256")) throw new DiscoveryFailed("no_pkce");
  return doc;
}

const DISCOVERY_TTL_MS = 10 * 60_000;
const cache = new Map<string, { doc: Discovery; until: number }>();

/** discover(), kept ten minutes per issuer (the key set's address rarely moves; jose refetches the keys themselves). */
export async function cachedDiscovery(issuer: string): Promise<Discovery> {
  const hit = cache.get(issuer);
  if (hit && hit.until > Date.now()) return hit.doc;
  const doc = await discover(issuer);
  cache.set(issuer, { doc, until: Date.now() + DISCOVERY_TTL_MS });
  return doc;
}

export const DISCOVERY_MESSAGES: Record<DiscoveryProblem, string> = {
  not_https: "The issuer must be an https:// address.",
  bad_url: "The issuer must be a plain https:// address, without a user name or password.",
  private_address: "The issuer points to a private or internal network address.",
  unresolvable: "The issuer's host name does not resolve.",
  unreachable: "The issuer could not be reached (no answer within 10 seconds).",
  not_discovery: "No OpenID Connect discovery document was found at the issuer's /.well-known/openid-configuration.",
  issuer_mismatch: "The discovery document names a different issuer; copy the issuer exactly as the provider gives it.",
  endpoint_not_https: "The provider's endpoints must use https like the issuer.",
  no_pkce: "The provider does not offer PKCE (S256), which sign-in requires.",
};
