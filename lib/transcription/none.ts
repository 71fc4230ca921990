import type { NoneEngine, TranscriptionOff } from "./engine";

// The embedded default: no speech-to-text service is configured, so recordings are kept untranscribed and the review
// page says how to turn transcription on. Not an error: nothing is retried and nothing is wrong with the recording.

export const TRANSCRIPTION_OFF: TranscriptionOff = {
  status: "off",
  reason: "transcription_off",
  detail:
    "Transcription is off. To turn it on, set TRANSCRIBE_BASE_URL to an OpenAI-compatible speech-to-text API " +
    "(e.g. https://api.openai.com/v1, or a local Whisper server), with TRANSCRIBE_API_KEY and TRANSCRIBE_MODEL if it needs them.",
};

export const noneEngine = (): NoneEngine => ({ kind: "none", off: TRANSCRIPTION_OFF });
