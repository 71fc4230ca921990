import { describe, expect, it } from "vitest";
import { isPasswordExpired, passwordAgeDays, passwordExpiresAt } from "./password-expiry";

const DAY = 86_400_000;
const changedAt = new Date("2026-01-01T09:00:00.000Z");
const at = (ms: number) => new Date(changedAt.getTime() + ms);

describe("password expiry", () => {
  it("never expires when the company sets no maximum", () => {
    expect(passwordExpiresAt(changedAt, null)).toBeNull();
    expect(isPasswordExpired(null, at(10_000 * DAY))).toBe(false);
    expect(isPasswordExpired(undefined, at(10_000 * DAY))).toBe(false);
  });

  it("is good at exactly the maximum age and expired one millisecond later", () => {
    const expiresAt = passwordExpiresAt(changedAt, 90)!;
    expect(expiresAt.toISOString()).toBe("2026-04-01T09:00:00.000Z");
    expect(isPasswordExpired(expiresAt, at(90 * DAY - 1))).toBe(false);
    expect(isPasswordExpired(expiresAt, at(90 * DAY))).toBe(false);
    expect(isPasswordExpired(expiresAt, at(90 * DAY + 1))).toBe(true);
    // The cached session context carries the instant as an ISO string.
    expect(isPasswordExpired(expiresAt.toISOString(), at(90 * DAY + 1))).toBe(true);
  });

  it("works at the smallest and largest allowed maximums", () => {
    expect(isPasswordExpired(passwordExpiresAt(changedAt, 30), at(30 * DAY))).toBe(false);
    expect(isPasswordExpired(passwordExpiresAt(changedAt, 30), at(30 * DAY + 1))).toBe(true);
    expect(isPasswordExpired(passwordExpiresAt(changedAt, 730), at(730 * DAY))).toBe(false);
    expect(isPasswordExpired(passwordExpiresAt(changedAt, 730), at(730 * DAY + 1))).toBe(true);
  });

  it("counts whole days of age, never negative", () => {
    expect(passwordAgeDays(changedAt, at(0))).toBe(0);
    expect(passwordAgeDays(changedAt, at(DAY - 1))).toBe(0);
    expect(passwordAgeDays(changedAt, at(DAY))).toBe(1);
    expect(passwordAgeDays(changedAt, at(91 * DAY + 5))).toBe(91);
    expect(passwordAgeDays(changedAt, at(-5 * DAY))).toBe(0);
  });
});
