import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { companies, type Decision } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { InterviewActor } from "@/lib/interviews/access";
import { getInterview } from "@/lib/interviews/queries";
import { reviewableSession } from "@/lib/review/access";
import { DECISION_KINDS, renderDecisionEmail, templateFor } from "./email-templates";
import { listDecisions } from "./queries";
import { toDecisionsJson } from "./serialize";

// What the review page's decision panel shows: the decision and its history for everyone who may review the session;
// for HR and ADMIN on a completed session, also the email each decision would send, filled in for this candidate.

export type DecisionEmailPreviews = Record<Decision, { subject: string; text: string }>;

export async function decisionPanelData({ viewer, sessionId }: { viewer: InterviewActor; sessionId: string }) {
  const db = await getDb();
  const session = await reviewableSession(db, { viewer, sessionId });
  const decisions = toDecisionsJson(await listDecisions(db, { companyId: session.companyId, sessionId: session.id }));
  const canDecide = can(viewer.role, "decisions.make") && session.status === "completed";
  let previews: DecisionEmailPreviews | null = null;
  if (canDecide) {
    const interview = await getInterview(db, { companyId: session.companyId, interviewId: session.interviewId });
    const [company] = await db
      .select({ name: companies.name })
      .from(companies)
      .where(eq(companies.id, session.companyId));
    const values = {
      candidateName: session.candidateName,
      interviewTitle: interview.title,
      companyName: company?.name ?? "",
    };
    previews = Object.fromEntries(
      DECISION_KINDS.map((d) => [d, renderDecisionEmail(templateFor(interview.decisionEmails, d), values)]),
    ) as DecisionEmailPreviews;
  }
  return {
    sessionId: session.id,
    completed: session.status === "completed",
    mayDecide: can(viewer.role, "decisions.make"),
    candidateName: session.candidateName,
    candidateEmail: session.candidateEmail,
    ...decisions,
    previews,
  };
}

export type DecisionPanelData = Awaited<ReturnType<typeof decisionPanelData>>;
