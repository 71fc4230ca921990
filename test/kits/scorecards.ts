import { GET as detailRoute } from "@/app/api/interviewer/sessions/[sessionId]/route";
import { GET as listRoute } from "@/app/api/interviewer/sessions/[sessionId]/scorecards/route";
import { PUT as draftRoute } from "@/app/api/interviewer/sessions/[sessionId]/scorecards/mine/route";
import { POST as submitRoute } from "@/app/api/interviewer/sessions/[sessionId]/scorecards/mine/submit/route";
import { defaultCriteria } from "@/lib/evaluation/rubric";
import type { InterviewActor } from "@/lib/interviews/access";
import { apiLogin } from "@/test/fixtures";
import { call } from "@/test/http";
import { makeInterview } from "@/test/interview-fixtures";
import { completedSession } from "@/test/review-fixtures";
import type { ScorecardsJson } from "@/lib/scorecards/queries";

// Shared by the scorecard route tests: the staff's tokens, the three routes and the session detail as each of them
// calls it, and a completed session of a scored interview whose AI scores are known.

export const HR = "hr@nextgenai.com";
export const ADMIN = "admin@nextgenai.com";
export const LEAD = "lead@nextgenai.com";
export const EMPLOYEE = "employee@nextgenai.com";
export const GLOBEX = "admin@globex.com";
export const STAFF = [HR, ADMIN, LEAD, EMPLOYEE, GLOBEX];

const [FIRST, SECOND] = defaultCriteria();
/** Question 1 has two criteria, question 2 none (it is not scored), question 3 the first criterion again. */
export const C1 = FIRST!.name;
export const C2 = SECOND!.name;

export function scorecardClient(ip: string) {
  const tokens: Record<string, string> = {};
  const as = (who: string | null) => (who ? tokens[who] : undefined);
  return {
    tokens,
    async login() {
      for (const who of STAFF) tokens[who] = (await apiLogin(who, ip)).access_token;
    },
    list: (who: string | null, sessionId: string) =>
      call(listRoute, `/api/interviewer/sessions/${sessionId}/scorecards`, {
        token: as(who),
        ip,
        params: { sessionId },
      }),
    draft: (who: string | null, sessionId: string, body: unknown) =>
      call(draftRoute, `/api/interviewer/sessions/${sessionId}/scorecards/mine`, {
        method: "PUT",
        body,
        token: as(who),
        ip,
        params: { sessionId },
      }),
    submit: (who: string | null, sessionId: string, body: unknown) =>
      call(submitRoute, `/api/interviewer/sessions/${sessionId}/scorecards/mine/submit`, {
        method: "POST",
        body,
        token: as(who),
        ip,
        params: { sessionId },
      }),
    detail: (who: string, sessionId: string) =>
      call(detailRoute, `/api/interviewer/sessions/${sessionId}`, { token: tokens[who], ip, params: { sessionId } }),
  };
}

export type ScorecardClient = ReturnType<typeof scorecardClient>;
export type { ScorecardsJson };

/** A completed session of a fresh interview (blind unless told otherwise); the AI scored C1 5 and C2 2 on answer 1, C1 3 on answer 3. */
export async function scoredSession(owner: InterviewActor, options: { blind?: boolean; candidateName?: string } = {}) {
  const interview = await makeInterview(owner, {
    questions: [
      { text: "Tell us about a project you led.", time_limit_seconds: 120, criteria: [FIRST!, SECOND!] },
      { text: "Why us?", time_limit_seconds: 60 },
      { text: "A hard bug you fixed.", time_limit_seconds: 120, criteria: [FIRST!] },
    ],
    blind_review: options.blind ?? true,
  });
  const session = await completedSession(owner, {
    interviewId: interview.id,
    candidateName: options.candidateName ?? "Sam Scored",
    ai: [
      { answer: 0, criterion: C1, score: 5, quote: "I led a team of five" },
      { answer: 0, criterion: C2, score: 2, quote: "we shipped on time" },
      { answer: 2, criterion: C1, score: 3, quote: "the cache was stale" },
    ],
  });
  return { interviewId: interview.id, sessionId: session.sessionId, evaluationId: session.evaluationId! };
}

/** A whole scorecard: scores for (answer 1 C1, answer 1 C2, answer 3 C1). */
export const card = (
  s: [number, number, number],
  recommendation = "yes",
  extra: { private_note?: string; note?: string } = {},
) => ({
  scores: [
    { answer: 0, criterion: C1, score: s[0], ...(extra.note ? { note: extra.note } : {}) },
    { answer: 0, criterion: C2, score: s[1] },
    { answer: 2, criterion: C1, score: s[2] },
  ],
  recommendation,
  ...(extra.private_note ? { private_note: extra.private_note } : {}),
});
