import commonPasswords from "@zxcvbn-ts/language-common/src/passwords.json";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-limits";

// NIST 800-63B: length, no composition rules, and a block-list of passwords known from breaches. The list is the
// one maintained by zxcvbn-ts (~49k entries), compared case-insensitively.

let blocked: Set<string> | undefined;

function isCommon(password: string): boolean {
  blocked ??= new Set((commonPasswords as string[]).map((p) => p.toLowerCase()));
  return blocked.has(password.toLowerCase());
}

/** A reason the password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `Password must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (isCommon(password)) return "This password is too common; choose another";
  return null;
}
