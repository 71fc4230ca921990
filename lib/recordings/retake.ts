import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { interviews, interviewSessions, recordingChunks, recordings } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { log } from "@/lib/log";
import { requireUploadSession, type SessionProof } from "./candidate-session";
import { FREE_RETAKES_PER_ANSWER } from "./limits";
import { type RecordingStorage, chunkKey, recordingKey } from "./storage";

export const RetakeBody = z.object({
  /** The take the client is replacing; a stale value (another tab already moved on) is 409. */
  take: z.number().int().min(0).max(1000),
});

export type RetakeInput = SessionProof & {
  questionIndex: number;
  body: z.infer<typeof RetakeBody>;
  storage: RecordingStorage;
  meta: RequestMeta;
};

/**
 * Starts a new take of an answer and drops the old one's chunks. Replacing a finalized take is a re-record and
 * spends one of the interview's retakes; replacing an unfinished take (an answer cut off by a reload or a lost
 * connection, or refused at finalize) spends none of those, since nothing was submitted, but at most
 * FREE_RETAKES_PER_ANSWER such restarts are allowed per answer, so reloading cannot become unlimited re-records.
 * Repeating the call for a take already replaced answers the same.
 */
export async function retakeRecording(input: RetakeInput) {
  const db = await getDb();
  const session = await requireUploadSession(input);
  const ref = { companyId: session.companyId, sessionId: session.id, questionIndex: input.questionIndex };
  const replaced = await db.transaction(async (tx) => {
    await tx
      .insert(recordings)
      .values({ companyId: session.companyId, sessionId: session.id, questionIndex: input.questionIndex })
      .onConflictDoNothing({ target: [recordings.sessionId, recordings.questionIndex] });
    const [recording] = await tx
      .select()
      .from(recordings)
      .where(and(eq(recordings.sessionId, session.id), eq(recordings.questionIndex, input.questionIndex)))
      .for("update");
    const [interview] = await tx
      .select({ retakesAllowed: interviews.retakesAllowed })
      .from(interviews)
      .innerJoin(interviewSessions, eq(interviewSessions.interviewId, interviews.id))
      .where(eq(interviewSessions.id, session.id));
    const allowed = interview?.retakesAllowed ?? 0;
    const state = (r: typeof recording) => ({
      answer: input.questionIndex,
      take: r!.take,
      retakes_used: r!.retakesUsed,
      retakes_left: Math.max(0, allowed - r!.retakesUsed),
      free_retakes_left: Math.max(0, FREE_RETAKES_PER_ANSWER - r!.freeRetakesUsed),
    });
    if (recording!.take === input.body.take + 1) return { result: state(recording), old: null };
    if (recording!.take !== input.body.take)
      throw new AppError("CONFLICT", `This answer is on take ${recording!.take}, not ${input.body.take}`);
    const wasReady = recording!.status === "ready";
    if (wasReady && recording!.retakesUsed >= allowed) {
      const msg =
        allowed === 0
          ? "This interview does not allow re-recording an answer"
          : `All ${allowed} re-records of this answer are used`;
      throw new AppError("FORBIDDEN", msg, { reason: "retakes_exhausted" });
    }
    if (!wasReady && recording!.freeRetakesUsed >= FREE_RETAKES_PER_ANSWER) {
      throw new AppError(
        "FORBIDDEN",
        `This answer was restarted ${FREE_RETAKES_PER_ANSWER} times without being saved; it cannot be restarted again`,
        {
          reason: "free_retakes_exhausted",
        },
      );
    }
    const chunks = await tx
      .select({ seq: recordingChunks.seq })
      .from(recordingChunks)
      .where(eq(recordingChunks.recordingId, recording!.id));
    await tx.delete(recordingChunks).where(eq(recordingChunks.recordingId, recording!.id));
    const [next] = await tx
      .update(recordings)
      .set({
        take: recording!.take + 1,
        retakesUsed: recording!.retakesUsed + (wasReady ? 1 : 0),
        freeRetakesUsed: recording!.freeRetakesUsed + (wasReady ? 0 : 1),
        status: "uploading",
        sizeBytes: null,
        sha256: null,
        storageKey: null,
        durationMs: null,
        mimeType: null,
        readyAt: null,
        finalizingAt: null, // a lease on the replaced take does not hold up the new one
      })
      .where(eq(recordings.id, recording!.id))
      .returning();
    await tx
      .update(interviewSessions)
      .set({ lastActivityAt: sql`now()`, currentAnswer: input.questionIndex })
      .where(eq(interviewSessions.id, session.id));
    await writeAudit(tx, {
      action: "RECORDING_RETAKEN",
      companyId: session.companyId,
      userId: null,
      resourceType: "interview_session",
      resourceId: session.id,
      details: { answer: input.questionIndex, replaced_take: recording!.take, was_ready: wasReady },
      meta: input.meta,
    });
    const old = [
      ...chunks.map((c) => chunkKey(ref, c.seq, recording!.take)),
      ...(wasReady ? [recordingKey(ref, recording!.take)] : []),
    ];
    return { result: state(next), old };
  });
  // The replaced take's files have keys no later take uses, so removing them after the commit races with nothing.
  if (replaced.old) {
    await Promise.all(replaced.old.map((key) => input.storage.delete(key))).catch((error: unknown) =>
      log.warn("recordings.retake_cleanup_failed", {
        session_id: session.id,
        answer: input.questionIndex,
        error: String(error),
      }),
    );
  }
  return replaced.result;
}
