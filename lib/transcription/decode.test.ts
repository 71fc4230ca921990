import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { decodeToWav } from "./decode";
import { TranscriptionError } from "./errors";
import {
  CHROMIUM_WEBM,
  SPOKEN_DURATION_S,
  SPOKEN_WAV,
  ffmpeg,
  probeDuration,
  useScratchDir,
} from "@/test/kits/transcription";
import { parseWav } from "./wav";

// Real ffmpeg on real recordings: the spoken fixture encoded as browsers record (WebM/Opus, MP4/AAC) and a real
// Chromium MediaRecorder file, decoded back to the 16 kHz mono 16-bit WAV that is uploaded.

const scratch = useScratchDir();

async function expectWav16kMono(file: string, durationS: number) {
  const info = parseWav(await fs.readFile(file));
  expect(info).toMatchObject({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, dataOffset: 44 });
  expect(info!.durationS).toBeCloseTo(durationS, 1);
  // The header's length agrees with what ffprobe measures in the file.
  expect(probeDuration(file)).toBeCloseTo(info!.durationS, 2);
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a rejection"),
    (error: unknown) => error,
  );

describe("decodeToWav", () => {
  it("decodes WebM/Opus from a file to 16 kHz mono WAV of the same duration", async () => {
    const webm = path.join(scratch.path, "answer.webm");
    ffmpeg("-i", SPOKEN_WAV, "-c:a", "libopus", "-b:a", "24k", webm);
    const workDir = path.join(scratch.path, "work");
    await fs.mkdir(workDir);
    const decoded = await decodeToWav(webm, { workDir });
    expect(decoded.path).toBe(path.join(workDir, "audio.wav"));
    expect(decoded.durationS).toBeCloseTo(SPOKEN_DURATION_S, 1);
    await expectWav16kMono(decoded.path, SPOKEN_DURATION_S);
  });

  it("decodes a stream of MP4/AAC whose index comes after the media (Safari-style), by copying it to disk first", async () => {
    const mp4 = path.join(scratch.path, "answer.mp4");
    ffmpeg("-i", SPOKEN_WAV, "-c:a", "aac", "-b:a", "48k", mp4); // no faststart: the moov box is at the end
    const decoded = await decodeToWav(createReadStream(mp4), { workDir: scratch.path });
    await expectWav16kMono(decoded.path, SPOKEN_DURATION_S);
  });

  it("takes the audio of a real Chromium MediaRecorder WebM (VP8 + Opus, no duration in its header)", async () => {
    const decoded = await decodeToWav(createReadStream(CHROMIUM_WEBM), { workDir: scratch.path });
    // Its last packet starts at 2.94 s (lib/recordings/fixtures/README.md) and lasts 20 ms or more.
    expect(decoded.durationS).toBeGreaterThanOrEqual(2.94);
    expect(decoded.durationS).toBeLessThan(3.05);
  });

  it("says ffmpeg is missing and how to install it, without retrying", async () => {
    const error = await rejection(
      decodeToWav(SPOKEN_WAV, { workDir: scratch.path, ffmpegPath: path.join(scratch.path, "no-ffmpeg") }),
    );
    expect(error).toBeInstanceOf(TranscriptionError);
    expect(error).toMatchObject({ reason: "ffmpeg_missing", retryable: false });
    expect((error as Error).message).toMatch(/apt-get install ffmpeg/);
  });

  it("refuses bytes that are no recording, for good", async () => {
    const junk = Readable.from([Buffer.from("\x1a\x45\xdf\xa3 this is not really a WebM file ".repeat(50))]);
    const error = await rejection(decodeToWav(junk, { workDir: scratch.path }));
    expect(error).toMatchObject({ reason: "audio_undecodable", retryable: false });
  });

  it("tells a recording without sound apart from a broken one", async () => {
    const silentVideo = path.join(scratch.path, "video-only.webm");
    ffmpeg("-f", "lavfi", "-i", "color=c=black:s=64x48:d=1", "-c:v", "libvpx", silentVideo);
    const error = await rejection(decodeToWav(silentVideo, { workDir: scratch.path }));
    expect(error).toMatchObject({ reason: "no_audio_track", retryable: false });
  });

  it("gives up on a stream that stalls, as a retryable timeout", async () => {
    const stalled = new PassThrough();
    stalled.write(Buffer.alloc(1000));
    const error = await rejection(decodeToWav(stalled, { workDir: scratch.path, timeoutMs: 300 }));
    expect(error).toMatchObject({ reason: "decode_timeout", retryable: true });
  });

  it("passes a storage read failure on as retryable, and a missing file as final", async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error("connection reset by storage"));
      },
    });
    expect(await rejection(decodeToWav(failing, { workDir: scratch.path }))).toMatchObject({
      reason: "recording_unreadable",
      retryable: true,
    });
    const gone = path.join(scratch.path, "gone.webm");
    expect(await rejection(decodeToWav(createReadStream(gone), { workDir: scratch.path }))).toMatchObject({
      reason: "recording_unreadable",
      retryable: false,
    });
    expect(await rejection(decodeToWav(gone, { workDir: scratch.path }))).toMatchObject({
      reason: "recording_unreadable",
      retryable: false,
    });
  });
});
