import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { canonicalTimeZone, describeExpiryRule, formatInZone, normalizeRule, resolveExpiry } from "./expiry-rules";

// These must hold whatever the machine's own zone is: CI runs them under TZ=America/St_Johns and TZ=Pacific/Kiritimati.

const at = (iso: string) => new Date(iso);
const days = (n: number, time_zone: string) => ({ kind: "business_days" as const, days: n, time_zone });
const endOf = (date: string, time_zone: string) => ({ kind: "end_of_day" as const, date, time_zone });

describe("resolveExpiry: known examples", () => {
  it("hours: now plus the hours", () => {
    expect(resolveExpiry({ kind: "hours", hours: 72 }, { now: at("2026-12-04T10:00:00Z") }).toISOString()).toBe(
      "2026-12-07T10:00:00.000Z",
    );
  });

  it("at: the instant given beside it", () => {
    const instant = at("2026-12-10T08:00:00Z");
    expect(resolveExpiry({ kind: "at" }, { now: at("2026-12-04T10:00:00Z"), at: instant })).toEqual(instant);
    expect(() => resolveExpiry({ kind: "at" }, { now: at("2026-12-04T10:00:00Z") })).toThrow(/instant/);
  });

  it("a Friday plus 1 business day is the end of Monday, in the rule's zone", () => {
    const friday = at("2026-12-04T10:00:00Z");
    expect(resolveExpiry(days(1, "Europe/Berlin"), { now: friday }).toISOString()).toBe("2026-12-07T22:59:59.999Z");
    expect(resolveExpiry(days(5, "Europe/Berlin"), { now: friday }).toISOString()).toBe("2026-12-11T22:59:59.999Z");
  });

  it("skips company holidays as it skips weekends", () => {
    const friday = at("2026-12-04T10:00:00Z");
    const holidays = ["2026-12-07", "2026-12-08"];
    expect(resolveExpiry(days(1, "Europe/Berlin"), { now: friday, holidays }).toISOString()).toBe(
      "2026-12-09T22:59:59.999Z",
    );
    // Christmas week: Thursday 24 + 2 business days with 25 and 28 off is Wednesday 30.
    const christmas = ["2026-12-25", "2026-12-28"];
    const thursday = at("2026-12-24T09:00:00Z");
    expect(resolveExpiry(days(2, "America/New_York"), { now: thursday, holidays: christmas }).toISOString()).toBe(
      "2026-12-31T04:59:59.999Z",
    );
  });

  it("counts from today in the rule's zone, not the server's or UTC's", () => {
    // Thursday 20:00 UTC is already Friday morning in Sydney.
    const now = at("2026-12-03T20:00:00Z");
    expect(resolveExpiry(days(1, "Europe/Berlin"), { now }).toISOString()).toBe("2026-12-04T22:59:59.999Z");
    expect(resolveExpiry(days(1, "Australia/Sydney"), { now }).toISOString()).toBe("2026-12-07T12:59:59.999Z");
  });

  it("keeps 23:59:59.999 local across a DST change", () => {
    // Berlin moves to summer time on Sunday 29 March 2026: Friday + 1 is Monday, at UTC+2.
    expect(resolveExpiry(days(1, "Europe/Berlin"), { now: at("2026-03-27T12:00:00Z") }).toISOString()).toBe(
      "2026-03-30T21:59:59.999Z",
    );
    // Sydney leaves summer time on Sunday 5 April 2026: Friday + 1 is Monday, at UTC+10.
    expect(resolveExpiry(days(1, "Australia/Sydney"), { now: at("2026-04-02T23:00:00Z") }).toISOString()).toBe(
      "2026-04-06T13:59:59.999Z",
    );
  });

  it("end_of_day: the end of that local day, in winter and summer and odd offsets", () => {
    const now = at("2026-06-01T00:00:00Z");
    const cases: [string, string, string][] = [
      ["2026-12-04", "Europe/Berlin", "2026-12-04T22:59:59.999Z"],
      ["2026-07-03", "Europe/Berlin", "2026-07-03T21:59:59.999Z"],
      ["2026-12-04", "America/St_Johns", "2026-12-05T03:29:59.999Z"],
      ["2026-12-04", "Pacific/Chatham", "2026-12-04T10:14:59.999Z"],
      ["2026-12-04", "Asia/Kolkata", "2026-12-04T18:29:59.999Z"],
    ];
    for (const [date, zone, expected] of cases)
      expect(resolveExpiry(endOf(date, zone), { now }).toISOString(), `${date} ${zone}`).toBe(expected);
  });

  it("end_of_day: today is allowed until its last millisecond; a past day is refused", () => {
    const late = at("2026-12-04T22:00:00Z"); // 23:00 in Berlin
    expect(resolveExpiry(endOf("2026-12-04", "Europe/Berlin"), { now: late }).toISOString()).toBe(
      "2026-12-04T22:59:59.999Z",
    );
    expect(() => resolveExpiry(endOf("2026-12-04", "Europe/Berlin"), { now: at("2026-12-04T23:00:00Z") })).toThrow(
      expect.objectContaining({ status: 422, reason: "expiry_in_past" }),
    );
    expect(() => resolveExpiry(endOf("2028-01-01", "Europe/Berlin"), { now: late })).toThrow(
      expect.objectContaining({ status: 422, reason: "expiry_too_far" }),
    );
    expect(() => resolveExpiry(endOf("2026-02-30", "Europe/Berlin"), { now: late })).toThrow(
      expect.objectContaining({ status: 422, reason: "validation_error" }),
    );
  });

  it("refuses a zone that is not IANA, with its reason and field", () => {
    for (const zone of ["Mars/Olympus_Mons", "+02:00", "", "CEST"]) {
      expect(() => resolveExpiry(days(1, zone), { now: at("2026-12-04T10:00:00Z") }), zone).toThrow(
        expect.objectContaining({
          status: 422,
          reason: "invalid_time_zone",
          extra: expect.objectContaining({
            issues: [expect.objectContaining({ loc: ["body", "expiry_rule", "time_zone"] })],
          }),
        }),
      );
    }
    expect(canonicalTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("Asia/Kolkata")).toBe("Asia/Kolkata");
    expect(canonicalTimeZone("Europe/Kyiv")).toBe("Europe/Kyiv");
    expect(normalizeRule(days(2, "america/new_york"))).toEqual(days(2, "America/New_York"));
  });
});

