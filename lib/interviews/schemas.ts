import { z } from "zod";
import {
  competenciesSchema,
  questionCriteriaSchema,
  toRubricIssues,
  type Competency,
  type Criterion,
} from "@/lib/evaluation/rubric";
import { DecisionEmailsInput } from "@/lib/decisions/email-templates";
import { AppError } from "@/lib/errors";
import { toValidationIssues } from "@/lib/http/validation";

// The API's interview bodies (snake_case, as the rest of the public API). Limits match the database CHECKs; the rubric
// (criteria per question, competencies per interview) is checked by lib/evaluation/rubric.ts.

/** A question's criteria: omitted or [] means none (its answers are transcribed but not scored), else 1 to 6. */
const QuestionCriteria = z
  .preprocess(
    (value) => (Array.isArray(value) && value.length === 0 ? undefined : value),
    questionCriteriaSchema.optional(),
  )
  .transform((criteria) => criteria ?? []);

export const QuestionInput = z.object({
  text: z.string().trim().min(1, "Question text is required").max(2000),
  time_limit_seconds: z.number().int().min(10).max(1800).default(120),
  think_time_seconds: z.number().int().min(0).max(600).nullable().optional(),
  criteria: QuestionCriteria,
});

export const MAX_REMINDERS = 5; // reminders per invite
export const MAX_REMINDER_OFFSET_HOURS = 720; // 30 days, the longest an invite lives

const REMINDER_OFFSETS_HINT = `Enter up to ${MAX_REMINDERS} different whole numbers of hours from 1 to ${MAX_REMINDER_OFFSET_HOURS}`;

/** Hours before an invite's expiry at which a candidate who has not started gets a reminder; [] sends none. */
export const ReminderOffsetsHours = z
  .array(
    z
      .number({ error: REMINDER_OFFSETS_HINT })
      .int(REMINDER_OFFSETS_HINT)
      .min(1, REMINDER_OFFSETS_HINT)
      .max(MAX_REMINDER_OFFSET_HOURS, REMINDER_OFFSETS_HINT),
    { error: REMINDER_OFFSETS_HINT },
  )
  .max(MAX_REMINDERS, `At most ${MAX_REMINDERS} reminders`)
  .refine((hours) => new Set(hours).size === hours.length, "Each reminder needs a different number of hours")
  .transform((hours) => [...hours].sort((a, b) => b - a));

const fields = {
  title: z.string().trim().min(1, "Title is required").max(200),
  position: z.string().trim().max(200).nullable().optional(),
  description: z.string().trim().max(5000).nullable().optional(),
  questions: z.array(QuestionInput).min(1, "Add at least one question").max(50),
  retakes_allowed: z.number().int().min(0).max(10),
  resume_grace_minutes: z.number().int().min(0).max(1440),
  practice_question: z.boolean(),
  competencies: competenciesSchema,
  status: z.enum(["draft", "active"]),
  /** Reviewers see nobody else's scores, nor the AI's, until they submit their own scorecard (default on). */
  blind_review: z.boolean(),
  /** The candidate's email per decision; a decision left out uses lib/decisions/email-templates.ts's default. */
  decision_emails: DecisionEmailsInput,
  reminder_offsets_hours: ReminderOffsetsHours,
};

export const CreateInterviewBody = z.object({
  ...fields,
  retakes_allowed: fields.retakes_allowed.default(0),
  resume_grace_minutes: fields.resume_grace_minutes.default(15),
  practice_question: fields.practice_question.default(true),
  competencies: fields.competencies.default([]),
  status: fields.status.default("active"),
  // Optional rather than defaulted: the database's defaults (blind, no templates) apply when they are left out.
  blind_review: fields.blind_review.optional(),
  decision_emails: fields.decision_emails.optional(),
  reminder_offsets_hours: fields.reminder_offsets_hours.optional(),
});

/**
 * Every field optional; `questions`, when given, replaces the whole list in its new order, each question with the
 * criteria it carries (none when omitted). `competencies`, when given, replaces the list.
 */
export const UpdateInterviewBody = z
  .object({ ...fields, status: z.enum(["draft", "active", "archived"]) })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Nothing to update");

// What lib/interviews/manage takes: the parsed bodies, except that callers inside the app (test fixtures, seeds) may
// leave the rubric out, which means no criteria and no competencies.
type QuestionData = Omit<z.infer<typeof QuestionInput>, "criteria"> & { criteria?: Criterion[] };
type WithOptionalRubric<T> = Omit<T, "questions" | "competencies"> & {
  questions?: QuestionData[];
  competencies?: Competency[];
};
export type CreateInterviewInput = WithOptionalRubric<z.infer<typeof CreateInterviewBody>> & {
  questions: QuestionData[];
};
export type UpdateInterviewInput = WithOptionalRubric<z.infer<typeof UpdateInterviewBody>>;

/** Where an issue sits in the rubric: a question's criteria or the interview's competencies. */
export const isRubricPath = (path: readonly PropertyKey[]) =>
  path[0] === "competencies" || (path[0] === "questions" && path[2] === "criteria");

const dotted = (path: readonly (string | number)[]) =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");

/**
 * Parses an interview body. The rest of the body fails as elsewhere (422, FastAPI-style issues, rubric issues listed
 * too); a body whose only problems are in its rubric is a 400 `invalid_rubric` whose detail says in words where each
 * problem is and names its field path, e.g. "Question 2, criterion 1: The anchor for score 3 is required
 * (questions[1].criteria[0].anchors.3)".
 */
export function parseInterviewBody<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  if (!result.error.issues.every((issue) => isRubricPath(issue.path))) {
    throw new AppError("VALIDATION", "Validation error", { issues: toValidationIssues(result.error, data, "body") });
  }
  const detail = toRubricIssues(result.error)
    .map((issue) => `${issue.detail} (${dotted(issue.path)})`)
    .join("; ");
  throw new AppError("BAD_REQUEST", detail, { reason: "invalid_rubric" });
}
