import { createHash } from "node:crypto";
import { randomToken } from "@/lib/crypto/random-token";

// Invite values: 256 random bits, base64url (43 characters). Only the SHA-256 is stored; the value is shown once.
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const newInviteValue = (): string => randomToken(TOKEN_BYTES);
export const isWellFormedInvite = (value: string): boolean => TOKEN_PATTERN.test(value);
export const hashInvite = (value: string): string => createHash("sha256").update(value).digest("hex");
