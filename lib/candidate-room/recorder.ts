import { TIMESLICE_MS } from "./mime";

// One answer's MediaRecorder. Chunks are handed to `onChunk` strictly in order (each write finishes before the next
// starts), so the store never holds seq n+1 without seq n. stop() resolves once the last chunk is written.

export interface ActiveRecording {
  stop(): Promise<{ chunkCount: number; durationMs: number }>;
}

export function startRecording(stream: MediaStream, mimeType: string, onChunk: (blob: Blob, seq: number) => Promise<void>): ActiveRecording {
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 1_500_000, audioBitsPerSecond: 64_000 });
  let seq = 0;
  let writes: Promise<void> = Promise.resolve();
  const startedAt = performance.now();
  recorder.ondataavailable = (event) => {
    if (event.data.size === 0) return;
    const n = seq++;
    writes = writes.then(() => onChunk(event.data, n));
  };
  const stopped = new Promise<void>((resolve) => {
    recorder.onstop = () => resolve();
  });
  recorder.start(TIMESLICE_MS);
  let result: Promise<{ chunkCount: number; durationMs: number }> | null = null;
  return {
    stop() {
      result ??= (async () => {
        const durationMs = performance.now() - startedAt;
        if (recorder.state !== "inactive") recorder.stop();
        await stopped;
        await writes;
        return { chunkCount: seq, durationMs };
      })();
      return result;
    },
  };
}
