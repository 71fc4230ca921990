import "server-only";
import { createRemoteJWKSet, customFetch, jwtVerify, type JWTPayload } from "jose";
import { cachedDiscovery } from "./discovery";
import { guardedFetch } from "./guarded-fetch";

// Auth.js (oauth4webapi) checks an ID token's claims (iss, aud, exp, nonce, azp) but not its signature: a token signed
// by a key the provider never published would pass. This checks it against the provider's published key set, with
// the same 30-second clock tolerance Auth.js applies.

export const CLOCK_TOLERANCE_S = 30;

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function keySetAt(jwksUri: string) {
  let set = keySets.get(jwksUri);
  if (!set) {
    // jose caches the keys and refetches (at most every 30 s) when a token names a key it has not seen: rotation works.
    set = createRemoteJWKSet(new URL(jwksUri), {
      [customFetch]: (url: string, options: RequestInit) => guardedFetch(url, options),
    });
    keySets.set(jwksUri, set);
  }
  return set;
}

/** The verified claims; throws (jose's errors) on a bad signature, unknown key, or wrong iss/aud/exp. */
export async function verifyIdToken(
  idToken: string,
  expected: { issuer: string; clientId: string },
): Promise<JWTPayload> {
  const discovery = await cachedDiscovery(expected.issuer);
  const { payload } = await jwtVerify(idToken, keySetAt(discovery.jwks_uri), {
    issuer: expected.issuer,
    audience: expected.clientId,
    clockTolerance: CLOCK_TOLERANCE_S,
  });
  return payload;
}
