import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

// Reads a PDF back as text, page by page, for tests and the e2e (pdfjs-dist is a dev dependency): what a person or a
// search index would find in it.

/** Each page's text, items joined by spaces and line ends by newlines. */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : " ") : "")).join(""));
  }
  await doc.destroy();
  return pages;
}

/** The whole document's text with runs of whitespace as single spaces, for `toContain` checks. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await pdfPages(bytes)).join("\n").replace(/\s+/g, " ");
}
