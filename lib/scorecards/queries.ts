import "server-only";
import { and, asc, eq, ne } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/lib/db";
import {
  aiDisagreements,
  evaluations,
  scorecards,
  scorecardVersions,
  users,
  type Recommendation,
  type ScorecardScore,
} from "@/db/schema";
import type { InterviewActor } from "@/lib/interviews/access";
import { reviewableSession } from "@/lib/review/access";
import { rubricOf, type RubricAnswer } from "./rules";
import { reviewVisibility } from "./visibility";

// What a reviewer sees of a session's scorecards (GET .../scorecards and the review page): their own card, draft
// included, with their private note; the others' submitted cards and every disagreement with the AI only once scores
// are visible to them (blind review), and never anyone else's private note or draft.

export interface ReviewerJson {
  id: string;
  name: string;
}

export interface MyScorecardJson {
  id: string;
  status: "draft" | "submitted";
  /** Submissions so far: 0 while the first is a draft. */
  version: number;
  scores: ScorecardScore[];
  recommendation: Recommendation | null;
  private_note: string | null;
  overall_score: number | null;
  submitted_at: string | null;
  updated_at: string;
}

export interface SubmittedScorecardJson {
  id: string;
  reviewer: ReviewerJson;
  version: number;
  scores: ScorecardScore[];
  recommendation: Recommendation;
  overall_score: number | null;
  submitted_at: string;
}

export interface DisagreementJson {
  reviewer: ReviewerJson;
  scorecard_version: number;
  /** The AI evaluation version it was measured against (null once that version is gone). */
  evaluation_version: number | null;
  answer: number;
  criterion: string;
  human_score: number;
  ai_score: number;
  created_at: string;
}

export interface ScorecardsJson {
  session_id: string;
  blind_review: boolean;
  /** False: the viewer has not submitted on a blind interview, so others' scores and the AI's are withheld. */
  scores_visible: boolean;
  rubric: { answer: number; question: string; criteria: RubricAnswer["criteria"] }[];
  mine: MyScorecardJson | null;
  others: { hidden: true; count: number } | { hidden: false; count: number; items: SubmittedScorecardJson[] };
  disagreements: { hidden: true } | { hidden: false; items: DisagreementJson[] };
}

const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);
const nameOf = (u: { firstName: string | null; lastName: string | null; email: string }) =>
  [u.firstName, u.lastName].filter(Boolean).join(" ") || u.email;
const reviewerColumns = {
  reviewerId: users.id,
  firstName: users.firstName,
  lastName: users.lastName,
  email: users.email,
};
const reviewerOf = (r: {
  reviewerId: string;
  firstName: string | null;
  lastName: string | null;
  email: string;
}): ReviewerJson => ({ id: r.reviewerId, name: nameOf(r) });

/** The viewer's scorecards view of a session they may review (404/403 otherwise, as every review surface). */
export async function scorecardsView(
  { viewer, sessionId }: { viewer: InterviewActor; sessionId: string },
  db?: DbOrTx,
): Promise<ScorecardsJson> {
  const conn = db ?? (await getDb());
  const session = await reviewableSession(conn, { viewer, sessionId });
  const [visibility, [mine], others] = await Promise.all([
    reviewVisibility(conn, { sessionId: session.id, viewerId: viewer.userId }),
    conn
      .select()
      .from(scorecards)
      .where(and(eq(scorecards.sessionId, session.id), eq(scorecards.reviewerId, viewer.userId))),
    conn
      .select({ card: scorecards, ...reviewerColumns })
      .from(scorecards)
      .innerJoin(users, eq(users.id, scorecards.reviewerId))
      .where(
        and(
          eq(scorecards.sessionId, session.id),
          ne(scorecards.reviewerId, viewer.userId),
          eq(scorecards.status, "submitted"),
        ),
      )
      .orderBy(asc(scorecards.submittedAt), asc(scorecards.id)),
  ]);
  const visible = visibility.scoresVisible;
  const disagreements = visible
    ? await conn
        .select({
          row: aiDisagreements,
          scorecardVersion: scorecardVersions.version,
          evaluationVersion: evaluations.version,
          ...reviewerColumns,
        })
        .from(aiDisagreements)
        .innerJoin(users, eq(users.id, aiDisagreements.reviewerId))
        .innerJoin(scorecardVersions, eq(scorecardVersions.id, aiDisagreements.scorecardVersionId))
        .leftJoin(evaluations, eq(evaluations.id, aiDisagreements.evaluationId))
        .where(eq(aiDisagreements.sessionId, session.id))
        .orderBy(asc(aiDisagreements.createdAt), asc(aiDisagreements.answer), asc(aiDisagreements.criterion))
    : [];

  return {
    session_id: session.id,
    blind_review: visibility.blindReview,
    scores_visible: visible,
    rubric: rubricOf(session.questions),
    mine: mine
      ? {
          id: mine.id,
          status: mine.status,
          version: mine.version,
          scores: mine.scores,
          recommendation: mine.recommendation,
          private_note: mine.privateNote,
          overall_score: round2(mine.overallScore),
          submitted_at: mine.submittedAt?.toISOString() ?? null,
          updated_at: mine.updatedAt.toISOString(),
        }
      : null,
    others: visible
      ? {
          hidden: false,
          count: others.length,
          items: others.map((o) => ({
            id: o.card.id,
            reviewer: reviewerOf(o),
            version: o.card.version,
            scores: o.card.scores,
            recommendation: o.card.recommendation!,
            overall_score: round2(o.card.overallScore),
            submitted_at: o.card.submittedAt!.toISOString(),
          })),
        }
      : { hidden: true, count: others.length },
    disagreements: visible
      ? {
          hidden: false,
          items: disagreements.map((d) => ({
            reviewer: reviewerOf(d),
            scorecard_version: d.scorecardVersion,
            evaluation_version: d.evaluationVersion,
            answer: d.row.answer,
            criterion: d.row.criterion,
            human_score: d.row.humanScore,
            ai_score: d.row.aiScore,
            created_at: d.row.createdAt.toISOString(),
          })),
        }
      : { hidden: true },
  };
}
