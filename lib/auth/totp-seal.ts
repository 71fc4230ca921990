import "server-only";
import { sealFor } from "@/lib/crypto/seal";

// A TOTP secret must be readable by the server (it computes the expected codes), so it is sealed, not hashed
// (lib/crypto/seal.ts), with the user id bound. A copy of the database alone yields no codes.

const totpSeal = sealFor("totp-secret-seal v1");

/** Seals a base32 TOTP secret for user_totp.secret_sealed. */
export const sealTotpSecret = (secretBase32: string, userId: string): string => totpSeal.seal(secretBase32, userId);

/** The secret, or null when the seal is malformed, another user's, or made under another AUTH_SECRET. */
export const openTotpSecret = (sealed: string, userId: string): string | null => totpSeal.open(sealed, userId);
