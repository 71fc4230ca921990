import { TIMESLICE_MS } from "./mime";
import { type TakeDigest, takeDigest } from "./take-hash";

// One answer's MediaRecorder. Chunks are handed to `onChunk` strictly in order (each write finishes before the next
// starts), so the store never holds seq n+1 without seq n. With `digest`, each chunk is then added to the take's
// SHA-256 in the same order, so the digest is ready when the recording stops and no chunk is ever read again for it.
// stop() resolves once the last chunk is written (and hashed).

export interface RecordingResult {
  chunkCount: number;
  durationMs: number;
  /** The take's SHA-256 and size, when asked for and the hasher worked (otherwise the uploader computes them). */
  digest?: { sha256: string; sizeBytes: number };
}

export interface ActiveRecording {
  stop(): Promise<RecordingResult>;
}

export function startRecording(
  stream: MediaStream,
  mimeType: string,
  onChunk: (blob: Blob, seq: number) => Promise<void>,
  options: { digest?: boolean } = {},
): ActiveRecording {
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 1_500_000, audioBitsPerSecond: 64_000 });
  let seq = 0;
  let writes: Promise<void> = Promise.resolve();
  // A hasher that fails (no WebAssembly) must never cost the recording: the take is then hashed at upload time.
  let digest: Promise<TakeDigest | null> = options.digest ? takeDigest().catch(digestFailed) : Promise.resolve(null);
  const startedAt = performance.now();
  recorder.ondataavailable = (event) => {
    if (event.data.size === 0) return;
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

function digestFailed(error: unknown): null {
  console.warn("incremental SHA-256 unavailable; the take is hashed at upload", error);
  return null;
}
