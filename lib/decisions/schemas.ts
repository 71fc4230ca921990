import { z } from "zod";
import { DECISION_KINDS } from "./email-templates";

// The decision body of POST /api/interviewer/sessions/{id}/decision and of the dashboard's decision form.

export const REASON_MAX = 2000; // characters

export const DecisionBody = z.object({
  decision: z.enum(DECISION_KINDS),
  /** Required for hold and reject (lib/decisions/decide.ts says so with `reason_required`); blank means none. */
  reason: z
    .string()
    .trim()
    .max(REASON_MAX, `Use at most ${REASON_MAX} characters`)
    .nullish()
    .transform((reason) => reason || null),
  /** Email the candidate the interview's template for this decision (its invite must have an email address). */
  notify_candidate: z.boolean().default(false),
});

export type DecisionInput = z.infer<typeof DecisionBody>;
