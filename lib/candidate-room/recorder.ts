import { TIMESLICE_MS } from "./mime";
import { type TakeDigest, takeDigest } from "./take-hash";

// One answer's MediaRecorder. Chunks are handed to `onChunk` strictly in order (each write finishes before the next
// starts), so the store never holds seq n+1 without seq n. With `digest`, each chunk is then added to the take's
// SHA-256 in the same order, so the digest is ready when the recording stops and no chunk is ever read again for it.
// stop() resolves once the last chunk is written (and hashed).
//
// Browsers encode recordings in software, and a starved machine (an old laptop, a video call in another tab) can lag
// seconds behind the camera: Chromium's WebM muxer holds everything back until the first video frame is encoded, so a
// recording stopped before then comes back with nothing at all. stop() therefore keeps recording until the first
// real media has arrived (at most CATCH_UP_MS more), so "I'm done" after a short answer never loses it.

/** Less than this is a container header, not media (Chromium's first piece is sometimes a single byte). */
export const MIN_MEDIA_BYTES = 1024;
/** How long stop() keeps recording, at most, for the first media of a recording that has produced none yet. */
export const CATCH_UP_MS = 10_000;

export interface RecordingResult {
  chunkCount: number;
  durationMs: number;
  /** The take's SHA-256 and size, when asked for and the hasher worked (otherwise the uploader computes them). */
  digest?: { sha256: string; sizeBytes: number };
}

export interface ActiveRecording {
  stop(): Promise<RecordingResult>;
}

export interface RecordingOptions {
  digest?: boolean;
  /** How long stop() waits, at most, for the first media (tests shorten it). */
  catchUpMs?: number;
}

export function startRecording(
  stream: MediaStream,
  mimeType: string,
  onChunk: (blob: Blob, seq: number) => Promise<void>,
  options: RecordingOptions = {},
): ActiveRecording {
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 1_500_000, audioBitsPerSecond: 64_000 });
  let seq = 0;
  let writes: Promise<void> = Promise.resolve();
  // A hasher that fails (no WebAssembly) must never cost the recording: the take is then hashed at upload time.
  let digest: Promise<TakeDigest | null> = options.digest ? takeDigest().catch(digestFailed) : Promise.resolve(null);
  const startedAt = performance.now();
  let bytes = 0;
  let mediaArrived!: () => void;
  const firstMedia = new Promise<void>((resolve) => (mediaArrived = resolve));
  recorder.ondataavailable = (event) => {
    if (event.data.size === 0) return;
    bytes += event.data.size;
    if (bytes >= MIN_MEDIA_BYTES) mediaArrived();
    const n = seq++;
    const blob = event.data;
    writes = writes.then(async () => {
      await onChunk(blob, n);
      const hasher = await digest;
      if (hasher)
        await hasher.update(blob).catch((error: unknown) => void (digest = Promise.resolve(digestFailed(error))));
    });
  };
  const stopped = new Promise<void>((resolve) => {
    recorder.onstop = () => resolve();
  });
  recorder.start(TIMESLICE_MS);
  let result: Promise<RecordingResult> | null = null;
  return {
    stop() {
      result ??= (async () => {
        if (bytes < MIN_MEDIA_BYTES && recorder.state !== "inactive")
          await catchUp([firstMedia, stopped], options.catchUpMs);
        const durationMs = performance.now() - startedAt;
        if (recorder.state !== "inactive") recorder.stop();
        await stopped;
        await writes;
        const hasher = await digest;
        return { chunkCount: seq, durationMs, ...(hasher && seq > 0 ? { digest: await hasher.finish() } : {}) };
      })();
      return result;
    },
  };
}

/** Resolves when the first media arrives, the recorder stops by itself (its tracks ended) or the wait runs out. */
async function catchUp(until: Promise<void>[], ms = CATCH_UP_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const giveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([...until, giveUp]);
  clearTimeout(timer);
}

function digestFailed(error: unknown): null {
  console.warn("incremental SHA-256 unavailable; the take is hashed at upload", error);
  return null;
}
