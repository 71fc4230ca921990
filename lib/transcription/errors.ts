// Why a transcription failed, for the job that runs it: `retryable` says whether trying the same recording again
// later can succeed (the job queue owns retries), and `reason` is the stable word the review page and the
// recording's stored state switch on. This never becomes an HTTP response (no route throws it), so it is separate
// from AppError; its message is for operators and may name the provider's own words, never a key.

export type TranscriptionErrorReason =
  /** ffmpeg is not installed or not at TRANSCRIBE_FFMPEG_PATH. */
  | "ffmpeg_missing"
  /** ffmpeg could not read the recording (corrupt, truncated, not a media file). */
  | "audio_undecodable"
  /** The recording holds no audio stream at all. */
  | "no_audio_track"
  /** ffmpeg (decoding or silence detection) ran past its deadline. */
  | "decode_timeout"
  /** The recording's bytes could not be read from storage. */
  | "recording_unreadable"
  /** The provider could not be reached, or answered 5xx. */
  | "provider_unavailable"
  | "provider_rate_limited"
  /** No answer within TRANSCRIBE_TIMEOUT_MS. */
  | "provider_timeout"
  /** 401/403: TRANSCRIBE_API_KEY is missing, wrong or lacks access. */
  | "provider_unauthorized"
  /** Any other 4xx: the provider refuses this request as sent (model, format, size). */
  | "provider_rejected"
  /** A 2xx whose body is not a verbose_json transcription. */
  | "provider_bad_response";

export class TranscriptionError extends Error {
  constructor(
    readonly reason: TranscriptionErrorReason,
    message: string,
    readonly retryable: boolean,
    readonly extra: { cause?: unknown; status?: number; retryAfterS?: number } = {},
  ) {
    super(message, { cause: extra.cause });
    this.name = "TranscriptionError";
  }
}
