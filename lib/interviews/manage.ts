import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type Tx } from "@/lib/db";
import { interviewQuestions, interviews } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { assertCan } from "@/lib/auth/permissions";
import type { RequestMeta } from "@/lib/http/request-meta";
import { assertCanManageInterview, type InterviewActor } from "./access";
import { getInterview, getQuestions } from "./queries";
import type { CreateInterviewInput, UpdateInterviewInput } from "./schemas";

// Interview writes. The company comes from the actor; each write commits with its audit row.

async function replaceQuestions(
  tx: Tx,
  companyId: string,
  interviewId: string,
  questions: CreateInterviewInput["questions"],
) {
  await tx
    .delete(interviewQuestions)
    .where(and(eq(interviewQuestions.interviewId, interviewId), eq(interviewQuestions.companyId, companyId)));
  await tx.insert(interviewQuestions).values(
    questions.map((q, position) => ({
      companyId,
      interviewId,
      position,
      text: q.text,
      thinkTimeSeconds: q.think_time_seconds ?? null,
      timeLimitSeconds: q.time_limit_seconds,
      criteria: q.criteria ?? [],
    })),
  );
}

export async function createInterview(input: { actor: InterviewActor; data: CreateInterviewInput; meta: RequestMeta }) {
  assertCan(input.actor.role, "interviews.create");
  const { actor, data } = input;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [interview] = await tx
      .insert(interviews)
      .values({
        companyId: actor.companyId,
        createdBy: actor.userId,
        title: data.title,
        position: data.position ?? null,
        description: data.description ?? null,
        retakesAllowed: data.retakes_allowed,
        resumeGraceMinutes: data.resume_grace_minutes,
        practiceQuestion: data.practice_question,
        competencies: data.competencies ?? [],
        status: data.status,
        ...(data.blind_review !== undefined ? { blindReview: data.blind_review } : {}),
        ...(data.decision_emails !== undefined ? { decisionEmails: data.decision_emails } : {}),
        ...(data.reminder_offsets_hours !== undefined ? { reminderOffsetsHours: data.reminder_offsets_hours } : {}),
      })
      .returning();
    await replaceQuestions(tx, actor.companyId, interview!.id, data.questions);
    await writeAudit(tx, {
      action: "INTERVIEW_CREATED",
      companyId: actor.companyId,
      userId: actor.userId,
      resourceType: "interview",
      resourceId: interview!.id,
      details: {
        title: data.title,
        questions: data.questions.length,
        scored_questions: data.questions.filter((q) => q.criteria?.length).length,
      },
      meta: input.meta,
    });
    return {
      interview: interview!,
      questions: await getQuestions(tx, { companyId: actor.companyId, interviewId: interview!.id }),
    };
  });
}

export async function updateInterview(input: {
  actor: InterviewActor;
  interviewId: string;
  data: UpdateInterviewInput;
  meta: RequestMeta;
}) {
  const { actor, data } = input;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const before = await getInterview(tx, { companyId: actor.companyId, interviewId: input.interviewId });
    assertCanManageInterview(actor, before);
    const [interview] = await tx
      .update(interviews)
      .set({
        ...(data.title !== undefined ? { title: data.title } : {}),
        ...(data.position !== undefined ? { position: data.position } : {}),
        ...(data.description !== undefined ? { description: data.description } : {}),
        ...(data.retakes_allowed !== undefined ? { retakesAllowed: data.retakes_allowed } : {}),
        ...(data.resume_grace_minutes !== undefined ? { resumeGraceMinutes: data.resume_grace_minutes } : {}),
        ...(data.practice_question !== undefined ? { practiceQuestion: data.practice_question } : {}),
        ...(data.competencies !== undefined ? { competencies: data.competencies } : {}),
        ...(data.status !== undefined ? { status: data.status } : {}),
        ...(data.blind_review !== undefined ? { blindReview: data.blind_review } : {}),
        ...(data.decision_emails !== undefined ? { decisionEmails: data.decision_emails } : {}),
        ...(data.reminder_offsets_hours !== undefined ? { reminderOffsetsHours: data.reminder_offsets_hours } : {}),
        updatedAt: new Date(),
      })
      .where(eq(interviews.id, before.id))
      .returning();
    if (data.questions) await replaceQuestions(tx, actor.companyId, before.id, data.questions);
    const archived = data.status === "archived" && before.status !== "archived";
    await writeAudit(tx, {
      action: archived ? "INTERVIEW_ARCHIVED" : "INTERVIEW_UPDATED",
      companyId: actor.companyId,
      userId: actor.userId,
      resourceType: "interview",
      resourceId: before.id,
      details: { fields: Object.keys(data) },
      meta: input.meta,
    });
    return {
      interview: interview!,
      questions: await getQuestions(tx, { companyId: actor.companyId, interviewId: before.id }),
    };
  });
}

/** DELETE archives: sessions, invites and recordings stay for review; new starts are refused. */
export function archiveInterview(input: { actor: InterviewActor; interviewId: string; meta: RequestMeta }) {
  return updateInterview({ ...input, data: { status: "archived" } });
}
