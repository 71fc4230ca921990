import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MIN_PIECE_S, maxPieceSeconds, parseSilences, planPieces } from "./split";
import { WAV_HEADER_BYTES } from "./wav";

// What ffmpeg 5.1's silencedetect prints at -loglevel info -nostats (input header lines included).
const STDERR = `Input #0, wav, from 'audio.wav':
  Duration: 00:00:11.04, bitrate: 256 kb/s
  Stream #0:0: Audio: pcm_s16le ([1][0][0][0] / 0x0001), 16000 Hz, 1 channels, s16, 256 kb/s
[silencedetect @ 0x5601] silence_start: -0.00125
[silencedetect @ 0x5601] silence_end: 0.41 | silence_duration: 0.41125
[silencedetect @ 0x5601] silence_start: 4.48663
[silencedetect @ 0x5601] silence_end: 6.27094 | silence_duration: 1.78431
[silencedetect @ 0x5601] silence_start: 10.5
size=N/A time=00:00:11.04 bitrate=N/A speed= 900x
`;

describe("parseSilences", () => {
  it("pairs starts with ends, clamps to the audio and runs an unclosed silence to the end", () => {
    expect(parseSilences(STDERR, 11.04)).toEqual([
      { start: 0, end: 0.41 },
      { start: 4.48663, end: 6.27094 },
      { start: 10.5, end: 11.04 },
    ]);
  });

  it("finds nothing in audio without pauses", () => {
    expect(parseSilences("Input #0, wav, from 'a.wav':\n", 30)).toEqual([]);
  });

  it("reads exponent notation and drops empty spans", () => {
    expect(parseSilences("silence_start: 1e-05\nsilence_end: 2.5\nsilence_start: 3\nsilence_end: 3\n", 5)).toEqual([
      { start: 0.00001, end: 2.5 },
    ]);
  });
});

describe("planPieces", () => {
  it("keeps audio that fits as one piece", () => {
    expect(planPieces({ durationS: 10, silences: [{ start: 4, end: 5 }], maxPieceS: 10 })).toEqual([
      { start: 0, end: 10 },
    ]);
  });

  it("cuts in the middle of the latest pause within reach", () => {
    const silences = [
      { start: 2, end: 3 },
      { start: 7, end: 8 },
      { start: 12, end: 13 },
    ];
    expect(planPieces({ durationS: 20, silences, maxPieceS: 10 })).toEqual([
      { start: 0, end: 7.5 },
      { start: 7.5, end: 12.5 },
      { start: 12.5, end: 20 },
    ]);
  });

  it("cuts a long pause at the limit rather than past it", () => {
    expect(planPieces({ durationS: 20, silences: [{ start: 8, end: 14 }], maxPieceS: 10 })).toEqual([
      { start: 0, end: 10 },
      { start: 10, end: 20 },
    ]);
  });

  it("falls back to hard cuts at the limit when the speaker never pauses", () => {
    expect(planPieces({ durationS: 25, silences: [], maxPieceS: 10 })).toEqual([
      { start: 0, end: 10 },
      { start: 10, end: 20 },
      { start: 20, end: 25 },
    ]);
  });

  it("never leaves a sliver shorter than MIN_PIECE_S at either side of a cut", () => {
    // A pause at the very start, and the audio only just longer than one piece.
    expect(planPieces({ durationS: 10.2, silences: [{ start: 0, end: 0.5 }], maxPieceS: 10 })).toEqual([
      { start: 0, end: 10.2 - MIN_PIECE_S },
      { start: 10.2 - MIN_PIECE_S, end: 10.2 },
    ]);
  });

  it("always covers the audio with contiguous pieces within the limits, cutting inside pauses when one is in reach", () => {
    const silence = fc.tuple(
      fc.double({ min: 0, max: 600, noNaN: true }),
      fc.double({ min: 0.01, max: 5, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 600, noNaN: true }),
        fc.double({ min: 2, max: 120, noNaN: true }),
        fc.array(silence, { maxLength: 40 }),
        (durationS, maxPieceS, raw) => {
          const silences = raw.map(([start, length]) => ({ start, end: start + length }));
          const pieces = planPieces({ durationS, silences, maxPieceS });
          expect(pieces[0]!.start).toBe(0);
          expect(pieces.at(-1)!.end).toBe(durationS);
          pieces.forEach((piece, i) => {
            if (i > 0) expect(piece.start).toBe(pieces[i - 1]!.end);
            expect(piece.end - piece.start).toBeLessThanOrEqual(maxPieceS + 1e-9);
            if (pieces.length > 1) expect(piece.end - piece.start).toBeGreaterThanOrEqual(MIN_PIECE_S - 1e-9);
          });
          for (const piece of pieces.slice(0, -1)) {
            const latest = Math.min(piece.start + maxPieceS, durationS - MIN_PIECE_S);
            const reachable = silences.some((s) => s.end >= piece.start + MIN_PIECE_S && s.start <= latest);
            const inPause = silences.some((s) => piece.end >= s.start && piece.end <= s.end);
            if (reachable) expect(inPause).toBe(true);
          }
        },
      ),
    );
  });

  it("refuses a limit too small to leave room on both sides of a cut", () => {
    expect(() => planPieces({ durationS: 10, silences: [], maxPieceS: 1.5 })).toThrow();
  });
});

describe("maxPieceSeconds", () => {
  it("fits a piece's WAV, header included, within the upload limit", () => {
    const limit = 24_000_000;
    const seconds = maxPieceSeconds(limit);
    expect(seconds).toBeCloseTo(749.998, 2); // 12.5 minutes of 16 kHz 16-bit mono
    // A cut floored to samples adds at most one sample.
    expect(WAV_HEADER_BYTES + (Math.floor(seconds * 16_000) + 1) * 2).toBeLessThanOrEqual(limit);
  });
});
