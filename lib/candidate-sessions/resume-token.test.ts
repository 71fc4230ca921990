import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashInvite, newInviteValue } from "@/lib/invites/token-value";
import {
  deriveResumeChild,
  hashResumeToken,
  newResumeToken,
  resumeCookieName,
  resumeCookieNameForHash,
} from "./resume-token";

describe("resume tokens", () => {
  it("name the cookie as browsers already hold it: aii_resume_ and 16 hex digits of the invite's SHA-256", () => {
    const invite = newInviteValue();
    const expected = `aii_resume_${createHash("sha256").update(invite).digest("hex").slice(0, 16)}`;
    expect(resumeCookieName(invite)).toBe(expected);
    expect(resumeCookieNameForHash(hashInvite(invite))).toBe(expected);
  });

  it("are 256-bit base64url values, stored only as a hash, rotated to a child derived from the parent", () => {
    const token = newResumeToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hashResumeToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashResumeToken(token)).not.toContain(token);
    expect(deriveResumeChild(token)).toBe(deriveResumeChild(token));
    expect(deriveResumeChild(token)).not.toBe(deriveResumeChild(newResumeToken()));
  });
});
