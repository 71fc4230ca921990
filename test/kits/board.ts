import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { decisions, interviews, scorecards, type Decision, type ScorecardScore } from "@/db/schema";

// Board and comparison tests need scorecards and decisions as they would be after the reviewers' own routes (which
// have their own tests): written straight into the database.

/** A reviewer's scorecard of a session: submitted with `overall` as its mean (and per-criterion `scores`), or a draft. */
export async function scorecardOf(
  reviewer: { id: string; companyId: string },
  sessionId: string,
  input: { overall?: number; scores?: ScorecardScore[]; draft?: boolean } = {},
) {
  const db = await getDb();
  const submitted = !input.draft;
  await db.insert(scorecards).values({
    companyId: reviewer.companyId,
    sessionId,
    reviewerId: reviewer.id,
    status: submitted ? "submitted" : "draft",
    version: submitted ? 1 : 0,
    scores: input.scores ?? [],
    recommendation: submitted ? "yes" : null,
    overallScore: submitted ? (input.overall ?? null) : null,
    submittedAt: submitted ? new Date() : null,
  });
}

/** A decision row (append-only: a later call is the newer decision). */
export async function decide(
  by: { id: string; companyId: string },
  sessionId: string,
  decision: Decision,
  at = new Date(),
) {
  const db = await getDb();
  await db.insert(decisions).values({
    companyId: by.companyId,
    sessionId,
    decision,
    reason: decision === "advance" ? null : "Test reason",
    decidedBy: by.id,
    createdAt: at,
  });
}

export async function setBlindReview(interviewId: string, blindReview: boolean) {
  const db = await getDb();
  await db.update(interviews).set({ blindReview }).where(eq(interviews.id, interviewId));
}
