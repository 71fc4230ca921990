import { z } from "zod";
import type { Decision, DecisionEmailTemplate, DecisionEmailTemplates } from "@/db/schema";

// The candidate's decision email: a template per decision, editable per interview, with a default in code for each
// decision an interview leaves unset. Pure: no database, no clock, so the client form and the server share it.

/** db/schema's DECISIONS, repeated so that client code need not bundle the schema. */
export const DECISION_KINDS = ["advance", "hold", "reject"] as const satisfies readonly Decision[];

export const DECISION_EMAIL_PLACEHOLDERS = ["candidate_name", "interview_title", "company_name"] as const;
export type DecisionEmailPlaceholder = (typeof DECISION_EMAIL_PLACEHOLDERS)[number];

export const TEMPLATE_SUBJECT_MAX = 200; // characters, before filling in (the outbox's subject column holds 300)
export const TEMPLATE_BODY_MAX = 5000; // characters
const SUBJECT_MAX = 300; // characters: email_outbox.subject is varchar(300)

export const DEFAULT_DECISION_EMAILS: Record<Decision, DecisionEmailTemplate> = {
  advance: {
    subject: "Next steps for {{interview_title}} at {{company_name}}",
    body: [
      "Hello {{candidate_name}},",
      "",
      "Thank you for completing your video interview for {{interview_title}}. We are pleased to tell you that you are moving on to the next stage.",
      "",
      "Someone from {{company_name}} will be in touch shortly about what happens next.",
      "",
      "Kind regards,",
      "{{company_name}}",
    ].join("\n"),
  },
  hold: {
    subject: "Your application for {{interview_title}} at {{company_name}}",
    body: [
      "Hello {{candidate_name}},",
      "",
      "Thank you for completing your video interview for {{interview_title}}. We have not made a final decision yet and will get back to you as soon as we have.",
      "",
      "Kind regards,",
      "{{company_name}}",
    ].join("\n"),
  },
  reject: {
    subject: "Your application for {{interview_title}} at {{company_name}}",
    body: [
      "Hello {{candidate_name}},",
      "",
      "Thank you for the time you took to complete your video interview for {{interview_title}}. After careful review, we have decided not to move forward with your application.",
      "",
      "We wish you every success in your search.",
      "",
      "Kind regards,",
      "{{company_name}}",
    ].join("\n"),
  },
};

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const WITH_LEADING_SPACE = /([ \t]*)\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders a text uses that the templates do not know, e.g. ["first_name"] for "{{first_name}}". */
export function unknownPlaceholders(text: string): string[] {
  const known = new Set<string>(DECISION_EMAIL_PLACEHOLDERS);
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !known.has(name)))];
}

const KNOWN_LIST = DECISION_EMAIL_PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ");

const templateText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `The ${label} is required`)
    .max(max, `Use at most ${max} characters`)
    .superRefine((text, ctx) => {
      const unknown = unknownPlaceholders(text);
      if (unknown.length > 0) {
        const names = unknown.map((u) => `{{${u}}}`).join(", ");
        ctx.addIssue({ code: "custom", message: `Unknown placeholder ${names}; use ${KNOWN_LIST}` });
      }
    });

export const DecisionEmailTemplateInput = z.object({
  subject: templateText("subject", TEMPLATE_SUBJECT_MAX),
  body: templateText("email text", TEMPLATE_BODY_MAX),
});

/** Per decision a template, or null/absent for the default. Given on an update, it replaces the interview's set. */
export const DecisionEmailsInput = z
  .object(
    Object.fromEntries(DECISION_KINDS.map((d) => [d, DecisionEmailTemplateInput.nullable().optional()])) as Record<
      Decision,
      z.ZodOptional<z.ZodNullable<typeof DecisionEmailTemplateInput>>
    >,
  )
  .strict()
  .transform((input): DecisionEmailTemplates => {
    const out: DecisionEmailTemplates = {};
    for (const d of DECISION_KINDS) if (input[d]) out[d] = input[d];
    return out;
  });

/** The interview's template for a decision, or the default. */
export function templateFor(
  templates: DecisionEmailTemplates | null | undefined,
  decision: Decision,
): DecisionEmailTemplate {
  return templates?.[decision] ?? DEFAULT_DECISION_EMAILS[decision];
}

// Names and titles are user input: one line each, so a value cannot reshape the subject header or the text around it.
const oneLine = (value: string) => value.replace(/\s+/g, " ").trim();

/**
 * Fills a template in. A candidate without a name gets none: "Hello {{candidate_name}}," reads "Hello,", the space
 * before the punctuation going with it.
 */
export function renderDecisionEmail(
  template: DecisionEmailTemplate,
  values: { candidateName: string | null | undefined; interviewTitle: string; companyName: string },
): { subject: string; text: string } {
  const vars: Record<DecisionEmailPlaceholder, string> = {
    candidate_name: oneLine(values.candidateName ?? ""),
    interview_title: oneLine(values.interviewTitle),
    company_name: oneLine(values.companyName),
  };
  // A placeholder that fills in empty takes the spaces before it along, so "Hello {{candidate_name}}," is "Hello,".
  const fill = (text: string) =>
    text.replace(WITH_LEADING_SPACE, (whole, space: string, name: string) => {
      if (!(name in vars)) return whole;
      const value = vars[name as DecisionEmailPlaceholder];
      return value ? `${space}${value}` : "";
    });
  const subject = oneLine(fill(template.subject));
  return {
    subject: subject.length > SUBJECT_MAX ? `${subject.slice(0, SUBJECT_MAX - 1)}…` : subject,
    text: fill(template.body),
  };
}
