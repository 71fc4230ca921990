import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { recordings, transcripts } from "@/db/schema";
import { log } from "@/lib/log";
import { recordingStorage } from "@/lib/recordings/recording-storage";
import type { RecordingStorage } from "@/lib/recordings/storage";
import { TranscriptionError } from "@/lib/transcription/errors";
import { type TranscriptionEngine, transcriptionEngine } from "@/lib/transcription/engine";
import { transcribeRecording } from "@/lib/transcription/transcribe";
import { buildTranscript } from "@/lib/transcription/transcript";
import { PermanentJobError } from "@/lib/jobs/permanent";
import { sessionErased } from "./erased";
import { evaluateWhenTranscribed } from "./triggers";

// The transcribe-recording job: one ready recording's current take becomes a transcript (segments plus words with
// time ranges). Idempotent by what it produces: a transcript of that take already stored means nothing to do, and
// the insert itself is keyed (recording, take), so two runs racing store one. When it was the session's last answer
// to be transcribed and the session is complete, the evaluation is enqueued.

export interface TranscribeJobInput {
  company_id: string;
  recording_id: string;
}

export interface TranscribeJobDeps {
  storage?: RecordingStorage;
  engine?: TranscriptionEngine;
}

export type TranscribeJobOutcome = "transcribed" | "already_transcribed" | "not_ready" | "off" | "erased";

export async function runTranscribeJob(
  input: TranscribeJobInput,
  deps: TranscribeJobDeps = {},
): Promise<TranscribeJobOutcome> {
  const db = await getDb();
  const [recording] = await db
    .select()
    .from(recordings)
    .where(and(eq(recordings.id, input.recording_id), eq(recordings.companyId, input.company_id)));
  // Purged, or replaced by a take still uploading: the finalize of that take enqueues its own transcription.
  if (!recording || recording.status !== "ready" || !recording.storageKey) return "not_ready";
  if (await erasedNoOp(recording)) return "erased";
  const [existing] = await db
    .select({ id: transcripts.id })
    .from(transcripts)
    .where(and(eq(transcripts.recordingId, recording.id), eq(transcripts.take, recording.take)));
  if (existing) {
    await evaluateWhenTranscribed({ companyId: recording.companyId, sessionId: recording.sessionId });
    return "already_transcribed";
  }

  const engine = deps.engine ?? transcriptionEngine();
  if (engine.kind === "none") return "off"; // the review page says how to turn transcription on
  const storage = deps.storage ?? recordingStorage();
  let result;
  try {
    result = await transcribeRecording({ input: storage.read(recording.storageKey), engine });
  } catch (error) {
    if (error instanceof TranscriptionError && !error.retryable)
      throw new PermanentJobError(`${error.reason}: ${error.message}`, { cause: error });
    throw error;
  }
  if (result.status !== "done") return "off";
  // Erased while the engine worked: the words the candidate said are not stored. (The erasure deletes the recording
  // row in the transaction that marks the invite erased, so an insert racing it fails on the recording's key.)
  if (await erasedNoOp(recording)) return "erased";
  const built = buildTranscript(result.transcript);
  const stored = await db
    .insert(transcripts)
    .values({
      companyId: recording.companyId,
      sessionId: recording.sessionId,
      recordingId: recording.id,
      questionIndex: recording.questionIndex,
      take: recording.take,
      engine: engine.kind,
      model: result.model,
      language: result.transcript.language ?? null,
      durationMs: Math.round(result.transcript.duration_s * 1000),
      text: built.text,
      segments: result.transcript.segments,
      words: built.words,
      wordTimesEstimated: built.wordTimes === "estimated",
    })
    .onConflictDoNothing()
    .returning({ id: transcripts.id });
  log.info("transcription.stored", {
    recording_id: recording.id,
    take: recording.take,
    pieces: result.pieces,
    duplicate: stored.length === 0,
  });
  await evaluateWhenTranscribed({ companyId: recording.companyId, sessionId: recording.sessionId });
  return stored.length ? "transcribed" : "already_transcribed";
}

/** The candidate's data was erased (lib/erasure): the job completes without transcribing or storing anything. */
async function erasedNoOp(recording: { id: string; sessionId: string }): Promise<boolean> {
  if (!(await sessionErased(await getDb(), recording.sessionId))) return false;
  log.info("transcription.skipped_erased", { recording_id: recording.id, session_id: recording.sessionId });
  return true;
}
