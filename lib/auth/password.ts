import { createHash } from "node:crypto";
import { env } from "@/lib/env";
import { runBcrypt } from "./bcrypt-pool";

// bcrypt reads only the first 72 bytes. Pre-hashing with SHA-256 (base64: 44 ASCII bytes, no NUL) makes every
// byte of a long password count.
export function prehash(password: string): string {
  return createHash("sha256").update(password, "utf8").digest("base64");
}

export function hashPassword(password: string, cost = env().BCRYPT_COST): Promise<string> {
  return runBcrypt({ op: "hash", input: prehash(password), cost });
}

export function verifyPassword(password: string, hash: string, signal?: AbortSignal): Promise<boolean> {
  return runBcrypt({ op: "compare", input: prehash(password), hash }, signal);
}

const holder = globalThis as unknown as { __aiiDummyHash?: Promise<string> };

/**
 * Compares against a throwaway hash of the same cost, so an unknown email costs as much time as a wrong password
 * and response timing does not reveal which addresses have accounts.
 */
export async function dummyVerify(password: string, signal?: AbortSignal): Promise<false> {
  holder.__aiiDummyHash ??= hashPassword("dummy password that never matches anything");
  await verifyPassword(password, await holder.__aiiDummyHash, signal);
  return false;
}