describe("describeExpiryRule", () => {
  it("says the rule in plain words", () => {
    expect(describeExpiryRule({ kind: "hours", hours: 72 })).toBe("72 hours after it was sent");
    expect(describeExpiryRule({ kind: "hours", hours: 1 })).toBe("1 hour after it was sent");
    expect(describeExpiryRule(days(3, "Europe/Berlin"))).toBe(
      "3 business days, skipping weekends and company holidays (Europe/Berlin)",
    );
    expect(describeExpiryRule(endOf("2026-12-04", "Europe/Berlin"))).toBe(
      "End of Friday 4 December 2026, Europe/Berlin",
    );
    expect(describeExpiryRule({ kind: "at" })).toMatch(/exact time/);
    expect(formatInZone(at("2026-12-04T22:59:59.999Z"), "Europe/Berlin")).toBe("Friday 4 Dec, 23:59");
  });
});

// --- Properties, across DST changes in zones with odd offsets and both hemispheres ------------------------------------

const ZONES = [
  "Europe/Berlin",
  "America/New_York",
  "Australia/Sydney",
  "America/St_Johns",
  "Pacific/Chatham",
  "Asia/Kolkata",
  "America/Santiago", // DST changes at midnight
  "Pacific/Kiritimati",
  "Pacific/Pago_Pago",
  "Asia/Tehran",
  "UTC",
];
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2029, 0, 1);
const DAY_MS = 86_400_000;

// The oracle walks calendar dates (plain YYYY-MM-DD arithmetic on UTC dates, no zone involved), independently of luxon.
const nextDate = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay(); // 0 Sunday .. 6 Saturday
const isWorkday = (iso: string, holidays: ReadonlySet<string>) =>
  weekday(iso) !== 0 && weekday(iso) !== 6 && !holidays.has(iso);
function businessDaysBetween(today: string, last: string, holidays: ReadonlySet<string>): number {
  let n = 0;
  for (let d = nextDate(today); d <= last; d = nextDate(d)) if (isWorkday(d, holidays)) n += 1;
  return n;
}
const localParts = (instant: Date, zone: string) => {
  const local = DateTime.fromJSDate(instant, { zone });
  return { date: local.toISODate()!, time: local.toFormat("HH:mm:ss.SSS") };
};

