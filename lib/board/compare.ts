import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/lib/db";
import type { DbOrTx } from "@/db";
import {
  answerEvaluations,
  candidateTokens,
  decisions,
  evaluations,
  interviews,
  interviewSessions,
  recordings,
  scorecards,
  type ScorecardScore,
} from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { CriterionEvaluation } from "@/lib/evaluation/evaluate-answer";
import type { InterviewActor } from "@/lib/interviews/access";
import { scoresVisibleSql } from "@/lib/scorecards/visibility";
import { boardInterview } from "./board";
import { COMPARE_MAX, COMPARE_MIN } from "./query";

// Side by side, 2 to 4 candidates of one interview, question by question: each criterion's AI score with its evidence
// quotes, and the mean of the submitted human scores, per session under the blind rule (lib/scorecards/visibility.ts):
// where the viewer has not submitted their own scorecard, neither is sent.

export interface CompareCriterion {
  criterion: string;
  /** The AI's assessment in its latest completed evaluation; null when there is none for this criterion. */
  ai: CriterionEvaluation | null;
  /** Mean of the submitted scorecards' scores for it; null when nobody scored it. */
  humanMean: number | null;
  humanCount: number;
}

export interface CompareAnswer {
  answer: number;
  recorded: boolean;
  /** Null while the scores are hidden from the viewer. */
  criteria: CompareCriterion[] | null;
}

const mean = (values: number[]) => (values.length ? values.reduce((t, v) => t + v, 0) / values.length : null);

/** Rejected before any query: the ids must be 2 to 4 distinct sessions. */
export function assertComparable(sessionIds: readonly string[]): void {
  if (new Set(sessionIds).size !== sessionIds.length)
    throw new AppError("VALIDATION", "Each candidate can be compared once", { reason: "duplicate_sessions" });
  if (sessionIds.length < COMPARE_MIN || sessionIds.length > COMPARE_MAX) {
    throw new AppError("VALIDATION", `Choose ${COMPARE_MIN} to ${COMPARE_MAX} candidates to compare`, {
      reason: "compare_count",
    });
  }
}

export async function compareSessions(
  db: DbOrTx,
  { viewer, interviewId, sessionIds }: { viewer: InterviewActor; interviewId: string; sessionIds: string[] },
) {
  assertComparable(sessionIds);
  const interview = await boardInterview(db, { viewer, interviewId });
  const rows = await db
    .select({
      id: interviewSessions.id,
      candidateName: candidateTokens.candidateName,
      candidateEmail: candidateTokens.candidateEmail,
      attemptNumber: interviewSessions.attemptNumber,
      endedAt: interviewSessions.endedAt,
      questions: interviewSessions.questions,
      visible: scoresVisibleSql(viewer.userId),
    })
    .from(interviewSessions)
    .innerJoin(interviews, eq(interviews.id, interviewSessions.interviewId))
    .innerJoin(candidateTokens, eq(candidateTokens.id, interviewSessions.tokenId))
    .where(
      and(
        inArray(interviewSessions.id, sessionIds),
        eq(interviewSessions.companyId, viewer.companyId),
        eq(interviewSessions.interviewId, interview.id),
        eq(interviewSessions.status, "completed"),
      ),
    );
  if (rows.length !== sessionIds.length) {
    throw new AppError("VALIDATION", "Only completed sessions of this interview can be compared", {
      reason: "not_comparable",
    });
  }
  const [versions, cards, ready, decided] = await Promise.all([
    db
      .select({ id: evaluations.id, sessionId: evaluations.sessionId, overallScore: evaluations.overallScore })
      .from(evaluations)
      .where(and(inArray(evaluations.sessionId, sessionIds), eq(evaluations.status, "completed")))
      .orderBy(desc(evaluations.version)),
    db
      .select({ sessionId: scorecards.sessionId, scores: scorecards.scores, overallScore: scorecards.overallScore })
      .from(scorecards)
      .where(and(inArray(scorecards.sessionId, sessionIds), eq(scorecards.status, "submitted"))),
    db
      .select({ sessionId: recordings.sessionId, answer: recordings.questionIndex })
      .from(recordings)
      .where(and(inArray(recordings.sessionId, sessionIds), eq(recordings.status, "ready"))),
    db
      .select({ sessionId: decisions.sessionId, decision: decisions.decision })
      .from(decisions)
      .where(inArray(decisions.sessionId, sessionIds))
      .orderBy(desc(decisions.createdAt), desc(decisions.id)),
  ]);
  // The latest completed version of each session (versions come newest first).
  const shown = new Map<string, (typeof versions)[number]>();
  for (const v of versions) if (!shown.has(v.sessionId)) shown.set(v.sessionId, v);
  const perAnswer = shown.size
    ? await db
        .select({
          evaluationId: answerEvaluations.evaluationId,
          answer: answerEvaluations.questionIndex,
          criteria: answerEvaluations.criteria,
        })
        .from(answerEvaluations)
        .where(
          inArray(
            answerEvaluations.evaluationId,
            [...shown.values()].map((v) => v.id),
          ),
        )
        .orderBy(asc(answerEvaluations.questionIndex))
    : [];

  // In the order asked for: the reviewer picked it.
  const byId = new Map(rows.map((r) => [r.id, r]));
  const candidates = sessionIds.map((id) => {
    const row = byId.get(id)!;
    const evaluation = shown.get(id);
    const mine = cards.filter((c) => c.sessionId === id);
    const answers: CompareAnswer[] = row.questions.map((q) => {
      const aiCriteria = (perAnswer.find((a) => a.evaluationId === evaluation?.id && a.answer === q.index)?.criteria ??
        []) as unknown as CriterionEvaluation[];
      const human = mine.flatMap((c) =>
        (c.scores as ScorecardScore[]).filter((s) => s.answer === q.index && s.score !== null),
      );
      const names = [...new Set([...(q.criteria ?? []).map((c) => c.name), ...aiCriteria.map((c) => c.criterion)])];
      return {
        answer: q.index,
        recorded: ready.some((r) => r.sessionId === id && r.answer === q.index),
        criteria: row.visible
          ? names.map((criterion) => {
              const scores = human.filter((s) => s.criterion === criterion).map((s) => s.score!);
              return {
                criterion,
                ai: aiCriteria.find((c) => c.criterion === criterion) ?? null,
                humanMean: mean(scores),
                humanCount: scores.length,
              };
            })
          : null,
      };
    });
    return {
      sessionId: id,
      candidateName: row.candidateName,
      candidateEmail: row.candidateEmail,
      attemptNumber: row.attemptNumber,
      completedAt: row.endedAt,
      scoresVisible: row.visible,
      aiScore: row.visible ? (evaluation?.overallScore ?? null) : null,
      humanScore: row.visible ? mean(mine.flatMap((c) => (c.overallScore === null ? [] : [c.overallScore]))) : null,
      reviewCount: mine.length,
      decision: decided.find((d) => d.sessionId === id)?.decision ?? null,
      questions: row.questions.map((q) => q.text),
      answers,
    };
  });
  const questionCount = Math.max(...candidates.map((c) => c.answers.length));
  const questions = Array.from(
    { length: questionCount },
    (_, i) => candidates.find((c) => c.questions[i] !== undefined)!.questions[i]!,
  );
  return { interview: { id: interview.id, title: interview.title }, questions, candidates };
}

export type Comparison = Awaited<ReturnType<typeof compareSessions>>;

/** compareSessions on the app's database (the compare page). */
export async function compareBoardSessions(input: {
  viewer: InterviewActor;
  interviewId: string;
  sessionIds: string[];
}) {
  return compareSessions(await getDb(), input);
}
