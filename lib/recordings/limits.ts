// Upload limits. A MediaRecorder timeslice of a few seconds gives chunks far below the chunk limit. An answer may be
// as long as its question's time limit plus a margin (the browser stops the recorder at the limit; the margin
// absorbs timer lag and the last chunk's flush), and hold at most that long at a generous bitrate, never more than
// the absolute recording limit. The chunk-count limit bounds rows and files per answer, and with one recording per
// question of the snapshot these bound what one session can store.

export interface RecordingLimits {
  chunkMaxBytes: number;
  /** The ceiling of any recording, whatever its question's time limit. */
  recordingMaxBytes: number;
  maxChunks: number;
  /** The highest average rate a recording may have over its allowed duration. */
  maxBytesPerSecond: number;
}

export const RECORDING_LIMITS: RecordingLimits = {
  chunkMaxBytes: 8 * 1024 * 1024, // bytes (8 MiB)
  recordingMaxBytes: 200 * 1024 * 1024, // bytes (200 MiB)
  maxChunks: 2000, // chunks per recording
  // The room records at 1.5 Mbit/s video + 64 kbit/s audio (lib/candidate-room/recorder.ts); 4 Mbit/s leaves room for
  // encoders that overshoot their target (keyframes, Safari ignoring it).
  maxBytesPerSecond: 500_000, // bytes per second (4 Mbit/s)
};

export const DURATION_MARGIN_S = 10; // seconds added to every question's time limit
export const DURATION_MARGIN_RATIO = 0.05; // and 5 % of the time limit on top

/** Restarts of an answer cut off before it was finalized (a reload, a lost device), per answer. */
export const FREE_RETAKES_PER_ANSWER = 3;

/** The longest recording accepted for a question with this time limit, in milliseconds. */
export const allowedDurationMs = (timeLimitSeconds: number) =>
  Math.ceil((timeLimitSeconds * (1 + DURATION_MARGIN_RATIO) + DURATION_MARGIN_S) * 1000);

/** The most bytes one answer to a question with this time limit may hold. */
export const answerMaxBytes = (timeLimitSeconds: number, limits: RecordingLimits = RECORDING_LIMITS) =>
  Math.min(
    limits.recordingMaxBytes,
    Math.ceil((allowedDurationMs(timeLimitSeconds) / 1000) * limits.maxBytesPerSecond),
  );

/** "2:05" for 125 000 ms: how a candidate reads a duration. */
export const minutesAndSeconds = (ms: number) => {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};
