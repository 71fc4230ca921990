import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { type DbOrTx, getDb } from "@/lib/db";
import { type Recording, interviewSessions, recordingChunks, recordings } from "@/db/schema";
import { transcribeWhenReady } from "@/lib/ai-pipeline/triggers";
import { sessionRevoked } from "@/lib/candidate-sessions/revoked";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { requireUploadSession, type SessionProof, takeReplaced } from "./candidate-session";
import { declaredContainer, sniffContainer } from "./container";
import { acquireFinalizeLease, finalizeInProgress, releaseFinalizeLease } from "./finalize-lease";
import { RECORDING_LIMITS, type RecordingLimits, allowedDurationMs, answerMaxBytes, minutesAndSeconds } from "./limits";
import {
  type AnswerRef,
  MissingObjectError,
  type RecordingStorage,
  type StagedObject,
  TooLargeError,
  chunkKey,
  recordingKey,
} from "./storage";
import { webmDurationScan } from "./webm-duration";

export const FinalizeBody = z.object({
  chunk_count: z.number().int().min(1).max(RECORDING_LIMITS.maxChunks),
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "must be a hex SHA-256")
    .transform((v) => v.toLowerCase()),
  size_bytes: z.number().int().min(1).optional(),
  duration_ms: z
    .number()
    .int()
    .min(0)
    .max(24 * 60 * 60 * 1000)
    .optional(),
  mime_type: z.string().min(1).max(100),
  take: z.number().int().min(0).max(1000).optional(),
});
export type FinalizeBody = z.infer<typeof FinalizeBody>;

export type FinalizeInput = SessionProof & {
  questionIndex: number;
  body: FinalizeBody;
  storage: RecordingStorage;
  limits?: RecordingLimits;
};

const MAX_LISTED_MISSING = 20; // seqs named in a 409, so a message stays short

/** 422 in the same shape as a schema failure, naming the body field that does not match the uploaded bytes. */
const mismatch = (field: keyof FinalizeBody, msg: string) =>
  new AppError("VALIDATION", msg, { issues: [{ loc: ["body", field], msg, type: "value_error" }] });

/** 422 answer_too_long: the recording (as declared, or as its WebM timestamps say) runs past the question's limit. */
const answerTooLong = (durationMs: number, timeLimitSeconds: number) => {
  const msg = `This answer is ${minutesAndSeconds(durationMs)} long; the question's time limit is ${minutesAndSeconds(timeLimitSeconds * 1000)} (at most ${minutesAndSeconds(allowedDurationMs(timeLimitSeconds))} is accepted)`;
  return new AppError("VALIDATION", msg, {
    issues: [{ loc: ["body", "duration_ms"], msg, type: "value_error" }],
    reason: "answer_too_long",
  });
};

const resultOf = (r: Recording) => ({
  recording_id: r.id,
  answer: r.questionIndex,
  status: r.status,
  size_bytes: r.sizeBytes,
  sha256: r.sha256,
  mime_type: r.mimeType,
  duration_ms: r.durationMs,
  ready_at: r.readyAt?.toISOString() ?? null,
  take: r.take,
});

/**
 * Assembles an answer's chunks into one file and marks the recording ready, only if every chunk 0..count-1 is there,
 * the size and SHA-256 of the assembled bytes match the client's, the bytes really are WebM or MP4, and the recording
 * fits its question's time limit (the declared duration; for WebM also the duration its timestamps measure, read in
 * the same pass) and byte cap. Otherwise the recording stays unready (so complete-session does not count it). One
 * finalize per answer runs at a time (409 finalize_in_progress to the others). Once ready, the chunk files are
 * deleted (their rows stay, so a late retry of a chunk still answers 200). Finalizing again with the same checksum
 * answers the same result. A session that ended while the file was assembled (completed, revoked, erased) answers
 * 409 and leaves no assembled file behind.
 */
