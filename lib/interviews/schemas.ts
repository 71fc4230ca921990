import { z } from "zod";

// The API's interview bodies (snake_case, as the rest of the public API). Limits match the database CHECKs.

export const QuestionInput = z.object({
  text: z.string().trim().min(1, "Question text is required").max(2000),
  time_limit_seconds: z.number().int().min(10).max(1800).default(120),
  think_time_seconds: z.number().int().min(0).max(600).nullable().optional(),
});

const fields = {
  title: z.string().trim().min(1, "Title is required").max(200),
  position: z.string().trim().max(200).nullable().optional(),
  description: z.string().trim().max(5000).nullable().optional(),
  questions: z.array(QuestionInput).min(1, "Add at least one question").max(50),
  retakes_allowed: z.number().int().min(0).max(10),
  resume_grace_minutes: z.number().int().min(0).max(1440),
  practice_question: z.boolean(),
  status: z.enum(["draft", "active"]),
};

export const CreateInterviewBody = z.object({
  ...fields,
  retakes_allowed: fields.retakes_allowed.default(0),
  resume_grace_minutes: fields.resume_grace_minutes.default(15),
  practice_question: fields.practice_question.default(true),
  status: fields.status.default("active"),
});

/** Every field optional; `questions`, when given, replaces the whole list in its new order. */
export const UpdateInterviewBody = z
  .object({ ...fields, status: z.enum(["draft", "active", "archived"]) })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Nothing to update");

export type CreateInterviewInput = z.infer<typeof CreateInterviewBody>;
export type UpdateInterviewInput = z.infer<typeof UpdateInterviewBody>;
