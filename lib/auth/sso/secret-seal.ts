import "server-only";
import { sealFor } from "@/lib/crypto/seal";

// The OpenID client secret is sent to the provider's token endpoint, so the server must read it back: it is sealed
// (lib/crypto/seal.ts) with the company id bound, and never returned by any page or API.

const ssoSeal = sealFor("sso-client-secret-seal v1");

export const sealSsoSecret = (secret: string, companyId: string): string => ssoSeal.seal(secret, companyId);

/** The secret, or null when it cannot be opened (another company's seal, or AUTH_SECRET changed). */
export const openSsoSecret = (sealed: string, companyId: string): string | null => ssoSeal.open(sealed, companyId);
