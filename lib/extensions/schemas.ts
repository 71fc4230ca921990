import { z } from "zod";
import { REASON_MAX_CHARS } from "./eligibility";

const MAX_NEW_EXPIRY_MS = 365 * 24 * 3600 * 1000; // an approved expiry at most a year ahead
export const MIN_NEW_EXPIRY_MS = 3600 * 1000; // an approved expiry at least an hour ahead: time to act on the email
const NOTE_MAX_CHARS = 1000; // characters

/** POST /api/candidates/invites/extension-request: the invite link's value and a short reason. */
export const ExtensionRequestBody = z.object({
  token: z.string().min(1).max(512),
  reason: z.string().trim().min(1, "Say briefly why you need more time").max(REASON_MAX_CHARS),
});

/**
 * POST /api/interviewer/extension-requests/{requestId}/decision. Approving needs the new expiry (checked against the
 * clock in lib, at least an hour and at most a year ahead); a note is optional either way and goes to the candidate.
 */
export const ExtensionDecisionBody = z.discriminatedUnion("decision", [
  z.object({
    decision: z.literal("approve"),
    new_expires_at: z.iso.datetime({ offset: true }),
    note: z.string().trim().max(NOTE_MAX_CHARS).optional(),
  }),
  z.object({
    decision: z.literal("decline"),
    note: z.string().trim().max(NOTE_MAX_CHARS).optional(),
  }),
]);

export type ExtensionDecisionInput = z.infer<typeof ExtensionDecisionBody>;

/** The issues of a new expiry that is too soon or too far, for the caller's 422; null when it is acceptable. */
export function newExpiryProblem(newExpiresAt: Date, now: Date): string | null {
  if (Number.isNaN(newExpiresAt.getTime())) return "must be a date and time";
  if (newExpiresAt.getTime() < now.getTime() + MIN_NEW_EXPIRY_MS) return "must be at least an hour from now";
  if (newExpiresAt.getTime() > now.getTime() + MAX_NEW_EXPIRY_MS) return "must be within a year";
  return null;
}
