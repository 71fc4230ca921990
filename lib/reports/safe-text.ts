// Text for a PDF font that may lack some characters: a PDF viewer would draw a missing glyph as an empty box and a
// text extractor would lose it, so every character the font cannot draw is replaced, never thrown on. Pure: the
// caller passes what the font covers.

export type Covers = (codePoint: number) => boolean;

// Letters that Unicode does not decompose into a base letter plus a mark.
const SPELLED: Record<string, string> = {
  Ł: "L",
  ł: "l",
  Đ: "D",
  đ: "d",
  Ø: "O",
  ø: "o",
  Ħ: "H",
  ħ: "h",
  ı: "i",
  ß: "ss",
  Æ: "AE",
  æ: "ae",
  Œ: "OE",
  œ: "oe",
  Þ: "Th",
  þ: "th",
  "\u2018": "'",
  "\u2019": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u2013": "-",
  "\u2014": "-",
  "\u2026": "...",
  "\u00A0": " ",
  "\u2022": "*",
};

const MARKS = /\p{M}/gu;
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\uFEFF]/g;

/** What pdfkit's built-in Helvetica can draw: its WinAnsi encoding (Latin-1 plus the Windows-1252 extras). */
const WIN_ANSI_EXTRAS = new Set([..."€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"].map((c) => c.codePointAt(0)!));
export const winAnsiCovers: Covers = (cp) =>
  (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRAS.has(cp);

const allCovered = (text: string, covers: Covers) => [...text].every((c) => covers(c.codePointAt(0)!));

function replacement(char: string, covers: Covers): string {
  const stripped = char.normalize("NFKD").replace(MARKS, "");
  if (stripped && allCovered(stripped, covers)) return stripped;
  const spelled = SPELLED[char];
  if (spelled && allCovered(spelled, covers)) return spelled;
  return "?";
}

/** `text` with control characters dropped and each character the font lacks replaced by a look-alike, or "?". */
export function safeText(text: string, covers: Covers): string {
  let out = "";
  for (const char of text.normalize("NFC").replace(CONTROL, (c) => (c === "\t" ? " " : ""))) {
    out += char === "\n" || covers(char.codePointAt(0)!) ? char : replacement(char, covers);
  }
  return out;
}

/** A file name for Content-Disposition's plain `filename=`: ASCII letters, digits, dot, dash and underscore. */
export function asciiFileName(text: string, fallback: string): string {
  const ascii = safeText(text, (cp) => cp >= 0x20 && cp <= 0x7e)
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 80);
  return ascii || fallback;
}
