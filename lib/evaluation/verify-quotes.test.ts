import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { transcriptOf } from "@/test/kits/evaluation";
import { createQuoteVerifier, normalizeForMatch, verifyQuote, type AnswerTranscript } from "./verify-quotes";

const answer = transcriptOf(
  "Honestly, I led the migration — we moved 5,000 customers in two weeks. I didn't wait for sign-off; I wrote the “rollback plan” first.",
);

describe("verifyQuote", () => {
  it("finds a quote despite case, punctuation, typographic quotes and dashes, and returns the transcript's own words", () => {
    const check = verifyQuote(answer, "i led the migration - we moved 5000 customers");
    expect(check).toEqual({
      found: true,
      quote: { text: "I led the migration — we moved 5,000 customers", start: 0.5, end: 4.9 },
    });
    expect(verifyQuote(answer, "I didn’t wait for sign off")).toMatchObject({
      found: true,
      quote: { text: "I didn't wait for sign-off" },
    });
    expect(verifyQuote(answer, 'wrote the "rollback plan" first')).toMatchObject({
      found: true,
      quote: { text: "wrote the “rollback plan” first" },
    });
    expect(verifyQuote(answer, "ＩＮ ＴＷＯ ＷＥＥＫＳ")).toMatchObject({
      found: true,
      quote: { text: "in two weeks" },
    });
  });

  it("never finds words the candidate did not say", () => {
    for (const quote of [
      "I led the migration and we moved 5000 customers", // a word added
      "we moved 5,000 clients", // a word changed
      "moved we 5,000 customers", // reordered
      "I led the migration ... in two weeks", // an ellipsis skipping words
      "I did not wait for sign-off", // "didn't" expanded
      "Honestly I led the the migration", // a word doubled
    ]) {
      expect(verifyQuote(answer, quote), quote).toEqual({ found: false, reason: "not_found" });
    }
    expect(verifyQuote(answer, " — … ")).toEqual({ found: false, reason: "empty" });
  });

  it("keeps accents significant", () => {
    const t = transcriptOf("My résumé lists it");
    expect(verifyQuote(t, "my résumé").found).toBe(true);
    expect(verifyQuote(t, "my resume").found).toBe(false);
  });

  it("gives no time range when the word list does not hold the quote, and none at all without a word list", () => {
    const mismatched: AnswerTranscript = {
      text: "we shipped it on time",
      words: [
        { word: "we", start: 0, end: 0.2 },
        { word: "shipped", start: 0.3, end: 0.6 },
      ],
    };
    expect(verifyQuote(mismatched, "shipped it on time")).toEqual({
      found: true,
      quote: { text: "shipped it on time", start: null, end: null },
    });
    expect(verifyQuote(mismatched, "we shipped")).toEqual({
      found: true,
      quote: { text: "we shipped", start: 0, end: 0.6 },
    });
    expect(verifyQuote({ text: "we shipped it", words: [] }, "shipped it")).toEqual({
      found: true,
      quote: { text: "shipped it", start: null, end: null },
    });
  });

  it("maps a quote onto word-list entries that carry their own spacing and punctuation", () => {
    const t: AnswerTranscript = {
      text: "Well, it was well-known.",
      words: [
        { word: " Well,", start: 1, end: 1.2 },
        { word: " it", start: 1.3, end: 1.4 },
        { word: " was", start: 1.5, end: 1.6 },
        { word: " well-known.", start: 1.7, end: 2.2 },
      ],
    };
    expect(verifyQuote(t, "it was well known")).toEqual({
      found: true,
      quote: { text: "it was well-known", start: 1.3, end: 2.2 },
    });
  });

  it("uses the word list when the transcript text is empty", () => {
    const t: AnswerTranscript = {
      text: "",
      words: [
        { word: "Yes,", start: 0, end: 0.3 },
        { word: "absolutely", start: 0.4, end: 1 },
      ],
    };
    expect(verifyQuote(t, "yes absolutely")).toEqual({
      found: true,
      quote: { text: "Yes, absolutely", start: 0, end: 1 },
    });
  });

  it("normalizeForMatch shows what the matcher compares", () => {
    expect(normalizeForMatch("“Don’t” — stop/START… 5,000!")).toEqual(["don't", "stop", "start", "5000"]);
  });
});

