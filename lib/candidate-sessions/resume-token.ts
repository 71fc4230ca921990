import { createHash, randomBytes } from "node:crypto";

// A resume token proves "I am the candidate who started this session" after a reload or a dropped connection.
// 256 random bits; only its hash is stored; it rotates on every resume.
export const newResumeToken = (): string => randomBytes(32).toString("base64url");
export const hashResumeToken = (value: string): string => createHash("sha256").update(`resume:${value}`).digest("hex");

/** The cookie is scoped to one invite by its name (the API paths are shared by all invites). */
export const resumeCookieName = (invite: string): string =>
  `aii_resume_${createHash("sha256").update(invite).digest("hex").slice(0, 16)}`;
