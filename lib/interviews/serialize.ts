import type { InterviewCounts, InterviewRow, QuestionRow } from "./queries";

export const toQuestionJson = (q: QuestionRow) => ({
  id: q.id,
  position: q.position,
  text: q.text,
  think_time_seconds: q.thinkTimeSeconds,
  time_limit_seconds: q.timeLimitSeconds,
  /** The question's rubric; [] when its answers are transcribed but not scored. */
  criteria: q.criteria,
});

/** The API shape of an interview. */
export function toInterviewJson(
  interview: InterviewRow,
  extra: { questions?: QuestionRow[]; counts?: InterviewCounts } = {},
) {
  return {
    id: interview.id,
    company_id: interview.companyId,
    title: interview.title,
    position: interview.position,
    description: interview.description,
    status: interview.status,
    retakes_allowed: interview.retakesAllowed,
    resume_grace_minutes: interview.resumeGraceMinutes,
    practice_question: interview.practiceQuestion,
    competencies: interview.competencies,
    blind_review: interview.blindReview,
    /** Only the decisions given their own template; the others use the defaults. */
    decision_emails: interview.decisionEmails,
    /** Hours before an invite's expiry at which a candidate who has not started is reminded; [] for none. */
    reminder_offsets_hours: interview.reminderOffsetsHours,
    created_by: interview.createdBy,
    created_at: interview.createdAt.toISOString(),
    updated_at: interview.updatedAt.toISOString(),
    ...(extra.questions ? { questions: extra.questions.map(toQuestionJson) } : {}),
    ...(extra.counts ? { counts: extra.counts } : {}),
  };
}
