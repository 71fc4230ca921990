import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import {
  answerEvaluations,
  candidateTokens,
  decisions,
  evaluations,
  interviews,
  interviewSessions,
  scorecards,
  type ScorecardScore,
} from "@/db/schema";
import type { InterviewActor } from "@/lib/interviews/access";
import { makeInterview, makeInvite } from "@/test/interview-fixtures";
import { completedSession } from "@/test/review-fixtures";

// The analytics route tests' interview, with figures worked out by hand (see the expectations in the tests):
//   A  completed in 5 min; AI v1 4.0; HR's submitted scorecard 3.0; decided (advance)
//   B  completed in 10 min; AI v1 2.0, v2 3.0 (the latest completed), v3 running; ADMIN's submitted scorecard 2.5
//   C  completed in 20 min; no AI, only ADMIN's draft scorecard
//   D  started, not finished (never opened the landing page: started through the API)
//   E  opened the link only
//   F  invited, never opened
//   G  invited 10 days ago, never opened

const REL = "Relevance and structure";
const SPEC = "Specificity and evidence";
const minutes = (n: number) => n * 60_000;

async function submitScorecard(input: {
  companyId: string;
  sessionId: string;
  reviewerId: string;
  scores: [number, string, number][];
  status?: "draft" | "submitted";
}) {
  const db = await getDb();
  const scores: ScorecardScore[] = input.scores.map(([answer, criterion, score]) => ({ answer, criterion, score }));
  const submitted = (input.status ?? "submitted") === "submitted";
  await db.insert(scorecards).values({
    companyId: input.companyId,
    sessionId: input.sessionId,
    reviewerId: input.reviewerId,
    status: submitted ? "submitted" : "draft",
    version: submitted ? 1 : 0,
    scores,
    recommendation: "yes",
    overallScore: submitted ? scores.reduce((t, s) => t + s.score!, 0) / scores.length : null,
    submittedAt: submitted ? new Date() : null,
  });
}

/** A later evaluation version of the session, with `scores` per (answer, criterion), reusing version 1's transcripts. */
async function addEvaluation(
  actor: InterviewActor,
  sessionId: string,
  version: number,
  status: "completed" | "running",
  scores: [number, string, number][],
) {
  const db = await getDb();
  const [v1] = await db
    .select({ id: evaluations.id })
    .from(evaluations)
    .where(and(eq(evaluations.sessionId, sessionId), eq(evaluations.version, 1)));
  const firstAnswers = await db.select().from(answerEvaluations).where(eq(answerEvaluations.evaluationId, v1!.id));
  const overall = status === "completed" ? scores.reduce((t, [, , s]) => t + s, 0) / scores.length : null;
  const [evaluation] = await db
    .insert(evaluations)
    .values({
      companyId: actor.companyId,
      sessionId,
      version,
      status,
      promptVersion: "fixture",
      model: "fixture-model",
      overallScore: overall,
      completedAt: status === "completed" ? new Date() : null,
    })
    .returning({ id: evaluations.id });
  for (const answer of firstAnswers) {
    const criteria = scores
      .filter(([a]) => a === answer.questionIndex)
      .map(([, criterion, score]) => ({
        criterion,
        status: "scored",
        score,
        evidence: [],
        rationale: "",
        reasked: false,
      }));
    await db.insert(answerEvaluations).values({
      companyId: actor.companyId,
      evaluationId: evaluation!.id,
      questionIndex: answer.questionIndex,
      transcriptId: answer.transcriptId,
      criteria,
      promptVersion: "fixture",
      model: "fixture-model",
    });
  }
}

export async function analyticsFixture(
  owner: InterviewActor,
  reviewers: { hr: string; admin: string },
  options: { blindReview?: boolean } = {},
) {
  const db = await getDb();
  const interview = await makeInterview(owner, { title: "Analytics screen" });
  if (options.blindReview === false)
    await db.update(interviews).set({ blindReview: false }).where(eq(interviews.id, interview.id));
  const interviewId = interview.id;
  const now = Date.now();
  const a = await completedSession(owner, {
    interviewId,
    candidateName: "A",
    ai: [
      { answer: 0, criterion: REL, score: 4 },
      { answer: 0, criterion: SPEC, score: 3 },
      { answer: 1, criterion: REL, score: 5 },
    ],
  });
  const b = await completedSession(owner, {
    interviewId,
    candidateName: "B",
    ai: [
      { answer: 0, criterion: REL, score: 2 },
      { answer: 0, criterion: SPEC, score: 2 },
    ],
  });
  const c = await completedSession(owner, { interviewId, candidateName: "C" });
  const d = await completedSession(owner, { interviewId, candidateName: "D" });
  for (const [session, took] of [
    [a, 5],
    [b, 10],
    [c, 20],
  ] as const) {
    await db
      .update(interviewSessions)
      .set({ startedAt: new Date(now - minutes(took)), endedAt: new Date(now) })
      .where(eq(interviewSessions.id, session.sessionId));
  }
  await db
    .update(interviewSessions)
    .set({ status: "in_progress", endedAt: null })
    .where(eq(interviewSessions.id, d.sessionId));
  await addEvaluation(owner, b.sessionId, 2, "completed", [
    [0, REL, 3],
    [0, SPEC, 3],
  ]);
  await addEvaluation(owner, b.sessionId, 3, "running", [[0, REL, 1]]);

  const e = await makeInvite(owner, interviewId, { candidate_name: "E" });
  await db.update(candidateTokens).set({ openedAt: new Date() }).where(eq(candidateTokens.id, e.token.id));
  await makeInvite(owner, interviewId, { candidate_name: "F" });
  const g = await makeInvite(owner, interviewId, { candidate_name: "G" });
  await db
    .update(candidateTokens)
    .set({ createdAt: new Date(now - 10 * 86_400_000) })
    .where(eq(candidateTokens.id, g.token.id));

  const companyId = owner.companyId;
  await submitScorecard({
    companyId,
    sessionId: a.sessionId,
    reviewerId: reviewers.hr,
    scores: [
      [0, REL, 4],
      [0, SPEC, 1],
      [1, REL, 4],
    ],
  });
  await submitScorecard({
    companyId,
    sessionId: b.sessionId,
    reviewerId: reviewers.admin,
    scores: [
      [0, REL, 3],
      [0, SPEC, 2],
    ],
  });
  await submitScorecard({
    companyId,
    sessionId: c.sessionId,
    reviewerId: reviewers.admin,
    scores: [[0, REL, 5]],
    status: "draft",
  });
  await db
    .insert(decisions)
    .values({ companyId, sessionId: a.sessionId, decision: "advance", decidedBy: reviewers.hr });
  return { interviewId };
}
