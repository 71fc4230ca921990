// Checks that a quote the model cites is something the candidate actually said, and finds when they said it.
//
// A quote is found when its words appear, in order and contiguous, in the transcript text, after both sides are
// normalised the same way. Normalisation, exactly:
//   1. Unicode NFKC (full-width letters, ligatures and compatibility forms become their plain equivalents), then
//      lower case.
//   2. Whitespace, dashes of every kind (hyphen, en and em dash, minus...) and slashes separate words, so "well-known",
//      "well – known" and "well known" are all the words "well" "known".
//   3. Typographic apostrophes (’ ‘ ʼ ` ´) become ', and an apostrophe is kept only inside a word ("don't", not
//      the quoting marks in 'so').
//   4. Every other character that is not a letter, digit or combining mark is dropped: punctuation, quotation marks,
//      ellipses, brackets, symbols. "Hello," matches "hello"; "5,000" matches "5000".
// Nothing else is forgiven: a changed, added, dropped or reordered word (fillers included) is not found, and
// accents stay significant ("résumé" is not "resume").
//
// The evidence returned is the transcript's own text for the matched span (never the model's spelling of it), with
// the time range of the matching words from the transcript's word list.

/** One recognised word with its time range, as the transcription module produces it (seconds from answer start). */
export interface TranscriptWord {
  start: number;
  end: number;
  word: string;
}

/** One answer's transcript: the shape `buildTranscript()` in lib/transcription returns (its extra fields are ignored). */
export interface AnswerTranscript {
  text: string;
  words: TranscriptWord[];
}

export interface VerifiedQuote {
  /** The transcript's text for the matched words (its own spelling and punctuation). */
  text: string;
  /** When the first matched word starts and the last one ends (the word list's units); null without a word list. */
  start: number | null;
  end: number | null;
}

export type QuoteCheck = { found: true; quote: VerifiedQuote } | { found: false; reason: "empty" | "not_found" };

interface Token {
  norm: string;
  /** Offsets in the source text of the token's first and last kept characters (end exclusive). */
  from: number;
  to: number;
}

const SEPARATOR = /[\s\p{Pd}/\uFF0F\u2044\u2215]+/u;
const APOSTROPHES = /[\u2019\u2018\u02BC\u0060\u00B4\u2032]/g;
const DROPPED = /[^\p{L}\p{N}\p{M}']/gu;
const KEPT = /[\p{L}\p{N}\p{M}]/u;

function normalisePiece(piece: string): string {
  return piece
    .normalize("NFKC")
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(DROPPED, "")
    .replace(/^'+|'+$/g, "");
}

/** Splits text into normalised words with their offsets in `text`. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pieces = /[^\s\p{Pd}/\uFF0F\u2044\u2215]+/gu;
  for (const match of text.matchAll(pieces)) {
    // NFKC can turn one character into a separator (e.g. a full-width space); split again after normalising.
    const raw = match[0];
    const parts = raw.normalize("NFKC").split(SEPARATOR);
    const from = match.index;
    let first = 0;
    while (first < raw.length && !KEPT.test(raw[first]!)) first++;
    let last = raw.length;
    while (last > first && !KEPT.test(raw[last - 1]!)) last--;
    if (first === last) [first, last] = [0, raw.length]; // e.g. a symbol NFKC turns into letters
    for (const part of parts) {
      const norm = normalisePiece(part);
      if (norm) tokens.push({ norm, from: from + first, to: from + last });
    }
  }
  return tokens;
}

/** The normalised words of `text`, as the matcher sees them (shown to people to explain a rejected quote). */
export const normalizeForMatch = (text: string): string[] => tokenize(text).map((t) => t.norm);

function indexOf(haystack: readonly string[], needle: readonly string[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

export interface QuoteVerifier {
  verify(quote: string): QuoteCheck;
}

/** Prepares one transcript for checking many quotes. */
/** The answer's text; the word list spelled out when the text is missing. What the model sees and quotes from. */
export const answerText = (transcript: AnswerTranscript): string =>
  transcript.text.trim() ? transcript.text : transcript.words.map((w) => w.word.trim()).join(" ");

export function createQuoteVerifier(transcript: AnswerTranscript): QuoteVerifier {
  const text = answerText(transcript);
  const textTokens = tokenize(text);
  const textNorms = textTokens.map((t) => t.norm);
  // A word-list entry may hold several tokens (" well-known,") or none (a lone "—"); each token remembers its word.
  const wordNorms: string[] = [];
  const wordOf: number[] = [];
  transcript.words.forEach((word, index) => {
    for (const token of tokenize(word.word)) {
      wordNorms.push(token.norm);
      wordOf.push(index);
    }
  });

  return {
    verify(quote) {
      const needle = normalizeForMatch(quote);
      if (needle.length === 0) return { found: false, reason: "empty" };
      const at = indexOf(textNorms, needle);
      if (at < 0) return { found: false, reason: "not_found" };
      const span = text.slice(textTokens[at]!.from, textTokens[at + needle.length - 1]!.to);
      // The first occurrence in the text and in the word list are the same utterance when both come from the same
      // recognition pass; if the word list disagrees with the text, the quote stands but has no time range.
      const w = indexOf(wordNorms, needle);
      if (w < 0) return { found: true, quote: { text: span, start: null, end: null } };
      const first = transcript.words[wordOf[w]!]!;
      const last = transcript.words[wordOf[w + needle.length - 1]!]!;
      return { found: true, quote: { text: span, start: first.start, end: last.end } };
    },
  };
}

export const verifyQuote = (transcript: AnswerTranscript, quote: string): QuoteCheck =>
  createQuoteVerifier(transcript).verify(quote);

/** True when the transcript holds at least one word (an empty answer cannot be evidence for anything). */
export const hasWords = (transcript: AnswerTranscript): boolean => normalizeForMatch(answerText(transcript)).length > 0;

// Text a sentence puts between quotation marks ("...", “...”, „...“, «...»). Single quotes are left alone: they double
// as apostrophes.
const QUOTED = /["“”„«»]([^"“”„«»]+)["“”„«»]/g;

/** The spans a model's free text presents as quotations, so they can be held to the same standard as quotes. */
export const quotedSpans = (sentence: string): string[] =>
  [...sentence.matchAll(QUOTED)].map((m) => m[1]!).filter((q) => normalizeForMatch(q).length > 0);
