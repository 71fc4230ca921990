import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";
import { parseWav } from "@/lib/transcription/wav";

// Shared by the transcription tests: the spoken fixture, ffmpeg to make recordings of it, and a scratch folder.

/** espeak-ng saying two sentences, 16 kHz mono (test/fixtures/README.md). */
export const SPOKEN_WAV = path.join(import.meta.dirname, "../fixtures/answer-en.wav");
export const SPOKEN_TEXT = "I led a team of five engineers. We moved payments to a new service in six weeks.";
export const SPOKEN_DURATION_S = parseWav(fs.readFileSync(SPOKEN_WAV))!.durationS;

/** A real MediaRecorder WebM (VP8 + Opus) from Chromium, 2.94 s. */
export const CHROMIUM_WEBM = path.join(import.meta.dirname, "../../lib/recordings/fixtures/chromium-3s.webm");

/** Runs ffmpeg to make a test input; throws with its stderr when it fails. */
export function ffmpeg(...args: string[]): void {
  execFileSync("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", ...args], {
    stdio: ["ignore", "ignore", "pipe"],
  });
}

/** Duration in seconds as ffprobe measures it. */
export function probeDuration(file: string): number {
  return Number(
    execFileSync("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file])
      .toString()
      .trim(),
  );
}

/** A fresh folder per test, removed after it. */
export function useScratchDir() {
  const dir = { path: "" };
  beforeEach(() => {
    dir.path = fs.mkdtempSync(path.join(os.tmpdir(), "aii-transcription-test-"));
  });
  afterEach(() => fs.rmSync(dir.path, { recursive: true, force: true }));
  return dir;
}