export async function finalizeRecording(input: FinalizeInput) {
  const limits = input.limits ?? RECORDING_LIMITS;
  const { body } = input;
  const db = await getDb();
  const session = await requireUploadSession(input);
  const ref = { companyId: session.companyId, sessionId: session.id, questionIndex: input.questionIndex };
  const [recording] = await db
    .select()
    .from(recordings)
    .where(
      and(
        eq(recordings.companyId, session.companyId),
        eq(recordings.sessionId, session.id),
        eq(recordings.questionIndex, input.questionIndex),
      ),
    );
  const take = body.take ?? 0;
  if (recording && recording.take !== take) throw takeReplaced(take, recording.take);
  if (recording?.status === "ready") {
    if (recording.sha256 !== body.sha256)
      throw new AppError("CONFLICT", "This answer's recording is already finalized with other content");
    return resultOf(recording);
  }
  const allowedMs = allowedDurationMs(session.timeLimitSeconds);
  if (body.duration_ms !== undefined && body.duration_ms > allowedMs)
    throw answerTooLong(body.duration_ms, session.timeLimitSeconds);
  const chunks = recording
    ? await db
        .select({ seq: recordingChunks.seq, sizeBytes: recordingChunks.sizeBytes })
        .from(recordingChunks)
        .where(eq(recordingChunks.recordingId, recording.id))
        .orderBy(asc(recordingChunks.seq))
    : [];
  const present = new Set(chunks.map((c) => c.seq));
  const missing = Array.from({ length: body.chunk_count }, (_, seq) => seq).filter((seq) => !present.has(seq));
  if (missing.length > 0) {
    const listed = missing.slice(0, MAX_LISTED_MISSING).join(", ") + (missing.length > MAX_LISTED_MISSING ? ", …" : "");
    throw new AppError("CONFLICT", `Missing chunks: ${listed} (${missing.length} of ${body.chunk_count})`, {
      reason: "missing_chunks",
    });
  }
  if (chunks.length !== body.chunk_count) {
    throw mismatch("chunk_count", `${chunks.length} chunks were uploaded, not ${body.chunk_count}`);
  }
  const totalBytes = chunks.reduce((sum, c) => sum + c.sizeBytes, 0);
  if (body.size_bytes !== undefined && body.size_bytes !== totalBytes) {
    throw mismatch("size_bytes", `The chunks hold ${totalBytes} bytes, not ${body.size_bytes}`);
  }
  const declared = declaredContainer(body.mime_type);
  if (!declared) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Only WebM and MP4 recordings are accepted");
  const maxBytes = answerMaxBytes(session.timeLimitSeconds, limits);
  const tooLarge = () =>
    new AppError(
      "PAYLOAD_TOO_LARGE",
      `A recording of this question (time limit ${session.timeLimitSeconds} s) is at most ${maxBytes} bytes`,
      { reason: "recording_too_large" },
    );
  if (totalBytes > maxBytes) throw tooLarge();

  const lease = await acquireFinalizeLease(db, { recordingId: recording!.id, take });
  if (!lease) {
    // Another finalize holds this answer, or finished it, or a retake replaced the take in the meantime.
    const [latest] = await db.select().from(recordings).where(eq(recordings.id, recording!.id));
    if (latest!.take !== take) throw takeReplaced(take, latest!.take);
    if (latest!.status !== "ready") throw finalizeInProgress();
    if (latest!.sha256 !== body.sha256)
      throw new AppError("CONFLICT", "This answer's recording is already finalized with other content");
    return resultOf(latest!);
  }
  const release = () => releaseFinalizeLease(db, { recordingId: recording!.id, stamp: lease });

  // WebM is measured while it is assembled, so the bytes are read once.
  const scan = declared === "webm" ? webmDurationScan() : null;
  let staged: StagedObject;
  const keys = chunks.map((c) => chunkKey(ref, c.seq, take));
  try {
    staged = await input.storage.concat(keys, { maxBytes, onData: scan ? (bytes) => scan.push(bytes) : undefined });
  } catch (error) {
    await release();
    if (error instanceof TooLargeError) throw tooLarge();
    if (error instanceof MissingObjectError && keys.includes(error.key)) {
      const seq = chunks[keys.indexOf(error.key)]!.seq;
      if (!(await forgetLostChunk(db, { recordingId: recording!.id, take, seq }))) {
        // The chunk went because the answer moved on meanwhile (a retake, or a finalize that outlived its lease and
        // finished it): answer what happened, and touch nothing.
        const [latest] = await db.select().from(recordings).where(eq(recordings.id, recording!.id));
        if (latest!.take !== take) throw takeReplaced(take, latest!.take);
        if (latest!.status === "ready") {
          if (latest!.sha256 !== body.sha256)
            throw new AppError("CONFLICT", "This answer's recording is already finalized with other content");
          return resultOf(latest!);
        }
      }
      throw new AppError(
        "CONFLICT",
        `Missing chunks: ${seq} (1 of ${body.chunk_count}); its stored bytes were lost, send it again`,
        {
          reason: "missing_chunks",
        },
      );
    }
    throw error;
  }
  let committed = false;
  // Set when the session turns out to have ended after the assembled file was put in place: it belongs to no recording.
  let orphaned = false;
  const key = recordingKey(ref, take);
  try {
    if (staged.sha256 !== body.sha256) throw mismatch("sha256", "The SHA-256 of the uploaded bytes does not match");
    if (sniffContainer(staged.head) !== declared)
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", `The uploaded bytes are not a ${declared.toUpperCase()} file`);
    const measuredMs = scan?.result().durationMs ?? null;
    if (measuredMs !== null && measuredMs > allowedMs) throw answerTooLong(measuredMs, session.timeLimitSeconds);
    await staged.commit(key);
    committed = true;
    const now = new Date();
    const result = await db.transaction(async (tx) => {
      // Updating the session row first waits for a concurrent complete-session (which locks it) and then sees its
      // outcome, so a recording cannot turn ready after the session was completed and counted.
      const [open] = await tx
        .update(interviewSessions)
        .set({ lastActivityAt: now })
        .where(and(eq(interviewSessions.id, session.id), eq(interviewSessions.status, "in_progress")))
        .returning({ id: interviewSessions.id });
      if (!open) {
        // Revoking the invite also locks and ends the session: say which ending this was.
        const [ended] = await tx
          .select({ status: interviewSessions.status })
          .from(interviewSessions)
          .where(eq(interviewSessions.id, session.id));
        // The assembled file goes (below), unless an earlier finalize of this take (one that outlived its lease) already
        // made it the answer's recording before the session ended. An erased session has no recording row left at all.
        const [stored] = await tx
          .select({ status: recordings.status, storageKey: recordings.storageKey })
          .from(recordings)
          .where(eq(recordings.id, recording!.id));
        orphaned = !(stored?.status === "ready" && stored.storageKey === key);
        throw ended?.status === "revoked"
          ? sessionRevoked()
          : new AppError("CONFLICT", "The session ended before the recording was finalized", {
              reason: "session_closed",
            });
      }
      const [ready] = await tx
        .update(recordings)
        .set({
          status: "ready",
          sizeBytes: staged.sizeBytes,
          sha256: staged.sha256,
          mimeType: body.mime_type,
          storageKey: key,
          // What the file's timestamps say when they could be read (WebM), else the client's claim, checked above.
          durationMs: measuredMs ?? body.duration_ms ?? null,
          readyAt: now,
          finalizingAt: null,
        })
        .where(and(eq(recordings.id, recording!.id), eq(recordings.take, take), ne(recordings.status, "ready")))
        .returning();
      // A concurrent finalize of the same bytes got there first: answer what it stored.
      const [current] = ready ? [ready] : await tx.select().from(recordings).where(eq(recordings.id, recording!.id));
      if (current!.take !== take) throw takeReplaced(take, current!.take);
      return resultOf(current!);
    });
    await dropChunkFiles(input.storage, ref, recording!.id, take);
    // After the commit; the AI pipeline's sweep enqueues it again should this process stop right here.
    void transcribeWhenReady({ companyId: session.companyId, recordingId: recording!.id, take });
    return result;
  } finally {
    if (!committed) await staged.discard();
    if (orphaned) await dropOrphan(input.storage, key, ref);
    await release(); // a no-op once the recording is ready (that update cleared the lease)
  }
}

