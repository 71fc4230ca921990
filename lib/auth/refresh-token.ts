import { createHash, createHmac } from "node:crypto";
import { randomToken } from "@/lib/crypto/random-token";

// Refresh tokens are opaque: 256 random bits, base64url. Only their SHA-256 is stored.
//
// A rotated child is derived from its parent with an HMAC under a server key. Whoever re-presents the parent
// within the grace window can therefore be given the very same child without the server ever storing a token:
// two tabs, or a client whose response was lost, keep working with one family and one active token.

const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/; // base64url of 32 bytes

export const newRefreshToken = (): string => randomToken(TOKEN_BYTES);

export const isWellFormedRefreshToken = (token: string): boolean => TOKEN_PATTERN.test(token);

export const hashRefreshToken = (token: string): string => createHash("sha256").update(token).digest("hex");

export function deriveChildToken(parent: string, secret: string): string {
  const derivationKey = createHmac("sha256", secret).update("refresh-token-rotation/v1").digest();
  return createHmac("sha256", derivationKey).update(parent).digest("base64url");
}