const nowArb = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms));
const zoneArb = fc.constantFrom(...ZONES);
// Holidays near the clock, so they matter: offsets in days from now.
const holidaysFor = (now: Date, offsets: number[]) =>
  offsets.map((o) => new Date(now.getTime() + o * DAY_MS).toISOString().slice(0, 10));

describe("resolveExpiry: properties", () => {
  it("business_days: in the future, 23:59:59.999 local on a workday, exactly N business days after today", () => {
    fc.assert(
      fc.property(
        nowArb,
        zoneArb,
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.integer({ min: -2, max: 90 }), { maxLength: 30 }),
        (now, zone, n, offsets) => {
          const holidays = holidaysFor(now, offsets);
          const resolved = resolveExpiry(days(n, zone), { now, holidays });
          expect(resolved.getTime()).toBeGreaterThan(now.getTime());
          const { date, time } = localParts(resolved, zone);
          expect(time).toBe("23:59:59.999");
          const skip = new Set(holidays);
          expect(isWorkday(date, skip)).toBe(true);
          expect(businessDaysBetween(localParts(now, zone).date, date, skip)).toBe(n);
          // The very next instant is already the next local day: the invite lasts the whole of its last day.
          expect(localParts(new Date(resolved.getTime() + 1), zone).date).toBe(nextDate(date));
        },
      ),
      { numRuns: 250 },
    );
  });

  it("business_days: monotonic in N", () => {
    fc.assert(
      fc.property(
        nowArb,
        zoneArb,
        fc.integer({ min: 1, max: 59 }),
        fc.array(fc.integer({ min: 0, max: 90 }), { maxLength: 20 }),
        (now, zone, n, offsets) => {
          const holidays = holidaysFor(now, offsets);
          const shorter = resolveExpiry(days(n, zone), { now, holidays });
          const longer = resolveExpiry(days(n + 1, zone), { now, holidays });
          expect(longer.getTime()).toBeGreaterThan(shorter.getTime());
          // At least one whole calendar day apart (a DST day is 23 hours).
          expect(longer.getTime() - shorter.getTime()).toBeGreaterThanOrEqual(DAY_MS - 3600_000);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("end_of_day: the last millisecond of that local date, or refused when it has passed", () => {
    fc.assert(
      fc.property(nowArb, zoneArb, fc.integer({ min: -3, max: 360 }), (now, zone, offset) => {
        const date = new Date(now.getTime() + offset * DAY_MS).toISOString().slice(0, 10);
        const today = localParts(now, zone).date;
        if (date < today) {
          expect(() => resolveExpiry(endOf(date, zone), { now })).toThrow(
            expect.objectContaining({ reason: "expiry_in_past" }),
          );
          return;
        }
        const resolved = resolveExpiry(endOf(date, zone), { now });
        expect(resolved.getTime()).toBeGreaterThan(now.getTime());
        expect(localParts(resolved, zone)).toEqual({ date, time: "23:59:59.999" });
        expect(localParts(new Date(resolved.getTime() + 1), zone).date).toBe(nextDate(date));
      }),
      { numRuns: 250 },
    );
  });

  it("around every DST change of 2026 in each zone, the end of the next business day is still 23:59:59.999 local", () => {
    for (const zone of ZONES) {
      // Find the year's offset changes by sampling each hour (luxon reads the zone's rules from Intl).
      const changes: number[] = [];
      let previous = DateTime.fromMillis(Date.UTC(2026, 0, 1), { zone }).offset;
      for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 3600_000) {
        const offset = DateTime.fromMillis(ms, { zone }).offset;
        if (offset !== previous) changes.push(ms);
        previous = offset;
      }
      for (const change of changes) {
        for (let hours = -72; hours <= 72; hours += 5) {
          const now = new Date(change + hours * 3600_000);
          const resolved = resolveExpiry(days(1, zone), { now });
          expect(localParts(resolved, zone).time, `${zone} ${now.toISOString()}`).toBe("23:59:59.999");
          expect(businessDaysBetween(localParts(now, zone).date, localParts(resolved, zone).date, new Set())).toBe(1);
        }
      }
    }
  });
});