/** Deletes an assembled file that no recording points to (its session ended before the recording was marked ready). */
async function dropOrphan(storage: RecordingStorage, key: string, ref: AnswerRef) {
  await storage.delete(key).catch((error: unknown) =>
    log.warn("recordings.orphan_cleanup_failed", {
      session_id: ref.sessionId,
      answer: ref.questionIndex,
      key,
      error: String(error),
    }),
  );
}

/**
 * Deletes a finalized take's chunk files: the assembled recording is all that is read from now on (review, playback,
 * retention). The rows stay, so a retried chunk is still recognized (200) and the quota counts the recording once.
 */
async function dropChunkFiles(storage: RecordingStorage, ref: AnswerRef, recordingId: string, take: number) {
  const db = await getDb();
  const rows = await db
    .select({ seq: recordingChunks.seq })
    .from(recordingChunks)
    .where(eq(recordingChunks.recordingId, recordingId));
  await Promise.all(rows.map((c) => storage.delete(chunkKey(ref, c.seq, take)))).catch((error: unknown) =>
    log.warn("recordings.chunk_cleanup_failed", {
      session_id: ref.sessionId,
      answer: ref.questionIndex,
      error: String(error),
    }),
  );
}

/**
 * A chunk the database holds but storage no longer has (lost by the storage, or a sweep that should not have run): its
 * row goes, so that the browser, which keeps every chunk until the answer is verified, can upload it again (the answer
 * is a 409 `missing_chunks`, which makes it send what it holds). Only while this take is still the answer's and not
 * ready: true when a row went.
 */
async function forgetLostChunk(
  db: DbOrTx,
  input: { recordingId: string; take: number; seq: number },
): Promise<boolean> {
  const gone = await db
    .delete(recordingChunks)
    .where(
      and(
        eq(recordingChunks.recordingId, input.recordingId),
        eq(recordingChunks.seq, input.seq),
        sql`EXISTS (SELECT 1 FROM ${recordings} WHERE ${recordings.id} = ${input.recordingId} AND ${recordings.take} = ${input.take} AND ${recordings.status} <> 'ready')`,
      ),
    )
    .returning({ seq: recordingChunks.seq });
  if (gone.length > 0)
    log.warn("recording.chunk_bytes_missing", { recordingId: input.recordingId, take: input.take, seq: input.seq });
  return gone.length > 0;
}
