import fs from "node:fs/promises";
import type { DecodedAudio } from "./decode";
import { TranscriptionError } from "./errors";
import { runFfmpeg, stderrTail } from "./ffmpeg";
import { BYTES_PER_SAMPLE, SAMPLE_RATE, WAV_HEADER_BYTES, wavHeader } from "./wav";

// Providers cap the size of one upload (OpenAI: 25 MB), so long audio goes up in pieces, cut where the speaker
// pauses so that no word is split between two requests. Each piece knows where it starts, so the times the provider
// gives for it can be moved back onto the whole recording's timeline.

export const SILENCE_NOISE_DB = -30; // dB: quieter than this counts as silence (room noise on a laptop mic sits below)
export const SILENCE_MIN_S = 0.5; // seconds: a pause between sentences, longer than the gaps between words
/** No piece is shorter (providers refuse audio under 0.1 s and invent words for near-empty clips). */
export const MIN_PIECE_S = 1; // seconds

export interface Span {
  start: number;
  end: number;
}

/** Silences from the stderr of ffmpeg's silencedetect filter, clamped to [0, durationS]; an unclosed one runs to the end. */
export function parseSilences(stderr: string, durationS: number): Span[] {
  const silences: Span[] = [];
  let openStart: number | null = null;
  for (const match of stderr.matchAll(/silence_(start|end): (-?\d+(?:\.\d+)?(?:e-?\d+)?)/g)) {
    const at = Math.min(Math.max(Number(match[2]), 0), durationS);
    if (match[1] === "start") openStart = at;
    else {
      silences.push({ start: openStart ?? 0, end: at });
      openStart = null;
    }
  }
  if (openStart !== null) silences.push({ start: openStart, end: durationS });
  return silences.filter((s) => s.end > s.start);
}

/**
 * Cuts [0, durationS] into pieces of at most maxPieceS: each cut is at the middle of the latest silence within reach
 * (fewest pieces, and some quiet on both sides), or, when the speaker never pauses, a hard cut at the limit.
 */
export function planPieces({
  durationS,
  silences,
  maxPieceS,
}: {
  durationS: number;
  silences: Span[];
  maxPieceS: number;
}): Span[] {
  if (!(maxPieceS >= 2 * MIN_PIECE_S))
    throw new Error(`A piece must be allowed at least ${2 * MIN_PIECE_S} s, not ${maxPieceS}`);
  const sorted = [...silences].sort((a, b) => a.start - b.start);
  const pieces: Span[] = [];
  let start = 0;
  while (durationS - start > maxPieceS) {
    const limit = start + maxPieceS;
    // Leave at least MIN_PIECE_S on either side of every cut.
    const earliest = start + MIN_PIECE_S;
    const latest = Math.min(limit, durationS - MIN_PIECE_S);
    let cut: number | null = null;
    for (const silence of sorted) {
      if (silence.start > latest) break;
      const candidate = Math.min(Math.max((silence.start + silence.end) / 2, earliest), latest);
      if (candidate <= silence.end && candidate >= silence.start && (cut === null || candidate > cut)) cut = candidate;
    }
    cut ??= latest;
    pieces.push({ start, end: cut });
    start = cut;
  }
  pieces.push({ start, end: durationS });
  return pieces;
}

/** The longest piece, in seconds, whose WAV fits in maxUploadBytes. */
export function maxPieceSeconds(maxUploadBytes: number): number {
  const maxSamples = Math.floor((maxUploadBytes - WAV_HEADER_BYTES) / BYTES_PER_SAMPLE);
  // One sample short: cut times are floored to samples, which can lengthen a piece by at most one.
  return (maxSamples - 1) / SAMPLE_RATE;
}

export async function detectSilences(
  audio: DecodedAudio,
  run: { ffmpegPath: string; timeoutMs: number; signal?: AbortSignal },
): Promise<Span[]> {
  const filter = `silencedetect=noise=${SILENCE_NOISE_DB}dB:d=${SILENCE_MIN_S}`;
  // silencedetect reports at the info level; -nostats keeps progress lines out.
  const { exitCode, stderr } = await runFfmpeg(
    ["-loglevel", "info", "-i", `file:${audio.path}`, "-af", filter, "-f", "null", "-"],
    {
      ...run,
      step: "looking for silences",
    },
  );
  if (exitCode !== 0)
    throw new TranscriptionError(
      "audio_undecodable",
      `ffmpeg could not scan the decoded audio: ${stderrTail(stderr)}`,
      false,
    );
  return parseSilences(stderr, audio.durationS);
}

export interface AudioPiece {
  index: number;
  /** Where the piece starts in the whole recording, in seconds. */
  offsetS: number;
  durationS: number;
  /** The piece as a WAV file, read when needed so that only one piece is in memory at a time. */
  wav(): Promise<Buffer>;
}

/** Splits decoded 16 kHz mono audio into pieces that each fit in maxUploadBytes; short audio is one piece. */
export async function splitAudio(
  audio: DecodedAudio,
  options: { maxUploadBytes: number; ffmpegPath: string; timeoutMs: number; signal?: AbortSignal },
): Promise<AudioPiece[]> {
  if (audio.sampleRate !== SAMPLE_RATE || audio.channels !== 1 || audio.bitsPerSample !== BYTES_PER_SAMPLE * 8) {
    throw new Error("splitAudio expects the 16 kHz mono 16-bit WAV that decodeToWav writes");
  }
  const totalSamples = Math.floor(audio.dataBytes / BYTES_PER_SAMPLE);
  const maxPieceS = maxPieceSeconds(options.maxUploadBytes);
  const spans =
    audio.durationS <= maxPieceS
      ? [{ start: 0, end: audio.durationS }]
      : planPieces({ durationS: audio.durationS, silences: await detectSilences(audio, options), maxPieceS });
  const bounds = spans.map((span) => Math.floor(span.start * SAMPLE_RATE)).concat(totalSamples);
  return spans.map((_, index) => {
    const from = bounds[index]!;
    const samples = bounds[index + 1]! - from;
    return {
      index,
      offsetS: from / SAMPLE_RATE,
      durationS: samples / SAMPLE_RATE,
      wav: () => readPiece(audio, from * BYTES_PER_SAMPLE, samples * BYTES_PER_SAMPLE),
    };
  });
}

async function readPiece(audio: DecodedAudio, byteOffset: number, byteLength: number): Promise<Buffer> {
  const out = Buffer.alloc(WAV_HEADER_BYTES + byteLength);
  wavHeader(byteLength).copy(out, 0);
  const file = await fs.open(audio.path, "r");
  try {
    for (let done = 0; done < byteLength;) {
      const { bytesRead } = await file.read(
        out,
        WAV_HEADER_BYTES + done,
        byteLength - done,
        audio.dataOffset + byteOffset + done,
      );
      if (bytesRead === 0) throw new Error("The decoded audio ended before its header said");
      done += bytesRead;
    }
  } finally {
    await file.close();
  }
  return out;
}
