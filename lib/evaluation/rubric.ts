import { z } from "zod";
import { AppError } from "@/lib/errors";

// What an interviewer scores an answer against. Each question carries 1 to 6 criteria; a criterion says what a good
// answer looks like and anchors scores 1, 3 and 5 (2 and 4 sit between anchors). The interview may also name overall
// competencies, which give the evaluator context but are not scored per answer.

export const MAX_CRITERIA_PER_QUESTION = 6;
export const MAX_COMPETENCIES = 8;

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);

export const criterionSchema = z.object({
  name: text("Criterion name", 80),
  good: text("What a good answer looks like", 600),
  anchors: z.object(
    {
      "1": text("The anchor for score 1", 300),
      "3": text("The anchor for score 3", 300),
      "5": text("The anchor for score 5", 300),
    },
    { error: "Anchors for scores 1, 3 and 5 are required" },
  ),
});

/** Names compared the way a reader would: case and surrounding/inner spacing ignored. */
const nameKey = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();

function uniqueNames(what: string) {
  return (items: { name: string }[], ctx: z.RefinementCtx) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const key = nameKey(item.name);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else
        ctx.addIssue({
          code: "custom",
          path: [index, "name"],
          message: `${what} "${item.name}" appears twice (also #${first + 1})`,
        });
    });
  };
}

export const questionCriteriaSchema = z
  .array(criterionSchema, { error: "Criteria must be a list" })
  .min(1, "Add at least one criterion")
  .max(MAX_CRITERIA_PER_QUESTION, `A question may have at most ${MAX_CRITERIA_PER_QUESTION} criteria`)
  .superRefine(uniqueNames("Criterion"));

export const competencySchema = z.object({
  name: text("Competency name", 80),
  description: text("Competency description", 600),
});

export const competenciesSchema = z
  .array(competencySchema, { error: "Competencies must be a list" })
  .max(MAX_COMPETENCIES, `An interview may have at most ${MAX_COMPETENCIES} competencies`)
  .superRefine(uniqueNames("Competency"));

/** An interview's rubric: `questions[i]` holds the criteria of the interview's i-th question (in question order). */
export const rubricSchema = z.object({
  competencies: competenciesSchema.default([]),
  questions: z.array(z.object({ criteria: questionCriteriaSchema }), { error: "Questions must be a list" }).max(50),
});

export type Criterion = z.infer<typeof criterionSchema>;
export type Competency = z.infer<typeof competencySchema>;
export type Rubric = z.infer<typeof rubricSchema>;

/** Offered for new interviews: these criteria on every question, no competencies (they are role-specific). */
export const DEFAULT_RUBRIC: { readonly criteria: readonly Criterion[]; readonly competencies: readonly Competency[] } =
  deepFreeze({
    criteria: [
      {
        name: "Relevance and structure",
        good: "Answers the question that was asked, stays on it, and is organised so the listener can follow from situation to conclusion.",
        anchors: {
          "1": "Does not address the question, or wanders without a recognisable point.",
          "3": "Addresses the question, but parts are off-topic or the order makes it hard to follow.",
          "5": "Addresses every part of the question directly, in a clear order, and ends with a conclusion or result.",
        },
      },
      {
        name: "Specificity and evidence",
        good: "Supports claims with concrete examples: what the candidate personally did, how, and what came of it (numbers, outcomes, lessons).",
        anchors: {
          "1": "Only general statements or hypotheticals; no example of what the candidate did.",
          "3": "Gives an example, but the candidate's own actions or the outcome stay vague.",
          "5": "A specific example with the candidate's own actions, the reasoning behind them and a concrete outcome.",
        },
      },
      {
        name: "Communication clarity",
        good: "Explains ideas plainly and precisely, defines terms the listener may not know, and gets to the point. Judge the content, not accent, fluency or filler words.",
        anchors: {
          "1": "The main point cannot be made out from what was said.",
          "3": "The main point comes across, but explanations are imprecise or rely on unexplained jargon.",
          "5": "Every point is explained precisely and plainly; a listener outside the field could follow it.",
        },
      },
    ],
    competencies: [],
  });

/** A fresh, editable copy of the default criteria for one question. */
export const defaultCriteria = (): Criterion[] => structuredClone(DEFAULT_RUBRIC.criteria) as Criterion[];

/** A rubric for an interview of `questionCount` questions, every question starting from the default criteria. */
export const defaultRubric = (questionCount: number): Rubric => ({
  competencies: [],
  questions: Array.from({ length: questionCount }, () => ({ criteria: defaultCriteria() })),
});

export interface RubricIssue {
  /** Where the problem is, e.g. ["questions", 1, "criteria", 0, "anchors", "3"]: the editor puts the message there. */
  path: (string | number)[];
  /** Says what is wrong, e.g. "The anchor for score 3 is required". */
  message: string;
  /** The same message with its place spelled out, e.g. "Question 2, criterion 1: The anchor for score 3 is required". */
  detail: string;
}

export type RubricValidation<T> = { ok: true; value: T } | { ok: false; issues: RubricIssue[]; detail: string };

function place(path: (string | number)[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = path[i + 1];
    if (typeof next !== "number") continue;
    if (key === "questions") parts.push(`Question ${next + 1}`);
    else if (key === "criteria") parts.push(`criterion ${next + 1}`);
    else if (key === "competencies") parts.push(`Competency ${next + 1}`);
  }
  if (parts.length === 0 && typeof path[0] === "number") parts.push(`#${path[0] + 1}`);
  return parts.join(", ");
}

export function toRubricIssues(error: z.ZodError): RubricIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
    const where = place(path);
    return { path, message: issue.message, detail: where ? `${where}: ${issue.message}` : issue.message };
  });
}

function validateWith<S extends z.ZodType>(schema: S, input: unknown): RubricValidation<z.infer<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issues = toRubricIssues(result.error);
  return { ok: false, issues, detail: issues.map((i) => i.detail).join("; ") };
}

/** Validates one question's criteria (the editor's inline errors use `issues[].path` relative to the list). */
export const validateCriteria = (input: unknown) => validateWith(questionCriteriaSchema, input);
export const validateCompetencies = (input: unknown) => validateWith(competenciesSchema, input);
export const validateRubric = (input: unknown) => validateWith(rubricSchema, input);

/** For route handlers: the rubric, or a 400 `{detail, code: "invalid_rubric"}` naming every problem and where. */
export function parseRubricOrThrow(input: unknown): Rubric {
  const result = validateRubric(input);
  if (result.ok) return result.value;
  throw new AppError("BAD_REQUEST", result.detail, { reason: "invalid_rubric" });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
