import "server-only";
import { createHash, createHmac } from "node:crypto";
import { randomToken } from "@/lib/crypto/random-token";
import { env } from "@/lib/env";
import { hashInvite } from "@/lib/invites/token-value";

// A resume token proves "I am the candidate who started this session" after a reload or a dropped connection.
// 256 random bits; only its hash is stored; it rotates on every resume.
//
// The rotated token is an HMAC of the one presented (like refresh tokens, lib/auth/refresh-token.ts). A double click
// or a second tab re-presenting the same token within RESUME_REUSE_GRACE_S is therefore answered with the very same
// rotated token and session, without the server ever storing a token in clear.

export const RESUME_REUSE_GRACE_S = 10; // seconds a rotated-away resume token still answers its session

export const newResumeToken = (): string => randomToken(32);
export const hashResumeToken = (value: string): string => createHash("sha256").update(`resume:${value}`).digest("hex");

export function deriveResumeChild(parent: string): string {
  const derivationKey = createHmac("sha256", env().JWT_SECRET).update("resume-token-rotation/v1").digest();
  return createHmac("sha256", derivationKey).update(parent).digest("base64url");
}

/**
 * The cookie is scoped to one invite by its name (the API paths are shared by all invites): the first 16 hex digits of
 * the invite's SHA-256, which is the invite hash the statements look it up by, so a request hashes the invite once.
 */
export const resumeCookieNameForHash = (inviteHash: string): string => `aii_resume_${inviteHash.slice(0, 16)}`;
export const resumeCookieName = (invite: string): string => resumeCookieNameForHash(hashInvite(invite));
