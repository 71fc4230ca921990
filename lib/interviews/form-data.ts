import { z } from "zod";
import { CreateInterviewBody } from "@/lib/interviews/schemas";
import { toCompetenciesInput, toCriteriaInput, type CompetencyDraft, type CriterionDraft } from "./rubric-draft";

// The create/edit form as plain strings (what inputs hold) and its conversion into the API body. Shared by the
// client, which validates before sending so each question gets its own inline error, and the server action, which
// validates again.

export interface QuestionDraft {
  /** Stable React key only; never sent. */
  key: string;
  text: string;
  timeLimit: string;
  thinkTime: string;
  /** None: the question's answers are transcribed but not scored. */
  criteria: CriterionDraft[];
}

export interface InterviewDraft {
  title: string;
  position: string;
  description: string;
  retakes_allowed: string;
  resume_grace_minutes: string;
  /** A checkbox: "on" when ticked, "" when not. */
  practice_question: string;
  status: string;
  /** "on" or "off"; absent leaves the setting as it is (the database's default on create). */
  blind_review?: string;
  /** The decision email templates as JSON (review-settings.tsx); absent leaves them as they are. */
  decision_emails?: string;
  /** Reminder hours before expiry, separated by commas ("48, 24"); blank sends none; absent leaves them as they are. */
  reminder_offsets_hours?: string;
}

// Blank means "not given"; text that is not a number stays text, so the schema rejects it instead of JSON turning
// NaN into null (which would silently drop a think time).
function wholeNumber(value: string): number | string | undefined {
  if (value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : value;
}

/** Question drafts as the API's `questions` array (blank think time means none). */
export function toQuestionsInput(questions: readonly QuestionDraft[]) {
  return questions.map((q) => ({
    text: q.text,
    time_limit_seconds: wholeNumber(q.timeLimit),
    think_time_seconds: wholeNumber(q.thinkTime) ?? null,
    criteria: toCriteriaInput(q.criteria),
  }));
}

function parseJsonList(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return [];
  }
}

// Not JSON: an invalid value the schema then rejects (an object would silently reset every template).
function parseJsonObject(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

// "48, 24" as [48, 24]; blank as [] (no reminders). Text that is not a number stays in the list, so the schema names it.
function hoursList(value: string): unknown[] {
  return value
    .split(/[\s,;]+/)
    .filter((part) => part !== "")
    .map((part) => wholeNumber(part));
}

const FormStrings = z
  .object({
    title: z.string().default(""),
    position: z.string().default(""),
    description: z.string().default(""),
    retakes_allowed: z.string().default("0"),
    resume_grace_minutes: z.string().default("15"),
    practice_question: z.string().default(""),
    status: z.string().default("active"),
    questions: z.string().default("[]"),
    competencies: z.string().default("[]"),
    blind_review: z.string().optional(),
    decision_emails: z.string().optional(),
    reminder_offsets_hours: z.string().optional(),
  })
  .transform((form) => ({
    title: form.title,
    position: form.position.trim() || null,
    description: form.description.trim() || null,
    retakes_allowed: wholeNumber(form.retakes_allowed),
    resume_grace_minutes: wholeNumber(form.resume_grace_minutes),
    practice_question: form.practice_question === "on",
    status: form.status,
    questions: parseJsonList(form.questions),
    competencies: parseJsonList(form.competencies),
    blind_review: form.blind_review === undefined ? undefined : form.blind_review === "on",
    decision_emails: form.decision_emails === undefined ? undefined : parseJsonObject(form.decision_emails),
    reminder_offsets_hours:
      form.reminder_offsets_hours === undefined ? undefined : hoursList(form.reminder_offsets_hours),
  }));

/** FormData (flat strings; questions, with their criteria, and competencies as JSON) into the shape CreateInterviewBody/UpdateInterviewBody parse. */
export function formToInterviewBody(form: unknown): unknown {
  const parsed = FormStrings.safeParse(form);
  return parsed.success ? parsed.data : form;
}

export interface DraftErrors {
  fields: Record<string, string>;
  /** Per question index, per field ("text", "time_limit_seconds", "think_time_seconds"). */
  questions: Record<number, Record<string, string>>;
  /**
   * The rubric's problems by draft key, so they stay put when items are added or removed: a criterion's or
   * competency's key and field ("c4.name", "c4.anchors.3"), or a question's key (its criteria as a whole), or
   * "competencies" (the list as a whole).
   */
  rubric: Record<string, string>;
}

export const hasErrors = (errors: DraftErrors) =>
  [errors.fields, errors.questions, errors.rubric].some((group) => Object.keys(group).length > 0);

/** Client-side check with the same schema the server uses; empty errors mean the draft can be sent. */
export function validateDraft(
  draft: InterviewDraft,
  questions: readonly QuestionDraft[],
  competencies: readonly CompetencyDraft[] = [],
): DraftErrors {
  const body = FormStrings.parse({
    ...draft,
    questions: JSON.stringify(toQuestionsInput(questions)),
    competencies: JSON.stringify(toCompetenciesInput(competencies)),
  });
  const result = CreateInterviewBody.safeParse({ ...body, status: body.status === "archived" ? "draft" : body.status });
  const errors: DraftErrors = { fields: {}, questions: {}, rubric: {} };
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const rubricKey = rubricErrorKey(issue.path, questions, competencies);
    const [field, index, key] = issue.path;
    if (rubricKey !== undefined) {
      errors.rubric[rubricKey] ??= issue.message;
    } else if (field === "decision_emails" && typeof index === "string" && typeof key === "string") {
      // Per template field, e.g. "decision_emails.reject.body", so each shows under its own input.
      errors.fields[`decision_emails.${index}.${key}`] ??= issue.message;
    } else if (field === "questions" && typeof index === "number" && typeof key === "string") {
      const perQuestion = (errors.questions[index] ??= {});
      perQuestion[key] ??= readable(issue.message, key);
    } else {
      errors.fields[String(field ?? "form")] ??= readable(issue.message, String(field));
    }
  }
  return errors;
}

function rubricErrorKey(
  path: readonly PropertyKey[],
  questions: readonly QuestionDraft[],
  competencies: readonly CompetencyDraft[],
) {
  const at = (key: string | undefined, rest: readonly PropertyKey[]) =>
    key === undefined ? undefined : [key, ...rest.map(String)].join(".");
  if (path[0] === "competencies") {
    return typeof path[1] === "number" ? at(competencies[path[1]]?.key, path.slice(2)) : "competencies";
  }
  if (path[0] === "questions" && typeof path[1] === "number" && path[2] === "criteria") {
    const question = questions[path[1]];
    return typeof path[3] === "number" ? at(question?.criteria[path[3]]?.key, path.slice(4)) : question?.key;
  }
  return undefined;
}

// zod's default messages speak of types ("expected number, received undefined"); say what to type instead.
function readable(message: string, field: string): string {
  if (!message.startsWith("Invalid input") && !message.startsWith("Too")) return message;
  const limits: Record<string, string> = {
    time_limit_seconds: "Enter a time limit from 10 to 1800 seconds",
    think_time_seconds: "Enter a think time from 0 to 600 seconds, or leave it blank",
    retakes_allowed: "Enter a whole number from 0 to 10",
    resume_grace_minutes: "Enter a whole number of minutes from 0 to 1440",
    title: "Use at most 200 characters",
    position: "Use at most 200 characters",
    description: "Use at most 5000 characters",
    text: "Use at most 2000 characters",
  };
  return limits[field] ?? message;
}
