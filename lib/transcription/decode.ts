import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { TranscriptionError } from "./errors";
import { runFfmpeg, stderrTail } from "./ffmpeg";
import { SAMPLE_RATE, type WavInfo, parseWav } from "./wav";

// Recording (WebM/Opus from Chromium and Firefox, MP4/AAC from Safari, video track included) → 16 kHz mono 16-bit
// WAV in a work folder, ready to be measured, split and uploaded.

/** A recording on disk, or its bytes as a stream (RecordingStorage.read(key)). */
export type AudioInput = string | Readable;

export const DECODE_TIMEOUT_MS = 120_000; // ms: ffmpeg extracts audio at ~100x real time, so this is far out of reach

export interface DecodeOptions {
  /** A private folder for this job; the caller deletes it. */
  workDir: string;
  ffmpegPath?: string;
  /** Covers reading the stream and running ffmpeg. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface DecodedAudio extends WavInfo {
  path: string;
}

export async function decodeToWav(input: AudioInput, options: DecodeOptions): Promise<DecodedAudio> {
  const { workDir, ffmpegPath = "ffmpeg", timeoutMs = DECODE_TIMEOUT_MS, signal } = options;
  const startedAt = Date.now();
  // A stream is copied to disk first: an MP4 whose index (moov) comes after the media cannot be demuxed from a pipe,
  // and a file also lets ffmpeg probe a MediaRecorder WebM that has no duration. Bounded copy, no RAM growth.
  const source =
    typeof input === "string" ? input : await spool(input, path.join(workDir, "recording"), timeoutMs, signal);
  const out = path.join(workDir, "audio.wav");
  const { exitCode, stderr } = await runFfmpeg(
    // First audio stream only, video ignored; no metadata, so the header is the plain 44 bytes.
    // "file:" keeps ffmpeg from reading a path as a protocol (a name with a colon, "pipe:", "http:").
    [
      "-loglevel",
      "error",
      "-i",
      `file:${source}`,
      "-map",
      "0:a:0",
      "-ac",
      "1",
      "-ar",
      String(SAMPLE_RATE),
      "-c:a",
      "pcm_s16le",
    ].concat(["-map_metadata", "-1", "-fflags", "+bitexact", "-f", "wav", "-y", `file:${out}`]),
    {
      ffmpegPath,
      timeoutMs: Math.max(1, timeoutMs - (Date.now() - startedAt)),
      step: "decoding the recording",
      signal,
    },
  );
  if (exitCode !== 0) throw decodeFailure(stderr);
  const head = Buffer.alloc(4096);
  const file = await fs.open(out, "r");
  const { bytesRead } = await file.read(head, 0, head.length, 0).finally(() => file.close());
  const info = parseWav(head.subarray(0, bytesRead));
  if (!info)
    throw new TranscriptionError("audio_undecodable", "ffmpeg wrote no readable WAV for this recording", false);
  return { ...info, path: out };
}

function decodeFailure(stderr: string): TranscriptionError {
  const why = stderrTail(stderr);
  if (/matches no streams/.test(stderr))
    return new TranscriptionError("no_audio_track", "The recording has no audio track", false);
  if (/No such file or directory/.test(stderr))
    return new TranscriptionError("recording_unreadable", `The recording file is missing: ${why}`, false);
  return new TranscriptionError("audio_undecodable", `ffmpeg could not decode the recording: ${why}`, false);
}

async function spool(input: Readable, file: string, timeoutMs: number, signal?: AbortSignal): Promise<string> {
  const deadline = AbortSignal.timeout(timeoutMs);
  try {
    await pipeline(input, createWriteStream(file), { signal: signal ? AbortSignal.any([signal, deadline]) : deadline });
    return file;
  } catch (error) {
    await fs.rm(file, { force: true });
    if (signal?.aborted) throw signal.reason;
    if (deadline.aborted)
      throw new TranscriptionError("decode_timeout", `Reading the recording took longer than ${timeoutMs} ms`, true);
    const code = (error as NodeJS.ErrnoException).code;
    // A missing object stays missing; anything else (a storage hiccup, a full disk) may pass.
    throw new TranscriptionError(
      "recording_unreadable",
      `Reading the recording failed: ${(error as Error).message}`,
      code !== "ENOENT",
      { cause: error },
    );
  }
}
