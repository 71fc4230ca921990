import "server-only";
import { type Env, env } from "@/lib/env";
import { noneEngine } from "./none";
import { openAiCompatibleEngine } from "./openai-compatible";
import type { PieceTranscript } from "./transcript";

// Which speech-to-text engine runs, from configuration: with TRANSCRIBE_BASE_URL set, an OpenAI-compatible
// POST {base}/audio/transcriptions (OpenAI, Groq, a local faster-whisper or whisper.cpp server); without it, none.

export interface TranscriptionOff {
  status: "off";
  reason: "transcription_off";
  /** Shown to staff on the review page: why there is no transcript and how to get one. */
  detail: string;
}

export interface PieceUpload {
  /** A 16 kHz mono 16-bit WAV of at most the engine's maxUploadBytes. */
  wav: Buffer;
  filename: string;
  signal?: AbortSignal;
}

export interface ProviderEngine {
  kind: "openai-compatible";
  model: string;
  /** The largest file one request may carry. */
  maxUploadBytes: number;
  /** Throws TranscriptionError (see errors.ts) with `retryable` set. */
  transcribe(piece: PieceUpload): Promise<PieceTranscript>;
}

export interface NoneEngine {
  kind: "none";
  off: TranscriptionOff;
}

export type TranscriptionEngine = ProviderEngine | NoneEngine;

export type TranscriptionConfig = Pick<
  Env,
  | "TRANSCRIBE_BASE_URL"
  | "TRANSCRIBE_API_KEY"
  | "TRANSCRIBE_MODEL"
  | "TRANSCRIBE_TIMEOUT_MS"
  | "TRANSCRIBE_MAX_UPLOAD_BYTES"
>;

export function transcriptionEngine(config: TranscriptionConfig = env()): TranscriptionEngine {
  if (!config.TRANSCRIBE_BASE_URL) return noneEngine();
  return openAiCompatibleEngine({
    baseUrl: config.TRANSCRIBE_BASE_URL,
    apiKey: config.TRANSCRIBE_API_KEY,
    model: config.TRANSCRIBE_MODEL,
    timeoutMs: config.TRANSCRIBE_TIMEOUT_MS,
    maxUploadBytes: config.TRANSCRIBE_MAX_UPLOAD_BYTES,
  });
}
