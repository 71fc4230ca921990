import "server-only";
import { and, eq, max, sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { evaluations, interviewSessions } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import { assertCan } from "@/lib/auth/permissions";
import type { SignInContext } from "@/lib/auth/sign-in-sessions";
import { writeAudit } from "@/lib/audit/write";
import { evaluationConfig } from "@/lib/evaluation/config";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { InterviewActor } from "@/lib/interviews/access";
import { enqueue } from "@/lib/jobs/enqueue";
import { EVALUATE_SESSION } from "@/lib/jobs/queues";
import { reviewableSession } from "@/lib/review/access";

// A re-run of a session's AI evaluation, asked for by HR or ADMIN: the next version, evaluated from the same
// transcripts with the current prompt; earlier versions stay visible. Refused while evaluation is off, before the
// session completed, while answers are still being transcribed, and while a version is still running (the same
// request twice makes one version).

export async function requestEvaluationRerun(input: { viewer: SignInContext; sessionId: string; meta: RequestMeta }) {
  assertCan(input.viewer.role, "evaluations.rerun");
  const db = await getDb();
  const session = await reviewableSession(db, { viewer: input.viewer as InterviewActor, sessionId: input.sessionId });
  if (!evaluationConfig()) {
    throw new AppError(
      "CONFLICT",
      "AI evaluation is off: set EVAL_BASE_URL (and EVAL_API_KEY, EVAL_MODEL) to turn it on",
      { reason: "evaluation_off" },
    );
  }
  if (session.status !== "completed")
    throw new AppError("CONFLICT", "Only a completed interview can be evaluated", { reason: "session_not_completed" });
  if (!session.questions.some((q) => q.criteria?.length)) {
    throw new AppError(
      "CONFLICT",
      "No question of this interview has scoring criteria, so there is nothing to evaluate",
      { reason: "no_criteria" },
    );
  }
  const [pending] = rowsOf<{ n: number }>(
    await db.execute(sql`
      SELECT count(*)::int AS n FROM recordings r
       WHERE r.session_id = ${session.id} AND r.status = 'ready'
         AND NOT EXISTS (SELECT 1 FROM transcripts t WHERE t.recording_id = r.id AND t.take = r.take)`),
  );
  if (Number(pending?.n ?? 0) > 0) {
    // Evaluating now would score only the answers transcribed so far; the first evaluation starts by itself after.
    throw new AppError(
      "CONFLICT",
      "Some answers are still being transcribed; the evaluation starts by itself when they are done",
      { reason: "transcription_pending" },
    );
  }
  const version = await db.transaction(async (tx) => {
    // Serialises concurrent re-runs of one session: the second sees the first's version as running.
    await tx
      .select({ id: interviewSessions.id })
      .from(interviewSessions)
      .where(eq(interviewSessions.id, session.id))
      .for("update");
    const [running] = await tx
      .select({ version: evaluations.version })
      .from(evaluations)
      .where(and(eq(evaluations.sessionId, session.id), eq(evaluations.status, "running")))
      .limit(1);
    if (running)
      throw new AppError("CONFLICT", `Version ${running.version} of the evaluation is still running`, {
        reason: "evaluation_running",
      });
    const [latest] = await tx
      .select({ version: max(evaluations.version) })
      .from(evaluations)
      .where(eq(evaluations.sessionId, session.id));
    const next = (latest?.version ?? 0) + 1;
    // The version row exists from now on, so the review shows it queued and a second request is refused above.
    await tx.insert(evaluations).values({
      companyId: session.companyId,
      sessionId: session.id,
      version: next,
      requestedBy: input.viewer.userId,
      promptVersion: "pending",
      model: evaluationConfig()!.model,
    });
    await writeAudit(tx, {
      action: "EVALUATION_RERUN_REQUESTED",
      companyId: session.companyId,
      userId: input.viewer.userId,
      resourceType: "interview_session",
      resourceId: session.id,
      details: { version: next },
      meta: input.meta,
    });
    return next;
  });
  const job = await enqueue(EVALUATE_SESSION, { company_id: session.companyId, session_id: session.id, version });
  return { version, job_id: job.id };
}
