import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MIN_MEDIA_BYTES, startRecording } from "./recorder";

// A MediaRecorder double driven by the test: `deliver` plays the encoder handing a piece of the recording over, and
// stop() flushes whatever `pendingAtStop` holds, as Chromium's muxer does, then fires "stop".
class FakeRecorder {
  static last: FakeRecorder;
  state: "inactive" | "recording" = "inactive";
  ondataavailable: ((event: { data: Blob }) => void) | null = null;
  onstop: (() => void) | null = null;
  pendingAtStop: number[] = [];
  stopCalledAt: number | null = null;
  constructor() {
    FakeRecorder.last = this;
  }
  start() {
    this.state = "recording";
  }
  deliver(size: number) {
    this.ondataavailable?.({ data: new Blob([new Uint8Array(size)]) });
  }
  stop() {
    this.stopCalledAt = Date.now();
    this.state = "inactive";
    for (const size of this.pendingAtStop) this.deliver(size);
    queueMicrotask(() => this.onstop?.());
  }
  /** The tracks ended (a camera unplugged): the browser stops the recorder by itself. */
  endTracks() {
    this.state = "inactive";
    this.onstop?.();
  }
}

const stream = {} as MediaStream;

describe("startRecording's stop", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal("MediaRecorder", FakeRecorder);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("stops at once when media has arrived, and hands every piece over in order", async () => {
    const pieces: [number, number][] = [];
    const recording = startRecording(stream, "video/webm", async (blob, seq) => void pieces.push([seq, blob.size]));
    const recorder = FakeRecorder.last;
    recorder.deliver(1);
    recorder.deliver(40_000);
    recorder.pendingAtStop = [9_000];
    const result = await recording.stop();
    expect(recorder.stopCalledAt).toBe(Date.now());
    expect(result.chunkCount).toBe(3);
    expect(pieces).toEqual([
      [0, 1],
      [1, 40_000],
      [2, 9_000],
    ]);
  });

  it("keeps recording while a lagging encoder has produced no media yet, and stops once it has", async () => {
    const pieces: number[] = [];
    const recording = startRecording(stream, "video/webm", async (blob) => void pieces.push(blob.size), {
      catchUpMs: 10_000,
    });
    const recorder = FakeRecorder.last;
    recorder.deliver(1); // a header byte is not media
    const startedStopping = Date.now();
    const stopping = recording.stop();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(recorder.stopCalledAt).toBeNull();
    expect(recorder.state).toBe("recording");
    recorder.pendingAtStop = [5_000];
    recorder.deliver(MIN_MEDIA_BYTES);
    const result = await stopping;
    expect(recorder.stopCalledAt! - startedStopping).toBe(3_000);
    expect(result.chunkCount).toBe(3);
    expect(pieces).toEqual([1, MIN_MEDIA_BYTES, 5_000]);
  });

  it("gives up after the catch-up time and reports the empty recording as empty", async () => {
    const recording = startRecording(stream, "video/webm", async () => {}, { catchUpMs: 10_000 });
    const recorder = FakeRecorder.last;
    const stopping = recording.stop();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(recorder.stopCalledAt).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    const result = await stopping;
    expect(recorder.stopCalledAt).not.toBeNull();
    expect(result.chunkCount).toBe(0);
    expect(result.digest).toBeUndefined();
  });

  it("does not wait when the recorder already stopped by itself (its tracks ended)", async () => {
    const recording = startRecording(stream, "video/webm", async () => {}, { catchUpMs: 10_000 });
    const recorder = FakeRecorder.last;
    const stopping = recording.stop();
    await vi.advanceTimersByTimeAsync(500);
    recorder.endTracks();
    const result = await stopping;
    expect(result.chunkCount).toBe(0);
    expect(recorder.stopCalledAt).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("answers every stop() call with the one result", async () => {
    const recording = startRecording(stream, "video/webm", async () => {});
    FakeRecorder.last.deliver(MIN_MEDIA_BYTES * 2);
    const [a, b] = await Promise.all([recording.stop(), recording.stop()]);
    expect(a).toBe(b);
    expect(a.chunkCount).toBe(1);
  });
});
