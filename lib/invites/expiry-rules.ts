import { DateTime, IANAZone } from "luxon";
import type { ExpiryRule } from "@/db/enums";
import { AppError, type Reason } from "@/lib/errors";

// Expiry rules: how an invite's expiry is chosen. Each resolves, once, to the UTC instant the invite stores in
// `expires_at`; the start statement only ever compares that instant. Every calendar and zone step is luxon's, on the
// platform's IANA data (Intl): nothing here adds offsets by hand. Pure and client-safe: the mint form previews with it.

export type { ExpiryRule } from "@/db/enums";

export const MAX_RULE_HOURS = 720; // hours; as expires_in_hours (30 days)
export const MAX_BUSINESS_DAYS = 60;
export const MAX_HOLIDAYS = 200; // dates per company
const MAX_AHEAD_MS = 365 * 24 * 3600 * 1000; // a rule resolves at most a year ahead, like an explicit expires_at
const WEEKEND = new Set([6, 7]); // luxon's weekday: Saturday, Sunday
const LOCALE = "en-GB"; // plain words are English, day before month, whatever the machine's locale

export type ExpiryRuleKind = ExpiryRule["kind"];

/** What the rule is resolved against: the clock, the company's holidays, and for `at`, the instant itself. */
export interface ResolveContext {
  now: Date;
  holidays?: readonly string[];
  at?: Date;
}

function ruleError(reason: Reason, field: string, message: string): AppError {
  return new AppError("VALIDATION", message, {
    reason,
    issues: [{ loc: ["body", "expiry_rule", field], msg: message, type: "value_error" }],
  });
}

/**
 * The zone's IANA name in its usual capitals ("europe/berlin" -> "Europe/Berlin"), or null if unknown. Only the
 * capitals change: a name the platform maps to an older alias (Asia/Kolkata -> Asia/Calcutta on ICU) stays as given.
 */
export function canonicalTimeZone(zone: string): string | null {
  if (!zone || !IANAZone.isValidZone(zone)) return null;
  const same = (name: string) => name.toLowerCase() === zone.toLowerCase();
  const resolved = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  return same(resolved) ? resolved : (timeZoneNames().find(same) ?? zone);
}

function requireZone(zone: string): string {
  const name = canonicalTimeZone(zone);
  if (!name)
    throw ruleError("invalid_time_zone", "time_zone", `"${zone}" is not an IANA time zone (for example Europe/Berlin)`);
  return name;
}

/** The IANA zones the platform knows, for a picker (UTC first, which Intl's list leaves out). */
export function timeZoneNames(): string[] {
  const names = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...names.filter((n) => n !== "UTC")];
}

export const isBusinessDay = (day: DateTime, holidays: ReadonlySet<string>): boolean =>
  !WEEKEND.has(day.weekday) && !holidays.has(day.toISODate()!);

/** The local date `days` business days after `now`'s local date in `zone` (today never counts). */
export function nthBusinessDay(now: Date, days: number, zone: string, holidays: readonly string[]): DateTime {
  const skip = new Set(holidays);
  // Walk dates, not instants: the date at noon never falls in a DST gap, so each step is exactly one calendar day.
  let day = DateTime.fromJSDate(now, { zone }).set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
  let counted = 0;
  while (counted < days) {
    day = day.plus({ days: 1 });
    if (isBusinessDay(day, skip)) counted += 1;
  }
  return day;
}

function checkWindow(instant: DateTime, now: Date, field: string): Date {
  const at = instant.toJSDate();
  if (at.getTime() <= now.getTime())
    throw ruleError("expiry_in_past", field, "this expiry has already passed; choose a later day");
  if (at.getTime() > now.getTime() + MAX_AHEAD_MS)
    throw ruleError("expiry_too_far", field, "an invite can expire at most a year ahead");
  return at;
}

/**
 * The UTC instant a rule resolves to at `now`:
 * - `hours`: now + hours;
 * - `at`: the instant given beside the rule (`ctx.at`);
 * - `business_days`: the end (23:59:59.999 local) of the Nth business day after today in the rule's zone, skipping
 *   Saturdays, Sundays and the holidays (ISO dates, read as local dates in that zone);
 * - `end_of_day`: the end (23:59:59.999 local) of that date in the rule's zone, which must still be ahead.
 * An unknown zone answers 422 `invalid_time_zone`; a past day `expiry_in_past`; more than a year ahead `expiry_too_far`.
 */
export function resolveExpiry(rule: ExpiryRule, ctx: ResolveContext): Date {
  switch (rule.kind) {
    case "hours":
      return new Date(ctx.now.getTime() + rule.hours * 3600 * 1000);
    case "at":
      if (!ctx.at) throw ruleError("validation_error", "kind", "an exact expiry needs its instant (expires_at)");
      return ctx.at;
    case "business_days": {
      const zone = requireZone(rule.time_zone);
      if (!Number.isInteger(rule.days) || rule.days < 1 || rule.days > MAX_BUSINESS_DAYS)
        throw ruleError(
          "validation_error",
          "days",
          `business days must be a whole number from 1 to ${MAX_BUSINESS_DAYS}`,
        );
      const day = nthBusinessDay(ctx.now, rule.days, zone, ctx.holidays ?? []);
      return checkWindow(day.endOf("day"), ctx.now, "days");
    }
    case "end_of_day": {
      const zone = requireZone(rule.time_zone);
      const day = DateTime.fromISO(rule.date, { zone });
      if (!/^\d{4}-\d{2}-\d{2}$/.test(rule.date) || !day.isValid)
        throw ruleError("validation_error", "date", "the date must be a calendar date (YYYY-MM-DD)");
      return checkWindow(day.endOf("day"), ctx.now, "date");
    }
  }
}

/** The rule with its zone spelled canonically, as it is stored (so "europe/berlin" shows as "Europe/Berlin"). */
export function normalizeRule(rule: ExpiryRule): ExpiryRule {
  if (rule.kind === "business_days" || rule.kind === "end_of_day")
    return { ...rule, time_zone: canonicalTimeZone(rule.time_zone) ?? rule.time_zone };
  return rule;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The rule in plain words, shown beside the instant: "3 business days, skipping weekends and company holidays (Europe/Berlin)". */
export function describeExpiryRule(rule: ExpiryRule): string {
  switch (rule.kind) {
    case "hours":
      return `${plural(rule.hours, "hour")} after it was sent`;
    case "at":
      return "An exact time chosen by the sender";
    case "business_days":
      return `${plural(rule.days, "business day")}, skipping weekends and company holidays (${rule.time_zone})`;
    case "end_of_day": {
      const day = DateTime.fromISO(rule.date, { zone: rule.time_zone, locale: LOCALE });
      const date = day.isValid ? day.toFormat("cccc d LLLL yyyy") : rule.date;
      return `End of ${date}, ${rule.time_zone}`;
    }
  }
}

/**
 * The zone a rule is about, if any (business days and end of day are read in one zone; an exact time keeps the zone of
 * the rule it replaced when an extension was approved).
 */
export const ruleTimeZone = (rule: ExpiryRule | null | undefined): string | null =>
  rule && (rule.kind === "business_days" || rule.kind === "end_of_day" || rule.kind === "at")
    ? (rule.time_zone ?? null)
    : null;

/** The instant as a clock in that zone reads it: "Friday 4 Dec, 23:59". */
export function formatInZone(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).setLocale(LOCALE).toFormat("cccc d LLL, HH:mm");
}
