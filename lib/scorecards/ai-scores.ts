import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { answerEvaluations, evaluations } from "@/db/schema";
import type { AiCriterionScore } from "./rules";

// "The AI's score" of a criterion: its score in the latest *completed* evaluation version (a re-run still running or
// one that failed does not replace it). Criteria the AI could not score (insufficient or unverifiable) have none.

export interface AiScores {
  evaluationId: string | null;
  version: number | null;
  scores: AiCriterionScore[];
}

/** Scored criteria of the evaluation's answers, as stored by the evaluate-session job (CriterionEvaluation[]). */
export function scoredCriteria(
  answers: { questionIndex: number; criteria: Record<string, unknown>[] }[],
): AiCriterionScore[] {
  return answers.flatMap((a) =>
    a.criteria.flatMap((c) =>
      c.status === "scored" && typeof c.score === "number" && typeof c.criterion === "string"
        ? [{ answer: a.questionIndex, criterion: c.criterion, score: c.score }]
        : [],
    ),
  );
}

export async function latestAiScores(db: DbOrTx, sessionId: string): Promise<AiScores> {
  const [latest] = await db
    .select({ id: evaluations.id, version: evaluations.version })
    .from(evaluations)
    .where(and(eq(evaluations.sessionId, sessionId), eq(evaluations.status, "completed")))
    .orderBy(desc(evaluations.version))
    .limit(1);
  if (!latest) return { evaluationId: null, version: null, scores: [] };
  const answers = await db
    .select({ questionIndex: answerEvaluations.questionIndex, criteria: answerEvaluations.criteria })
    .from(answerEvaluations)
    .where(eq(answerEvaluations.evaluationId, latest.id));
  return { evaluationId: latest.id, version: latest.version, scores: scoredCriteria(answers) };
}
