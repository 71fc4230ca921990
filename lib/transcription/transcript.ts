// The transcript of one recording, as stored, and the word list with times that evidence quotes are mapped onto.
// Pure: plain data in, plain data out. Times are seconds from the start of the recording.

export interface TranscriptSegment {
  start: number;
  end: number;
  text: string;
}

export interface TranscriptWord {
  start: number;
  end: number;
  word: string;
}

export interface Transcript {
  /** As the provider names it ("english" from OpenAI, "en" from some servers); absent when it did not say. */
  language?: string;
  duration_s: number;
  segments: TranscriptSegment[];
  /** Per-word times, when the provider gave them for the whole recording. */
  words?: TranscriptWord[];
}

/** One piece's transcript as the provider gave it, with times from the start of the piece. */
export type PieceTranscript = Omit<Transcript, "duration_s">;

export interface TranscribedPiece {
  offsetS: number;
  durationS: number;
  transcript: PieceTranscript;
}

const ms = (seconds: number) => Math.round(seconds * 1000) / 1000;

/**
 * Puts the pieces' transcripts on the recording's timeline. Times are clamped into their own piece: Whisper often ends
 * the last segment a little past the audio, which would otherwise overlap the next piece.
 */
export function mergePieces(pieces: TranscribedPiece[], durationS: number): Transcript {
  const sorted = [...pieces].sort((a, b) => a.offsetS - b.offsetS);
  const shift = (piece: TranscribedPiece) => (t: number) =>
    ms(piece.offsetS + Math.min(Math.max(t, 0), piece.durationS));
  const segments = sorted.flatMap((piece) =>
    piece.transcript.segments
      .map((s) => ({ start: shift(piece)(s.start), end: shift(piece)(Math.max(s.end, s.start)), text: s.text.trim() }))
      .filter((s) => s.text !== ""),
  );
  // Words are kept only when every piece has them, so the list never silently misses part of the recording.
  const everyPieceHasWords = sorted.every((piece) => piece.transcript.words !== undefined);
  const words = everyPieceHasWords
    ? sorted.flatMap((piece) =>
        piece.transcript
          .words!.map((w) => ({
            start: shift(piece)(w.start),
            end: shift(piece)(Math.max(w.end, w.start)),
            word: w.word.trim(),
          }))
          .filter((w) => w.word !== ""),
      )
    : undefined;
  const language = sorted.find((piece) => piece.transcript.language)?.transcript.language;
  return { ...(language ? { language } : {}), duration_s: ms(durationS), segments, ...(words ? { words } : {}) };
}

export interface TranscriptText {
  /** The whole answer as one text, segments joined by spaces. */
  text: string;
  /** Every word with the time range it was spoken in, in order. */
  words: TranscriptWord[];
  /** "provider": the provider timed each word; "estimated": spread over their segment (see below). */
  wordTimes: "provider" | "estimated";
}

export function buildTranscript(transcript: Transcript): TranscriptText {
  const text = transcript.segments
    .map((s) => s.text.trim())
    .filter(Boolean)
    .join(" ");
  if (transcript.words && transcript.words.length > 0) {
    return { text, words: transcript.words.filter((w) => w.word.trim() !== ""), wordTimes: "provider" };
  }
  // Without per-word times from the provider, each segment's words share its time span evenly. Good to a second or
  // so for a segment of a few seconds, which is what pointing the review at a quoted moment needs.
  const words = transcript.segments.flatMap((segment) => {
    const tokens = segment.text.trim().split(/\s+/).filter(Boolean);
    const each = (segment.end - segment.start) / Math.max(tokens.length, 1);
    return tokens.map((word, i) => ({
      start: ms(segment.start + i * each),
      end: ms(segment.start + (i + 1) * each),
      word,
    }));
  });
  return { text, words, wordTimes: "estimated" };
}
