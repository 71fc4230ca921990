import { createHash, createHmac, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// A resume token proves "I am the candidate who started this session" after a reload or a dropped connection.
// 256 random bits; only its hash is stored; it rotates on every resume.
//
// The rotated token is an HMAC of the one presented (like refresh tokens, lib/auth/refresh-token.ts). A double click
// or a second tab re-presenting the same token within RESUME_REUSE_GRACE_S is therefore answered with the very same
// rotated token and session, without the server ever storing a token in clear.

export const RESUME_REUSE_GRACE_S = 10; // seconds a rotated-away resume token still answers its session

export const newResumeToken = (): string => randomBytes(32).toString("base64url");
export const hashResumeToken = (value: string): string => createHash("sha256").update(`resume:${value}`).digest("hex");

export function deriveResumeChild(parent: string): string {
  const derivationKey = createHmac("sha256", env().JWT_SECRET).update("resume-token-rotation/v1").digest();
  return createHmac("sha256", derivationKey).update(parent).digest("base64url");
}

/** The cookie is scoped to one invite by its name (the API paths are shared by all invites). */
export const resumeCookieName = (invite: string): string =>
  `aii_resume_${createHash("sha256").update(invite).digest("hex").slice(0, 16)}`;
