// What the candidate agrees to before an attempt is used. The wording is versioned: a stored consent names the version
// and keeps the facts it stated, so a later change of wording never rewrites what someone agreed to.

// v2 (2026-11-30) adds that answers may be transcribed and assessed by AI, and that people make the decision.
export const CONSENT_VERSION = "2026-11-v2";

/** How long recordings are kept, as stated to candidates. */
export const RETENTION_MONTHS = 12;

export interface ConsentStatement {
  version: string;
  company: string;
  recorded: string;
  viewers: string;
  retention: string;
  ai_persona: string;
  ai_assessment: string;
}

export function consentStatement(company: string): ConsentStatement {
  return {
    version: CONSENT_VERSION,
    company,
    recorded:
      "Your camera video and microphone audio while you answer each question, and the time you took. The practice question is never uploaded.",
    viewers: `Only the hiring team at ${company} who run this interview. Your answers are not shared with other companies and are not used to train AI models.`,
    retention: `${company} keeps your recordings for the hiring decision and for at most ${RETENTION_MONTHS} months, then deletes them. You can ask ${company} to delete them sooner.`,
    ai_persona:
      "An AI interviewer persona reads the questions to you. It does not decide the outcome: people at the company review your answers.",
    ai_assessment: `Your answers may be transcribed and assessed by AI against the interview's criteria, using only what you said in each answer. The AI only advises: people at ${company} review your answers and make the decision.`,
  };
}
