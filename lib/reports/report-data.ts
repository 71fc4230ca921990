import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { answerEvaluations, decisions, evaluations, interviews, scorecards, users } from "@/db/schema";
import type { InterviewActor } from "@/lib/interviews/access";
import type { ReviewableSession } from "@/lib/review/access";
import { reviewVisibility } from "@/lib/scorecards/visibility";
import { type AiCriterion, type CandidateReport, type EvidenceQuote, mean, type ReportSummary } from "./report-types";

// Gathers one session's candidate report. The blind-review rule is applied here, while reading: for a viewer who may
// not see scores, the AI's evaluation and the scorecards are not even queried, so nothing hidden can reach the PDF.

const Criterion = z.object({
  criterion: z.string(),
  status: z.enum(["scored", "insufficient_evidence", "unverifiable"]),
  score: z.number().optional(),
  evidence: z.array(z.object({ text: z.string(), start: z.number(), end: z.number() })).optional(),
});

// evaluations.summary holds a SessionSummary (lib/evaluation/summary.ts); read only what the report prints.
const Summary = z.object({
  strengths: z.array(z.object({ text: z.string() })).catch([]),
  concerns: z.array(z.object({ text: z.string() })).catch([]),
  gaps: z.array(z.object({ criterion: z.string(), status: z.string(), answers: z.array(z.number()) })).catch([]),
});

const personName = (u: { firstName: string | null; lastName: string | null; email: string }) =>
  [u.firstName, u.lastName].filter(Boolean).join(" ") || u.email;

function summaryOf(raw: unknown): ReportSummary | null {
  const parsed = Summary.safeParse(raw);
  if (!parsed.success) return null;
  const { strengths, concerns, gaps } = parsed.data;
  return {
    strengths: strengths.map((p) => p.text),
    concerns: concerns.map((p) => p.text),
    gaps: gaps.map(
      (g) =>
        `${g.criterion} (${g.status.replaceAll("_", " ")}: answer${g.answers.length === 1 ? "" : "s"} ${g.answers.map((a) => a + 1).join(", ")})`,
    ),
  };
}

async function latestEvaluation(db: DbOrTx, sessionId: string) {
  const [evaluation] = await db
    .select({
      id: evaluations.id,
      version: evaluations.version,
      model: evaluations.model,
      summary: evaluations.summary,
      overallScore: evaluations.overallScore,
      completedAt: evaluations.completedAt,
    })
    .from(evaluations)
    .where(and(eq(evaluations.sessionId, sessionId), eq(evaluations.status, "completed")))
    .orderBy(desc(evaluations.version))
    .limit(1);
  if (!evaluation) return null;
  const answers = await db
    .select({ questionIndex: answerEvaluations.questionIndex, criteria: answerEvaluations.criteria })
    .from(answerEvaluations)
    .where(eq(answerEvaluations.evaluationId, evaluation.id));
  const criteria = new Map<number, z.infer<typeof Criterion>[]>(
    answers.map((a) => [
      a.questionIndex,
      a.criteria.flatMap((c) => {
        const p = Criterion.safeParse(c);
        return p.success ? [p.data] : [];
      }),
    ]),
  );
  return { ...evaluation, criteria };
}

async function submittedScorecards(db: DbOrTx, sessionId: string) {
  const rows = await db
    .select({
      scores: scorecards.scores,
      recommendation: scorecards.recommendation,
      overallScore: scorecards.overallScore,
      submittedAt: scorecards.submittedAt,
      firstName: users.firstName,
      lastName: users.lastName,
      email: users.email,
    })
    .from(scorecards)
    .innerJoin(users, eq(users.id, scorecards.reviewerId))
    .where(and(eq(scorecards.sessionId, sessionId), eq(scorecards.status, "submitted")))
    .orderBy(asc(scorecards.submittedAt));
  return rows.map((r) => ({ ...r, name: personName(r) }));
}

async function newestDecision(db: DbOrTx, sessionId: string): Promise<CandidateReport["decision"]> {
  const [row] = await db
    .select({
      decision: decisions.decision,
      reason: decisions.reason,
      at: decisions.createdAt,
      firstName: users.firstName,
      lastName: users.lastName,
      email: users.email,
    })
    .from(decisions)
    .innerJoin(users, eq(users.id, decisions.decidedBy))
    .where(eq(decisions.sessionId, sessionId))
    .orderBy(desc(decisions.createdAt))
    .limit(1);
  return row ? { decision: row.decision, reason: row.reason, by: personName(row), at: row.at } : null;
}

/** The report of a session the viewer may review (see reviewableSession), filtered by the blind-review rule. */
export async function candidateReportData(
  db: DbOrTx,
  { viewer, session }: { viewer: InterviewActor; session: ReviewableSession },
): Promise<CandidateReport> {
  const [{ scoresVisible }, [interview], decision] = await Promise.all([
    reviewVisibility(db, { sessionId: session.id, viewerId: viewer.userId }),
    db.select({ position: interviews.position }).from(interviews).where(eq(interviews.id, session.interviewId)),
    newestDecision(db, session.id),
  ]);
  const [evaluation, cards] = scoresVisible
    ? await Promise.all([latestEvaluation(db, session.id), submittedScorecards(db, session.id)])
    : [null, []];

  const questions = session.questions.map((q) => {
    const ai = evaluation?.criteria.get(q.index) ?? [];
    const evidence: EvidenceQuote[] = ai.flatMap((c) =>
      c.status === "scored" ? (c.evidence ?? []).map((e) => ({ criterion: c.criterion, ...e })) : [],
    );
    const criteria = (q.criteria ?? []).map(({ name }) => {
      const found = ai.find((c) => c.criterion === name);
      const aiResult: AiCriterion = !found
        ? { status: "none" }
        : found.status !== "scored"
          ? { status: found.status }
          : found.score !== undefined
            ? { status: "scored", score: found.score }
            : { status: "unverifiable" }; // a scored entry without a score: nothing to print as a score
      const human = cards.flatMap((card) => {
        const score = card.scores.find((s) => s.answer === q.index && s.criterion === name)?.score;
        return typeof score === "number" ? [{ reviewer: card.name, score }] : [];
      });
      return { name, ai: aiResult, human, humanMean: mean(human.map((h) => h.score)) };
    });
    return { index: q.index, text: q.text, criteria, evidence };
  });

  return {
    interview: { title: session.interviewTitle, position: interview?.position ?? null },
    candidate: { name: session.candidateName ?? "Unnamed candidate", email: session.candidateEmail },
    attemptNumber: session.attemptNumber,
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    scoresVisible,
    ai: evaluation
      ? {
          version: evaluation.version,
          model: evaluation.model,
          overallScore: evaluation.overallScore,
          completedAt: evaluation.completedAt,
        }
      : null,
    questions,
    reviewers: cards.map((c) => ({
      name: c.name,
      recommendation: c.recommendation,
      overallScore: c.overallScore,
      submittedAt: c.submittedAt,
    })),
    summary: evaluation ? summaryOf(evaluation.summary) : null,
    decision,
  };
}
