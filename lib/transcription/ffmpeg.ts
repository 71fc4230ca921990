import { spawn } from "node:child_process";
import { TranscriptionError } from "./errors";

// Runs one ffmpeg command to its end under a deadline. ffmpeg reports through stderr and its exit code; this keeps
// the tail of stderr for the caller to classify, and turns "not installed" and "too slow" into typed errors.

const STDERR_KEEP_BYTES = 4 * 1024 * 1024; // bytes: silencedetect over hours of audio prints a few hundred KB

export interface FfmpegRun {
  ffmpegPath: string;
  timeoutMs: number;
  /** What the command does, for messages ("decoding the recording"). */
  step: string;
  signal?: AbortSignal;
}

export interface FfmpegResult {
  exitCode: number | null;
  stderr: string;
}

export function runFfmpeg(args: string[], { ffmpegPath, timeoutMs, step, signal }: FfmpegRun): Promise<FfmpegResult> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const child = spawn(ffmpegPath, ["-nostdin", "-hide_banner", "-nostats", ...args], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      outcome();
    };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish(() =>
        reject(new TranscriptionError("decode_timeout", `ffmpeg took longer than ${timeoutMs} ms ${step}`, true)),
      );
    }, timeoutMs);
    const onAbort = () => {
      child.kill("SIGKILL");
      finish(() => reject(signal!.reason));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      stderr = (stderr + text).slice(-STDERR_KEEP_BYTES);
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      finish(() =>
        reject(
          error.code === "ENOENT"
            ? new TranscriptionError(
                "ffmpeg_missing",
                `ffmpeg was not found at "${ffmpegPath}": install it (Debian/Ubuntu: apt-get install ffmpeg) or set TRANSCRIBE_FFMPEG_PATH`,
                false,
                { cause: error },
              )
            : error,
        ),
      );
    });
    child.on("close", (exitCode) => finish(() => resolve({ exitCode, stderr })));
  });
}

/** The last lines of ffmpeg's stderr, enough to say why it failed without flooding a log. */
export const stderrTail = (stderr: string, lines = 5) => stderr.trim().split("\n").slice(-lines).join(" | ");
