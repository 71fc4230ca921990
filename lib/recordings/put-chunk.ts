import "server-only";
import type { Readable } from "node:stream";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { interviewSessions, recordingChunks, recordings } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { bodyCutOff, isClientAbort } from "@/lib/http/client-abort";
import { sessionRevoked } from "@/lib/candidate-sessions/revoked";
import { requireUploadSession, type SessionProof, takeReplaced, uploadsClosed } from "./candidate-session";
import { RECORDING_LIMITS, type RecordingLimits, answerMaxBytes } from "./limits";
import { companyStorage } from "./quota";
import { type RecordingStorage, type StagedObject, TooLargeError, chunkKey } from "./storage";

export type PutChunkInput = SessionProof & {
  questionIndex: number;
  seq: number;
  /** The take the chunk belongs to (0 unless the answer was re-recorded); a replaced take's chunks are refused. */
  take?: number;
  /** The Content-Length the client declared, when it did; checked before a byte is read. */
  declaredBytes: number | null;
  body: Readable;
  storage: RecordingStorage;
  limits?: RecordingLimits;
};

export interface PutChunkResult {
  seq: number;
  size_bytes: number;
  sha256: string;
  /** False when the same bytes were already stored for this seq (an idempotent retry). */
  stored: boolean;
}

const tooLarge = (what: string) => new AppError("PAYLOAD_TOO_LARGE", what);
const answerTooLarge = (maxBytes: number, timeLimitSeconds: number) =>
  new AppError(
    "PAYLOAD_TOO_LARGE",
    `A recording of this question (time limit ${timeLimitSeconds} s) is at most ${maxBytes} bytes`,
    { reason: "recording_too_large" },
  );

/**
 * Stores one chunk of an answer's recording. The body is staged (streamed to a temporary file with a byte cap and
 * hashed on the way), then one transaction checks again that the session is still in progress (it may have been
 * completed, revoked or erased while the body streamed: 409 as for an ended session), locks the recording row, which
 * serializes uploads of the same answer, judges idempotency, the recording's total (tied to its question's time
 * limit) and the company's storage quota,
 * records the chunk and moves the staged file into place. Anything refused leaves no row and no file; an idempotent
 * retry answers 200 even when the quota is full, since it stores nothing.
 */
