import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/lib/db";
import { aiDisagreements, scorecards, scorecardVersions } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { writeAudit } from "@/lib/audit/write";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { InterviewActor } from "@/lib/interviews/access";
import { reviewableSession } from "@/lib/review/access";
import { latestAiScores } from "./ai-scores";
import { checkScorecard, disagreementsOf, meanScore, sameSubmission, type ScorecardInput } from "./rules";

// A reviewer's scorecard of a session: drafts until the first submission, then each submission is the next version,
// kept whole (scorecard_versions) with its disagreements with the AI and an audit row, all in one transaction.

interface WriteInput {
  viewer: InterviewActor;
  sessionId: string;
  body: ScorecardInput;
}

/** The session, when the viewer may score it: a reviewer of it ("scorecards.write", a TEAM_LEAD's own interview), completed. */
async function scorableSession(db: DbOrTx, { viewer, sessionId }: { viewer: InterviewActor; sessionId: string }) {
  assertCan(viewer.role, "scorecards.write");
  const session = await reviewableSession(db, { viewer, sessionId });
  if (session.status !== "completed")
    throw new AppError("CONFLICT", "Only a completed interview can be scored", { reason: "session_not_completed" });
  return session;
}

const submitted = () =>
  new AppError("CONFLICT", "Your scorecard is already submitted; an edit is submitted as the next version", {
    reason: "scorecard_submitted",
  });

/** Saves the viewer's draft (creating it on first save). Refused once they have submitted. */
export async function saveDraft({ viewer, sessionId, body }: WriteInput) {
  const db = await getDb();
  const session = await scorableSession(db, { viewer, sessionId });
  const card = checkScorecard(session.questions, body, "draft");
  const values = { scores: card.scores, recommendation: card.recommendation, privateNote: card.privateNote };
  // One statement: a concurrent first submission either lands before (the WHERE refuses) or after (it takes over).
  const [row] = await db
    .insert(scorecards)
    .values({ companyId: session.companyId, sessionId: session.id, reviewerId: viewer.userId, ...values })
    .onConflictDoUpdate({
      target: [scorecards.sessionId, scorecards.reviewerId],
      set: { ...values, updatedAt: sql`now()` },
      setWhere: eq(scorecards.status, "draft"),
    })
    .returning({ id: scorecards.id });
  if (!row) throw submitted();
  return { scorecardId: row.id };
}

/**
 * Submits the body as the viewer's next version (1 for the first submission, audited SCORECARD_SUBMITTED; later ones
 * SCORECARD_REVISED). The same content as the latest version records nothing (a double click). Concurrent submissions
 * of one reviewer queue on the scorecard's row lock, so versions never repeat (the unique index backs that up).
 */
export async function submitScorecard({ viewer, sessionId, body, meta }: WriteInput & { meta: RequestMeta }) {
  const db = await getDb();
  const session = await scorableSession(db, { viewer, sessionId });
  const card = checkScorecard(session.questions, body, "submit");
  return db.transaction(async (tx) => {
    const mine = and(eq(scorecards.sessionId, session.id), eq(scorecards.reviewerId, viewer.userId));
    await tx
      .insert(scorecards)
      .values({ companyId: session.companyId, sessionId: session.id, reviewerId: viewer.userId })
      .onConflictDoNothing();
    const [current] = await tx.select().from(scorecards).where(mine).for("update");
    if (
      current!.status === "submitted" &&
      sameSubmission(card, {
        scores: current!.scores,
        recommendation: current!.recommendation,
        privateNote: current!.privateNote,
      })
    ) {
      return { scorecardId: current!.id, version: current!.version, created: false };
    }
    const version = current!.version + 1;
    const overallScore = meanScore(card.scores);
    const now = new Date();
    await tx
      .update(scorecards)
      .set({
        status: "submitted",
        version,
        scores: card.scores,
        recommendation: card.recommendation,
        privateNote: card.privateNote,
        overallScore,
        submittedAt: now,
        updatedAt: now,
      })
      .where(eq(scorecards.id, current!.id));
    const [saved] = await tx
      .insert(scorecardVersions)
      .values({
        companyId: session.companyId,
        scorecardId: current!.id,
        sessionId: session.id,
        reviewerId: viewer.userId,
        version,
        scores: card.scores,
        recommendation: card.recommendation!,
        privateNote: card.privateNote,
        overallScore,
        submittedAt: now,
      })
      .returning({ id: scorecardVersions.id });
    const ai = await latestAiScores(tx, session.id);
    const found = disagreementsOf(card.scores, ai.scores);
    if (found.length > 0) {
      await tx.insert(aiDisagreements).values(
        found.map((d) => ({
          companyId: session.companyId,
          sessionId: session.id,
          scorecardVersionId: saved!.id,
          reviewerId: viewer.userId,
          evaluationId: ai.evaluationId,
          answer: d.answer,
          criterion: d.criterion,
          humanScore: d.humanScore,
          aiScore: d.aiScore,
          createdAt: now,
        })),
      );
    }
    await writeAudit(tx, {
      action: version === 1 ? "SCORECARD_SUBMITTED" : "SCORECARD_REVISED",
      companyId: session.companyId,
      userId: viewer.userId,
      resourceType: "interview_session",
      resourceId: session.id,
      details: {
        scorecard_id: current!.id,
        version,
        recommendation: card.recommendation,
        overall_score: overallScore,
        disagreements: found.length,
        ai_evaluation_version: ai.version,
      },
      meta,
    });
    return { scorecardId: current!.id, version, created: true };
  });
}
