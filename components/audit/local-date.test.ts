import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endIsoToLocalDay, localDayEndIso, localDayStartIso, startIsoToLocalDay } from "./local-date";

// Node reads TZ on every Date call, so the viewer's timezone can be simulated for this file alone.
let savedTz: string | undefined;
beforeAll(() => {
  savedTz = process.env.TZ;
  process.env.TZ = "Europe/Berlin";
});
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe("calendar days in the viewer's timezone", () => {
  it("starts a day at local midnight", () => {
    expect(localDayStartIso("2025-01-15")).toBe("2025-01-14T23:00:00.000Z");
  });

  it("ends a day at the next local midnight, across a month end", () => {
    expect(localDayEndIso("2025-01-31")).toBe("2025-01-31T23:00:00.000Z");
  });

  it("follows daylight saving time: the spring-forward day has 23 hours", () => {
    expect(localDayStartIso("2025-03-30")).toBe("2025-03-29T23:00:00.000Z");
    expect(localDayEndIso("2025-03-30")).toBe("2025-03-30T22:00:00.000Z");
  });

  it("turns the bounds back into the days that were picked", () => {
    expect(startIsoToLocalDay(localDayStartIso("2025-03-30"))).toBe("2025-03-30");
    expect(endIsoToLocalDay(localDayEndIso("2025-03-30"))).toBe("2025-03-30");
    expect(endIsoToLocalDay(localDayEndIso("2024-12-31"))).toBe("2024-12-31");
  });
});
