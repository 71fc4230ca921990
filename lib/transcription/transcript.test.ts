import { describe, expect, it } from "vitest";
import { buildTranscript, mergePieces } from "./transcript";
import { parseWav, wavHeader } from "./wav";

describe("mergePieces", () => {
  it("moves each piece's times onto the recording's timeline", () => {
    const merged = mergePieces(
      [
        {
          offsetS: 0,
          durationS: 5.38,
          transcript: {
            language: "english",
            segments: [{ start: 0.1, end: 1.7, text: " First." }],
            words: [{ start: 0.1, end: 1.7, word: "First" }],
          },
        },
        {
          offsetS: 5.38,
          durationS: 5.66,
          transcript: {
            segments: [{ start: 0.9, end: 2.5, text: " Second." }],
            words: [{ start: 0.9, end: 2.5, word: "Second" }],
          },
        },
      ],
      11.04,
    );
    expect(merged).toEqual({
      language: "english",
      duration_s: 11.04,
      segments: [
        { start: 0.1, end: 1.7, text: "First." },
        { start: 6.28, end: 7.88, text: "Second." },
      ],
      words: [
        { start: 0.1, end: 1.7, word: "First" },
        { start: 6.28, end: 7.88, word: "Second" },
      ],
    });
  });

  it("keeps times inside their own piece (Whisper's last segment often ends past the audio)", () => {
    const merged = mergePieces(
      [
        { offsetS: 0, durationS: 4, transcript: { segments: [{ start: 3, end: 4.6, text: "overhang" }] } },
        { offsetS: 4, durationS: 3, transcript: { segments: [{ start: -0.2, end: 1, text: "early" }] } },
      ],
      7,
    );
    expect(merged.segments).toEqual([
      { start: 3, end: 4, text: "overhang" },
      { start: 4, end: 5, text: "early" },
    ]);
  });

  it("drops the word list when any piece came without one, rather than leave a gap", () => {
    const merged = mergePieces(
      [
        {
          offsetS: 0,
          durationS: 3,
          transcript: { segments: [{ start: 0, end: 1, text: "a" }], words: [{ start: 0, end: 1, word: "a" }] },
        },
        { offsetS: 3, durationS: 3, transcript: { segments: [{ start: 0, end: 1, text: "b" }] } },
      ],
      6,
    );
    expect(merged.words).toBeUndefined();
  });
});

describe("buildTranscript", () => {
  it("joins the segments into one text and uses the provider's word times when it gave them", () => {
    const built = buildTranscript({
      duration_s: 4,
      segments: [
        { start: 0, end: 1.5, text: "Hello there." },
        { start: 2, end: 4, text: " General Kenobi." },
      ],
      words: [
        { start: 0, end: 0.6, word: "Hello" },
        { start: 0.7, end: 1.5, word: "there" },
        { start: 2, end: 2.9, word: "General" },
        { start: 3.1, end: 4, word: "Kenobi" },
      ],
    });
    expect(built.text).toBe("Hello there. General Kenobi.");
    expect(built.wordTimes).toBe("provider");
    expect(built.words[3]).toEqual({ start: 3.1, end: 4, word: "Kenobi" });
  });

  it("spreads each segment's words evenly over its span when the provider gave no word times", () => {
    const built = buildTranscript({
      duration_s: 10,
      segments: [
        { start: 1, end: 3, text: "one two three four" },
        { start: 5, end: 6, text: "  five  " },
        { start: 7, end: 7, text: "" },
      ],
    });
    expect(built.text).toBe("one two three four five");
    expect(built.wordTimes).toBe("estimated");
    expect(built.words).toEqual([
      { start: 1, end: 1.5, word: "one" },
      { start: 1.5, end: 2, word: "two" },
      { start: 2, end: 2.5, word: "three" },
      { start: 2.5, end: 3, word: "four" },
      { start: 5, end: 6, word: "five" },
    ]);
  });
});

describe("WAV header", () => {
  it("reads back what it writes", () => {
    const wav = Buffer.concat([wavHeader(32_000), Buffer.alloc(32_000)]);
    expect(parseWav(wav)).toEqual({
      sampleRate: 16_000,
      channels: 1,
      bitsPerSample: 16,
      dataOffset: 44,
      dataBytes: 32_000,
      durationS: 1,
    });
  });

  it("skips chunks before the data and refuses what is not PCM WAV", () => {
    const head = wavHeader(0);
    const list = Buffer.concat([Buffer.from("LIST"), Buffer.from([3, 0, 0, 0]), Buffer.from("abc\0")]); // odd size, padded
    const withList = Buffer.concat([head.subarray(0, 36), list, head.subarray(36)]);
    expect(parseWav(withList)).toMatchObject({ dataOffset: 56, dataBytes: 0 });
    expect(parseWav(Buffer.from("ID3 not a wav file at all"))).toBeNull();
    const float = Buffer.from(head);
    float.writeUInt16LE(3, 20); // IEEE float
    expect(parseWav(float)).toBeNull();
  });
});
