import "server-only";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { env } from "@/lib/env";
import { type AudioInput, DECODE_TIMEOUT_MS, decodeToWav } from "./decode";
import { type TranscriptionEngine, type TranscriptionOff, transcriptionEngine } from "./engine";
import { splitAudio } from "./split";
import { type TranscribedPiece, type Transcript, mergePieces } from "./transcript";

// Transcribes one recording: decode to 16 kHz mono WAV, cut into pieces the provider accepts, send them one after
// another, and put the answers back on the recording's timeline. Failures throw TranscriptionError (errors.ts), whose
// `retryable` tells the job whether to try again.

/** Shorter audio is not sent: providers refuse it (OpenAI's minimum is 0.1 s) and there is nothing to hear. */
export const MIN_AUDIO_S = 0.1; // seconds

export type TranscriptionResult =
  | TranscriptionOff
  | {
      status: "done";
      transcript: Transcript;
      /** The model that heard it, to store beside the transcript. */
      model: string;
      /** How many requests it took. */
      pieces: number;
    };

export interface TranscribeOptions {
  /** The recording: a path, or a stream of its bytes (RecordingStorage.read(key)). */
  input: AudioInput;
  /** Defaults to the configured engine (TRANSCRIBE_*). */
  engine?: TranscriptionEngine;
  ffmpegPath?: string;
  /** For each ffmpeg step (decoding, silence detection). */
  decodeTimeoutMs?: number;
  signal?: AbortSignal;
}

export async function transcribeRecording(options: TranscribeOptions): Promise<TranscriptionResult> {
  const {
    input,
    signal,
    engine = transcriptionEngine(),
    ffmpegPath = env().TRANSCRIBE_FFMPEG_PATH,
    decodeTimeoutMs = DECODE_TIMEOUT_MS,
  } = options;
  if (engine.kind === "none") {
    if (typeof input !== "string") input.destroy(); // release the storage handle we will not read
    return engine.off;
  }
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), "aii-transcribe-"));
  try {
    const audio = await decodeToWav(input, { workDir, ffmpegPath, timeoutMs: decodeTimeoutMs, signal });
    if (audio.durationS < MIN_AUDIO_S) {
      return { status: "done", transcript: mergePieces([], audio.durationS), model: engine.model, pieces: 0 };
    }
    const pieces = await splitAudio(audio, {
      maxUploadBytes: engine.maxUploadBytes,
      ffmpegPath,
      timeoutMs: decodeTimeoutMs,
      signal,
    });
    const transcribed: TranscribedPiece[] = [];
    // One piece at a time: only one is in memory, and providers rate-limit a burst anyway.
    for (const piece of pieces) {
      const transcript = await engine.transcribe({
        wav: await piece.wav(),
        filename: `answer-${piece.index}.wav`,
        signal,
      });
      transcribed.push({ offsetS: piece.offsetS, durationS: piece.durationS, transcript });
    }
    return {
      status: "done",
      transcript: mergePieces(transcribed, audio.durationS),
      model: engine.model,
      pieces: pieces.length,
    };
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
}
