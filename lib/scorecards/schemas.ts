import { z } from "zod";
import { RECOMMENDATIONS } from "@/db/schema";
import { MAX_NOTE_CHARS, MAX_PRIVATE_NOTE_CHARS, SCORE_MAX, SCORE_MIN } from "./rules";

// The scorecard body of PUT .../scorecards/mine (a draft) and POST .../scorecards/mine/submit, and the same from the
// review page's form. Whether the answers and criteria exist is the rubric's business (rules.ts, 400 with a reason);
// here only the shape and the bounds (422).

const MAX_SCORE_ENTRIES = 300; // 50 questions of 6 criteria

export const ScoreEntry = z.object({
  answer: z.number().int().min(0).max(49),
  criterion: z.string().trim().min(1).max(200),
  score: z
    .number()
    .int()
    .min(SCORE_MIN, `A score is ${SCORE_MIN} to ${SCORE_MAX}`)
    .max(SCORE_MAX, `A score is ${SCORE_MIN} to ${SCORE_MAX}`)
    .nullable()
    .optional(),
  note: z.string().max(MAX_NOTE_CHARS, `A note may have at most ${MAX_NOTE_CHARS} characters`).nullable().optional(),
});

export const ScorecardBody = z.object({
  scores: z.array(ScoreEntry).max(MAX_SCORE_ENTRIES).default([]),
  recommendation: z
    .enum(RECOMMENDATIONS, { error: `The recommendation is one of ${RECOMMENDATIONS.join(", ")}` })
    .nullable()
    .optional(),
  private_note: z
    .string()
    .max(MAX_PRIVATE_NOTE_CHARS, `The private note may have at most ${MAX_PRIVATE_NOTE_CHARS} characters`)
    .nullable()
    .optional(),
});

export type ScorecardBodyInput = z.infer<typeof ScorecardBody>;

/**
 * The review page's form, flat as FormData is: `score:<answer>:<criterion>` radios ("1" to "5"),
 * `note:<answer>:<criterion>` texts, `recommendation`, `private_note`, and the session's id.
 */
function fromForm(raw: unknown) {
  if (!raw || typeof raw !== "object") return raw;
  const entries = new Map<string, { answer: number; criterion: string; score?: number; note?: string }>();
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const match = /^(score|note):(\d+):(.+)$/s.exec(key);
    if (!match || typeof value !== "string") {
      rest[key] = value === "" ? null : value;
      continue;
    }
    const [, kind, answer, criterion] = match;
    const entry = entries.get(`${answer}:${criterion}`) ?? { answer: Number(answer), criterion: criterion! };
    if (kind === "score" && value !== "") entry.score = Number(value);
    if (kind === "note") entry.note = value;
    entries.set(`${answer}:${criterion}`, entry);
  }
  return { ...rest, scores: [...entries.values()] };
}

export const ScorecardForm = z.preprocess(fromForm, ScorecardBody.extend({ sessionId: z.uuid("Unknown session") }));
