import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// A TOTP secret must be readable by the server (it computes the expected codes), so it cannot be hashed; it is kept
// sealed instead, as invite links are (lib/invites/link-seal.ts): AES-256-GCM under a key derived from AUTH_SECRET by
// HKDF with a purpose of its own. A copy of the database alone yields no codes.

const SEAL_VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

let cached: { secret: string; key: Buffer } | null = null;
function sealKey(): Buffer {
  const secret = env().AUTH_SECRET;
  if (cached?.secret !== secret)
    cached = { secret, key: Buffer.from(hkdfSync("sha256", secret, "ai-interviewer", "totp-secret-seal v1", 32)) };
  return cached.key;
}

/** Seals a base32 TOTP secret for user_totp.secret_sealed; the user id is bound as associated data. */
export function sealTotpSecret(secretBase32: string, userId: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", sealKey(), iv);
  cipher.setAAD(Buffer.from(userId));
  const sealed = Buffer.concat([cipher.update(secretBase32, "utf8"), cipher.final()]);
  return `${SEAL_VERSION}.${Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString("base64url")}`;
}

/** The secret, or null when the seal is malformed, another user's, or made under another AUTH_SECRET. */
export function openTotpSecret(sealed: string, userId: string): string | null {
  if (!sealed.startsWith(`${SEAL_VERSION}.`)) return null;
  const raw = Buffer.from(sealed.slice(SEAL_VERSION.length + 1), "base64url");
  if (raw.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", sealKey(), raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(userId));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    return null;
  }
}