export async function putChunk(input: PutChunkInput): Promise<PutChunkResult> {
  const limits = input.limits ?? RECORDING_LIMITS;
  if (input.seq >= limits.maxChunks) throw tooLarge(`A recording has at most ${limits.maxChunks} chunks`);
  if (input.declaredBytes !== null && input.declaredBytes > limits.chunkMaxBytes)
    throw tooLarge(`A chunk is at most ${limits.chunkMaxBytes} bytes`);
  const db = await getDb();
  const session = await requireUploadSession(input);
  const ref = { companyId: session.companyId, sessionId: session.id, questionIndex: input.questionIndex };
  const take = input.take ?? 0;
  const maxBytes = answerMaxBytes(session.timeLimitSeconds, limits);
  if (input.declaredBytes !== null && input.declaredBytes > maxBytes)
    throw answerTooLarge(maxBytes, session.timeLimitSeconds);
  const storage = await companyStorage(db, session.companyId);
  // A full quota refuses before a byte is read, unless this is a retry of a chunk already stored.
  if (
    storage.usedBytes + (input.declaredBytes ?? 1) > storage.quotaBytes &&
    !(await chunkExists(ref, take, input.seq))
  ) {
    storage.require(input.declaredBytes ?? 1);
  }

  let staged: StagedObject;
  try {
    staged = await input.storage.stage(input.body, { maxBytes: Math.min(limits.chunkMaxBytes, maxBytes) });
  } catch (error) {
    if (error instanceof TooLargeError) {
      throw error.maxBytes < limits.chunkMaxBytes
        ? answerTooLarge(maxBytes, session.timeLimitSeconds)
        : tooLarge(`A chunk is at most ${limits.chunkMaxBytes} bytes`);
    }
    // The candidate's connection dropped mid-chunk: nothing was stored, and the browser sends the chunk again.
    if (isClientAbort(error)) throw bodyCutOff();
    throw error;
  }

  let committed = false;
  try {
    return await db.transaction(async (tx) => {
      // The session was open before the body streamed; it may have ended since (completed, revoked, erased). Touching
      // its row first, only while it is in progress, waits for a concurrent completion or revocation (which lock it)
      // and sees its outcome, as finalize does; it also records the upload activity (the resume grace window, the
      // interviewer's live view, which also follows the answer being recorded). Refused, the transaction writes
      // nothing and the staged file is discarded below; any later refusal rolls this update back too.
      const [open] = await tx
        .update(interviewSessions)
        .set({ lastActivityAt: sql`now()`, currentAnswer: input.questionIndex })
        .where(and(eq(interviewSessions.id, session.id), eq(interviewSessions.status, "in_progress")))
        .returning({ id: interviewSessions.id });
      if (!open) {
        const [ended] = await tx
          .select({ status: interviewSessions.status })
          .from(interviewSessions)
          .where(eq(interviewSessions.id, session.id));
        throw ended?.status === "revoked" ? sessionRevoked() : uploadsClosed();
      }
      await tx
        .insert(recordings)
        .values({ companyId: session.companyId, sessionId: session.id, questionIndex: input.questionIndex })
        .onConflictDoNothing({ target: [recordings.sessionId, recordings.questionIndex] });
      const [recording] = await tx
        .select({ id: recordings.id, status: recordings.status, take: recordings.take })
        .from(recordings)
        .where(
          and(
            eq(recordings.companyId, session.companyId),
            eq(recordings.sessionId, session.id),
            eq(recordings.questionIndex, input.questionIndex),
          ),
        )
        .for("update");
      if (recording!.take !== take) throw takeReplaced(take, recording!.take);
      const [existing] = await tx
        .select({ sizeBytes: recordingChunks.sizeBytes, sha256: recordingChunks.sha256 })
        .from(recordingChunks)
        .where(and(eq(recordingChunks.recordingId, recording!.id), eq(recordingChunks.seq, input.seq)));
      const result = { seq: input.seq, size_bytes: staged.sizeBytes, sha256: staged.sha256 };
      if (existing) {
        if (existing.sha256 !== staged.sha256 || existing.sizeBytes !== staged.sizeBytes) {
          throw new AppError("CONFLICT", `Chunk ${input.seq} was already stored with different content`);
        }
        return { ...result, stored: false };
      }
      // A finalized take is final; re-recording starts a new take (retake.ts).
      if (recording!.status === "ready") throw new AppError("CONFLICT", "This answer's recording is already finalized");
      const [total] = await tx
        .select({ bytes: sql<string>`COALESCE(SUM(${recordingChunks.sizeBytes}), 0)` })
        .from(recordingChunks)
        .where(eq(recordingChunks.recordingId, recording!.id));
      if (Number(total?.bytes ?? 0) + staged.sizeBytes > maxBytes)
        throw answerTooLarge(maxBytes, session.timeLimitSeconds);
      storage.require(staged.sizeBytes);
      await tx.insert(recordingChunks).values({
        companyId: session.companyId,
        recordingId: recording!.id,
        seq: input.seq,
        sizeBytes: staged.sizeBytes,
        sha256: staged.sha256,
      });
      // Last step of the transaction: if the rename fails, the row rolls back with it.
      await staged.commit(chunkKey(ref, input.seq, take));
      committed = true;
      storage.add(staged.sizeBytes);
      return { ...result, stored: true };
    });
  } finally {
    if (!committed) await staged.discard();
  }
}

/** Whether this seq of this take is already stored (a retry, which stores nothing and so needs no room). */
async function chunkExists(
  ref: { sessionId: string; questionIndex: number },
  take: number,
  seq: number,
): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ seq: recordingChunks.seq })
    .from(recordingChunks)
    .innerJoin(recordings, eq(recordings.id, recordingChunks.recordingId))
    .where(
      and(
        eq(recordings.sessionId, ref.sessionId),
        eq(recordings.questionIndex, ref.questionIndex),
        eq(recordings.take, take),
        eq(recordingChunks.seq, seq),
      ),
    )
    .limit(1);
  return row !== undefined;
}
