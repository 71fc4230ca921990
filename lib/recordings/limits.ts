// Upload limits. A MediaRecorder timeslice of a few seconds gives chunks far below the chunk limit; the recording
// limit covers a long answer at a high bitrate. The chunk-count limit bounds rows and files per answer, and with one
// recording per question of the snapshot it bounds what one session can store.

export interface RecordingLimits {
  chunkMaxBytes: number;
  recordingMaxBytes: number;
  maxChunks: number;
}

export const RECORDING_LIMITS: RecordingLimits = {
  chunkMaxBytes: 8 * 1024 * 1024, // bytes (8 MiB)
  recordingMaxBytes: 200 * 1024 * 1024, // bytes (200 MiB)
  maxChunks: 2000, // chunks per recording
};
