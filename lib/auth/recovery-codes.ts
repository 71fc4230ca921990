import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { userRecoveryCodes } from "@/db/schema";
import type { DbOrTx } from "@/lib/db";

// The ten one-time codes that sign in when the phone is lost (lib/auth/two-factor.ts), stored only as hashes.

export const RECOVERY_CODE_COUNT = 10;

// Recovery codes are 80 random bits (16 base32 characters). SHA-256 is enough for them, and bcrypt would be wrong:
// bcrypt's cost protects low-entropy passwords from guessing, but nobody can enumerate 2^80 codes however fast the
// hash is, and a fast, unsalted hash lets a sign-in find the code in one query instead of up to ten bcrypt runs.
const RECOVERY_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // 32 symbols, no 0/o or 1/l to misread

export function newRecoveryCode(): string {
  const bytes = randomBytes(16);
  let out = "";
  for (let i = 0; i < 16; i++) out += RECOVERY_ALPHABET[bytes[i]! % 32];
  return out.match(/.{4}/g)!.join("-");
}

/** Case, spaces and dashes do not matter when a code is typed back. */
const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, "");
export const hashRecoveryCode = (code: string): string =>
  createHash("sha256").update(normalizeRecoveryCode(code)).digest("hex");

/** Every earlier recovery code of the user stops working; only the hashes of the new ones are kept. */
export async function replaceRecoveryCodes(tx: DbOrTx, userId: string, codes: string[], now: Date): Promise<number> {
  const dropped = await tx
    .delete(userRecoveryCodes)
    .where(eq(userRecoveryCodes.userId, userId))
    .returning({ usedAt: userRecoveryCodes.usedAt });
  await tx
    .insert(userRecoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code), createdAt: now })));
  return dropped.filter((r) => !r.usedAt).length;
}
