import { z } from "zod";
import { MAX_BUSINESS_DAYS, MAX_RULE_HOURS, normalizeRule, resolveExpiry, type ExpiryRule } from "./expiry-rules";

// The ways a mint or a change may choose an invite's expiry, and the rule plus resolved instant the invite stores.
// Exactly one way per request: `expires_in_hours`, `expires_at` (an exact instant) or `expiry_rule`.

const timeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .meta({ description: "An IANA time zone, for example `Europe/Berlin`.", example: "Europe/Berlin" });

/** The rules a request may name (an exact time is given as `expires_at`, hours also as `expires_in_hours`). */
export const ExpiryRuleBody = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("hours"), hours: z.number().positive().max(MAX_RULE_HOURS) }),
    z.object({
      kind: z.literal("business_days"),
      days: z.number().int().min(1).max(MAX_BUSINESS_DAYS),
      time_zone: timeZone,
    }),
    z.object({ kind: z.literal("end_of_day"), date: z.iso.date(), time_zone: timeZone }),
  ])
  .meta({
    id: "ExpiryRuleInput",
    description:
      "How the expiry is chosen. `hours`: that many hours from now. `business_days`: the end (23:59:59.999 local) of the Nth business day after today in `time_zone`, skipping Saturdays, Sundays and the company's holidays. `end_of_day`: the end (23:59:59.999 local) of `date` in `time_zone`. 422 `invalid_time_zone` for a zone that is not IANA, `expiry_in_past` for a day already over, `expiry_too_far` past a year.",
  });

export type ExpiryRuleInput = z.infer<typeof ExpiryRuleBody>;

/** Exactly one way, or none: the refine shared by the mint and update bodies. */
export const atMostOneExpiry = (v: { expires_at?: unknown; expires_in_hours?: unknown; expiry_rule?: unknown }) =>
  [v.expires_at, v.expires_in_hours, v.expiry_rule].filter((x) => x !== undefined).length <= 1;

export interface ExpiryRequest {
  expires_at?: string;
  expires_in_hours?: number;
  expiry_rule?: ExpiryRuleInput;
}

/**
 * The rule a request chose and the instant it resolves to at `now` (holidays: the company's), or the fallback hours
 * when it chose none; null when it chose none and there is no fallback (an update that leaves the expiry alone).
 */
export function chooseExpiry(
  input: ExpiryRequest,
  ctx: { now: Date; holidays?: readonly string[]; fallbackHours?: number },
): { rule: ExpiryRule; expiresAt: Date } | null {
  let rule: ExpiryRule;
  if (input.expiry_rule) rule = normalizeRule(input.expiry_rule);
  else if (input.expires_at) rule = { kind: "at" };
  else if (input.expires_in_hours !== undefined) rule = { kind: "hours", hours: input.expires_in_hours };
  else if (ctx.fallbackHours !== undefined) rule = { kind: "hours", hours: ctx.fallbackHours };
  else return null;
  const at = input.expires_at ? new Date(input.expires_at) : undefined;
  return { rule, expiresAt: resolveExpiry(rule, { now: ctx.now, holidays: ctx.holidays, at }) };
}

/** Whether resolving the request needs the company's holiday list (only business days skip holidays). */
export const needsHolidays = (input: ExpiryRequest) => input.expiry_rule?.kind === "business_days";
