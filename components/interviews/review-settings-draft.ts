import type { Decision, DecisionEmailTemplate, DecisionEmailTemplates } from "@/lib/decisions/kinds";
import { DECISION_KINDS, DEFAULT_DECISION_EMAILS } from "@/lib/decisions/email-templates";

// The decision emails as the form edits them: every decision's text in full, the default where the interview has
// none, so that people edit real wording rather than a blank box.

export type DecisionEmailDrafts = Record<Decision, DecisionEmailTemplate>;

export function decisionEmailDrafts(saved: DecisionEmailTemplates | undefined): DecisionEmailDrafts {
  return Object.fromEntries(
    DECISION_KINDS.map((d) => [d, { ...(saved?.[d] ?? DEFAULT_DECISION_EMAILS[d]) }]),
  ) as DecisionEmailDrafts;
}

const same = (a: string, b: string) => a.trim().replace(/\r\n/g, "\n") === b.trim().replace(/\r\n/g, "\n");

/** Whether a decision's draft is the default wording (then nothing is stored, and a better default later applies). */
export const isDefaultTemplate = (decision: Decision, draft: DecisionEmailTemplate) =>
  same(draft.subject, DEFAULT_DECISION_EMAILS[decision].subject) &&
  same(draft.body, DEFAULT_DECISION_EMAILS[decision].body);

/** The API's `decision_emails`: only the decisions whose wording differs from the default. */
export function toDecisionEmailsInput(drafts: DecisionEmailDrafts): DecisionEmailTemplates {
  const out: DecisionEmailTemplates = {};
  for (const d of DECISION_KINDS) if (!isDefaultTemplate(d, drafts[d])) out[d] = drafts[d];
  return out;
}
