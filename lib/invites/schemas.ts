import { z } from "zod";
import { atMostOneExpiry, ExpiryRuleBody } from "./expiry-choice";
import { MAX_EXPIRY_HOURS } from "./status";

const MAX_EXPIRES_AT_MS = 365 * 24 * 3600 * 1000; // an explicit expiry at most a year ahead

const futureInstant = z.iso
  .datetime({ offset: true })
  .refine((v) => new Date(v).getTime() > Date.now(), "must be in the future")
  .refine((v) => new Date(v).getTime() <= Date.now() + MAX_EXPIRES_AT_MS, "must be within a year");

/** POST .../tokens (seed 000). The body is optional: no body means 72 h and 1 attempt. */
export const MintInviteBody = z
  .object({
    candidate_name: z.string().trim().min(1).max(200).nullable().optional(),
    candidate_email: z.email().max(255).nullable().optional(),
    expires_in_hours: z.number().positive().max(MAX_EXPIRY_HOURS).optional(),
    expires_at: futureInstant.optional(),
    expiry_rule: ExpiryRuleBody.optional(),
    max_attempts: z.number().int().min(1).max(10).optional(),
  })
  .refine(atMostOneExpiry, {
    message: "give only one of expires_at, expires_in_hours and expiry_rule",
    path: ["expires_at"],
  })
  .optional();

/**
 * PATCH .../tokens/{id}: set a new expiry (`expires_at`, or `expires_in_hours` from now), or push it back by
 * `extend_hours` (from the current expiry, or from now if it already passed); and/or add attempts.
 */
export const UpdateInviteBody = z
  .object({
    expires_in_hours: z.number().positive().max(MAX_EXPIRY_HOURS).optional(),
    expires_at: futureInstant.optional(),
    extend_hours: z.number().positive().max(MAX_EXPIRY_HOURS).optional(),
    expiry_rule: ExpiryRuleBody.optional(),
    add_attempts: z.number().int().min(1).max(9).optional(),
    // How many extension requests the candidate may make in all (HR and ADMIN only).
    extension_requests_allowed: z.number().int().min(0).max(10).optional(),
  })
  .refine(
    (v) => [v.expires_at, v.expires_in_hours, v.expiry_rule, v.extend_hours].filter((x) => x !== undefined).length <= 1,
    {
      message: "give only one of expires_at, expires_in_hours, expiry_rule and extend_hours",
      path: ["expires_at"],
    },
  )
  .refine((v) => Object.keys(v).length > 0, "Nothing to update");

export type MintInviteInput = NonNullable<z.infer<typeof MintInviteBody>>;
export type UpdateInviteInput = z.infer<typeof UpdateInviteBody>;

/** The expiry a mint or extension asks for, from `now`. */
export function requestedExpiry(
  input: { expires_at?: string; expires_in_hours?: number },
  now: Date,
  fallbackHours?: number,
): Date | null {
  if (input.expires_at) return new Date(input.expires_at);
  const hours = input.expires_in_hours ?? fallbackHours;
  return hours === undefined ? null : new Date(now.getTime() + hours * 3600 * 1000);
}

/** POST .../tokens/bulk: `name,email[,...]` lines, one invite per line; `expiry_rule` for rows without their own hours. */
export const BulkBody = z.object({ csv: z.string().min(1).max(60_000), expiry_rule: ExpiryRuleBody.optional() });
