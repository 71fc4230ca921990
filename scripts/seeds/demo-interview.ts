import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { candidateTokens, interviewQuestions, interviews, users } from "@/db/schema";
import { defaultCriteria } from "@/lib/evaluation/rubric";
import { hashInvite, newInviteValue } from "@/lib/invites/token-value";

export const DEMO_INTERVIEW_TITLE = "Frontend Engineer — screening";

const QUESTIONS = [
  {
    text: "Tell us about a user interface you built that you are proud of, and why.",
    thinkTimeSeconds: 30,
    timeLimitSeconds: 120,
  },
  {
    text: "How would you make a slow page feel fast? Walk us through your approach.",
    thinkTimeSeconds: 30,
    timeLimitSeconds: 180,
  },
  {
    text: "Describe a disagreement with a teammate and how you resolved it.",
    thinkTimeSeconds: 20,
    timeLimitSeconds: 120,
  },
];

/**
 * A demo interview owned by the NextGen AI team lead, with one open invite. Only its hash is stored, so the link is
 * returned (and printed) only when the interview is first created; later runs change nothing and return null.
 */
export async function seedDemoInterview(db: Db): Promise<{ inviteValue: string } | null> {
  const [lead] = await db.select().from(users).where(eq(users.email, "lead@nextgenai.com"));
  if (!lead) return null;
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: interviews.id })
      .from(interviews)
      .where(and(eq(interviews.companyId, lead.companyId), eq(interviews.title, DEMO_INTERVIEW_TITLE)));
    if (existing) return null;
    const [interview] = await tx
      .insert(interviews)
      .values({
        companyId: lead.companyId,
        createdBy: lead.id,
        title: DEMO_INTERVIEW_TITLE,
        position: "Frontend Engineer",
        status: "active",
      })
      .returning();
    // Scored on the default criteria, as the editor offers for a new interview.
    await tx.insert(interviewQuestions).values(
      QUESTIONS.map((q, position) => ({
        ...q,
        position,
        companyId: lead.companyId,
        interviewId: interview!.id,
        criteria: defaultCriteria(),
      })),
    );
    const inviteValue = newInviteValue();
    await tx.insert(candidateTokens).values({
      companyId: lead.companyId,
      interviewId: interview!.id,
      tokenHash: hashInvite(inviteValue),
      candidateName: "Demo Candidate",
      candidateEmail: "candidate@example.com",
      expiresAt: new Date(Date.now() + 7 * 24 * 3600 * 1000),
      maxAttempts: 3,
      createdBy: lead.id,
    });
    return { inviteValue };
  });
}