// Words as a speech recogniser might write them: letters (some accented or capitalised), digits, an apostrophe inside.
const word = fc
  .tuple(fc.stringMatching(/^[a-zA-Zéü]{1,8}$/), fc.constantFrom("", "", "'s", "n't"))
  .map(([stem, suffix]) => stem + suffix);
const punctuation = fc.constantFrom("", "", "", ",", ".", "?", "!", ";", ":", "…");

/** A transcript whose text carries punctuation the word list lacks, like a real recogniser's output. */
const transcriptArb = (words: fc.Arbitrary<string[]>) =>
  words.chain((ws) =>
    fc.array(punctuation, { minLength: ws.length, maxLength: ws.length }).map((marks) => ({
      text: ws.map((w, i) => w + marks[i]).join(" "),
      words: ws.map((w, i) => ({ word: w, start: i, end: i + 0.75 })),
    })),
  );

const key = (w: string) => normalizeForMatch(w).join(" ");

describe("verifyQuote properties", () => {
  it("a quote cut from the transcript at word boundaries is always found, with the right time range", () => {
    const unique = fc.uniqueArray(word, { minLength: 1, maxLength: 40, selector: key });
    fc.assert(
      fc.property(
        transcriptArb(unique).chain((t) =>
          fc.tuple(fc.constant(t), fc.nat(t.words.length - 1), fc.nat(t.words.length - 1), fc.boolean()),
        ),
        ([t, a, b, shout]) => {
          const [from, to] = a <= b ? [a, b] : [b, a];
          const pieces = t.text
            .split(" ")
            .slice(from, to + 1)
            .join(" ");
          const quote = shout ? pieces.toUpperCase() : pieces;
          const check = createQuoteVerifier(t).verify(quote);
          expect(check.found).toBe(true);
          if (!check.found) return;
          expect(check.quote.start).toBe(t.words[from]!.start);
          expect(check.quote.end).toBe(t.words[to]!.end);
          expect(normalizeForMatch(check.quote.text)).toEqual(normalizeForMatch(pieces));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("with repeated words, the time range found always spans words that say the quote", () => {
    const repetitive = fc.array(fc.constantFrom("we", "I", "the", "team", "shipped", "it"), {
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(
        transcriptArb(repetitive).chain((t) => fc.tuple(fc.constant(t), fc.nat(t.words.length - 1), fc.nat(5))),
        ([t, from, extra]) => {
          const to = Math.min(t.words.length - 1, from + extra);
          const quote = t.words
            .slice(from, to + 1)
            .map((w) => w.word)
            .join(" ");
          const check = createQuoteVerifier(t).verify(quote);
          expect(check.found).toBe(true);
          if (!check.found) return;
          const spoken = t.words
            .filter((w) => w.start >= check.quote.start! && w.end <= check.quote.end!)
            .map((w) => w.word);
          expect(normalizeForMatch(spoken.join(" "))).toEqual(normalizeForMatch(quote));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a quote with one word changed is never found", () => {
    fc.assert(
      fc.property(
        transcriptArb(fc.array(word, { minLength: 1, maxLength: 40 })).chain((t) =>
          fc.tuple(fc.constant(t), fc.nat(t.words.length - 1), fc.nat(8), fc.nat(8), word),
        ),
        ([t, from, length, offset, replacement]) => {
          // The replacement is a word the candidate never said (anywhere in the answer).
          fc.pre(!t.words.some((w) => key(w.word) === key(replacement)));
          const to = Math.min(t.words.length - 1, from + length);
          const quoted = t.text.split(" ").slice(from, to + 1);
          quoted[offset % quoted.length] = replacement;
          expect(createQuoteVerifier(t).verify(quoted.join(" ")).found).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
