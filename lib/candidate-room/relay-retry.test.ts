import { describe, expect, it } from "vitest";
import {
  disconnectedState,
  MAX_RETRY_MS,
  needsFreshToken,
  RECONNECTING_FOR_MS,
  relayRetryDelayMs,
} from "./relay-retry";

describe("relay reconnect schedule", () => {
  it("doubles from one second and never waits more than 20 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(relayRetryDelayMs)).toEqual([
      1000,
      2000,
      4000,
      8000,
      16000,
      MAX_RETRY_MS,
      MAX_RETRY_MS,
      MAX_RETRY_MS,
    ]);
    expect(relayRetryDelayMs(0)).toBe(1000);
  });

  it("says reconnecting for a minute after a drop, then local mode; never connected is local mode at once", () => {
    const dropped = 1_000_000;
    expect(disconnectedState(dropped, dropped)).toBe("reconnecting");
    expect(disconnectedState(dropped, dropped + RECONNECTING_FOR_MS - 1)).toBe("reconnecting");
    expect(disconnectedState(dropped, dropped + RECONNECTING_FOR_MS)).toBe("local");
    expect(disconnectedState(null, dropped)).toBe("local");
  });

  it("refreshes a join token within 30 s of its expiry, an expired one, and an unreadable one", () => {
    const now = Date.parse("2026-11-30T12:00:00Z");
    expect(needsFreshToken("2026-11-30T12:00:31Z", now)).toBe(false);
    expect(needsFreshToken("2026-11-30T12:00:30Z", now)).toBe(true);
    expect(needsFreshToken("2026-11-30T11:59:00Z", now)).toBe(true);
    expect(needsFreshToken("not a date", now)).toBe(true);
  });
});
