import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// Values the server must read back (a TOTP secret, an SSO client secret) cannot be hashed; they are kept sealed:
// AES-256-GCM under a key derived from AUTH_SECRET by HKDF with a purpose of its own, so no use weakens another or
// the sign-in cookies, and an owner id bound as associated data, so a sealed value copied onto another row does not
// open. A copy of the database alone opens nothing. Rotating AUTH_SECRET voids every seal.

const SEAL_VERSION = "v1";
const IV_BYTES = 12; // GCM's standard nonce
const TAG_BYTES = 16;

export interface Seal {
  seal(plaintext: string, owner: string): string;
  /** The plaintext, or null when the seal is malformed, another owner's, or made under another AUTH_SECRET. */
  open(sealed: string, owner: string): string | null;
}

export function sealFor(purpose: string): Seal {
  let cached: { secret: string; key: Buffer } | null = null;
  const key = () => {
    const secret = env().AUTH_SECRET;
    if (cached?.secret !== secret)
      cached = { secret, key: Buffer.from(hkdfSync("sha256", secret, "ai-interviewer", purpose, 32)) };
    return cached.key;
  };
  return {
    seal(plaintext, owner) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key(), iv);
      cipher.setAAD(Buffer.from(owner));
      const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return `${SEAL_VERSION}.${Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString("base64url")}`;
    },
    open(sealed, owner) {
      if (!sealed.startsWith(`${SEAL_VERSION}.`)) return null;
      const raw = Buffer.from(sealed.slice(SEAL_VERSION.length + 1), "base64url");
      if (raw.length <= IV_BYTES + TAG_BYTES) return null;
      try {
        const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(owner));
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        const body = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
      } catch {
        return null;
      }
    },
  };
}
