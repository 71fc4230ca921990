import { describe, expect, it } from "vitest";
import { classifyStartRejection, deriveInviteStatus, effectiveExpiry, isExpired, LEGACY_LIFETIME_MS } from "./status";

const now = new Date("2026-06-01T12:00:00Z");
const base = {
  expiresAt: new Date("2026-06-02T12:00:00Z"),
  createdAt: new Date("2026-05-30T12:00:00Z"),
  maxAttempts: 1,
  currentAttempts: 0,
  revokedAt: null,
  interviewOpen: true,
};
const noSessions = { inProgress: false, completed: false };

describe("invite status rules", () => {
  it("legacy invites: no expires_at means 7 days after creation, no max_attempts means 1", () => {
    const legacy = { ...base, expiresAt: null, maxAttempts: null };
    expect(effectiveExpiry(legacy).getTime()).toBe(base.createdAt.getTime() + LEGACY_LIFETIME_MS);
    expect(deriveInviteStatus(legacy, noSessions, now).status).toBe("active");
    expect(deriveInviteStatus({ ...legacy, currentAttempts: 1 }, noSessions, now).status).toBe("attempts_exhausted");
    expect(deriveInviteStatus(legacy, noSessions, new Date("2026-06-06T12:00:00Z")).status).toBe("expired");
  });

  it("expiry has no leeway: expired from the very instant", () => {
    expect(isExpired(base, new Date(base.expiresAt.getTime() - 1))).toBe(false);
    expect(isExpired(base, base.expiresAt)).toBe(true);
  });

  it("derives every status, with a reason", () => {
    expect(deriveInviteStatus({ ...base, revokedAt: now }, { inProgress: true, completed: true }, now).status).toBe(
      "revoked",
    );
    expect(deriveInviteStatus(base, { inProgress: false, completed: true }, now).status).toBe("completed");
    expect(deriveInviteStatus(base, { inProgress: true, completed: false }, now).status).toBe("in_progress");
    expect(deriveInviteStatus({ ...base, currentAttempts: 1 }, noSessions, now)).toMatchObject({
      status: "attempts_exhausted",
      reason: expect.stringContaining("1 attempt"),
    });
    expect(deriveInviteStatus(base, noSessions, now).reason).toContain("1 attempt(s) left");
  });
});

describe("start rejection precedence: a link that does not work beats expired beats no attempts left", () => {
  const expired = { expiresAt: new Date("2026-05-31T00:00:00Z") };
  const exhausted = { currentAttempts: 1 };
  const table: [string, Parameters<typeof classifyStartRejection>[0], string | null][] = [
    ["unknown", null, "invalid_invite"],
    ["revoked + expired + exhausted", { ...base, ...expired, ...exhausted, revokedAt: now }, "invite_revoked"],
    ["interview closed + expired", { ...base, ...expired, interviewOpen: false }, "interview_closed"],
    ["expired + exhausted", { ...base, ...expired, ...exhausted }, "invite_expired"],
    ["expired", { ...base, ...expired }, "invite_expired"],
    ["exhausted", { ...base, ...exhausted }, "attempts_exhausted"],
    ["startable", base, null],
  ];
  it.each(table)("%s → %s", (_name, facts, reason) => {
    expect(classifyStartRejection(facts, now)?.reason ?? null).toBe(reason);
  });
});
