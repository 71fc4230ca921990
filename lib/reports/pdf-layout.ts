import fs from "node:fs";
import path from "node:path";
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";
import { log } from "@/lib/log";
import { type Covers, safeText, winAnsiCovers } from "./safe-text";

// The building blocks of a generated A4 document: a Unicode font, text that never breaks on a character the font
// lacks, headings and paragraphs, tables that break across pages, and a footer on every page. Report-specific
// content lives in render-pdf.ts.

// pdfkit's built-in Helvetica covers only WinAnsi, so names like "Zoë Łukasiewicz" need an embedded TrueType font.
// DejaVu Sans (the dejavu-fonts-ttf package, a production dependency: Latin with its extensions, Greek, Cyrillic,
// Hebrew, Arabic; no CJK). Characters it lacks are replaced by safeText, never thrown on. One literal path, so that
// the production build traces just this file.
const FONT_FILE = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf", "DejaVuSans.ttf");
const FONT = "report-sans";

export const A4_MARGIN = 50; // points (1/72 inch) on every side
const FOOTER_SIZE = 8; // points
const MUTED = "#555555";
const RULE = "#bbbbbb";

let fontData: Buffer | null | undefined;
function loadFontData(): Buffer | null {
  if (fontData === undefined) {
    try {
      fontData = fs.readFileSync(FONT_FILE);
    } catch (error) {
      // The built-in font remains, and safeText transliterates what WinAnsi lacks.
      log.warn("report font not found; characters outside Latin-1 are transliterated", { file: FONT_FILE, error });
      fontData = null;
    }
  }
  return fontData;
}

export interface Pdf {
  doc: PDFKit.PDFDocument;
  /** Sanitises text for the document's font (see safeText). */
  t: (text: string) => string;
  width: number;
}

export function createPdf(info: { title: string; createdAt: Date }): Pdf {
  // Metadata strings are UTF-16 in the PDF, so the title keeps every character even where the font has no glyph.
  const doc = new PDFDocument({
    size: "A4",
    margin: A4_MARGIN,
    bufferPages: true,
    info: { Title: info.title, Creator: "AI Interviewer", CreationDate: info.createdAt },
  });
  let covers: Covers = winAnsiCovers;
  const data = loadFontData();
  try {
    if (data) {
      // fontkit is what pdfkit embeds the font with; asked directly, it says which characters the font can draw.
      const font = fontkit.create(data);
      if (!("hasGlyphForCodePoint" in font)) throw new Error("a font collection, not one font");
      doc.registerFont(FONT, data);
      doc.font(FONT);
      covers = (cp) => font.hasGlyphForCodePoint(cp);
    }
  } catch (error) {
    log.warn("report font unusable; characters outside Latin-1 are transliterated", { error });
    doc.font("Helvetica");
  }
  return { doc, t: (text) => safeText(text, covers), width: doc.page.width - 2 * A4_MARGIN };
}

const bottomOf = (doc: PDFKit.PDFDocument) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` points still fit on this one. */
export function ensureSpace(pdf: Pdf, height: number): void {
  if (pdf.doc.y + height > bottomOf(pdf.doc)) pdf.doc.addPage();
}

export function heading(pdf: Pdf, text: string, size = 14): void {
  pdf.doc.moveDown(0.6);
  ensureSpace(pdf, size * 3);
  pdf.doc.fontSize(size).fillColor("black").text(pdf.t(text), A4_MARGIN, pdf.doc.y, { width: pdf.width });
  pdf.doc.moveDown(0.3);
}

export function paragraph(
  pdf: Pdf,
  text: string,
  options: { size?: number; color?: string; indent?: number } = {},
): void {
  const indent = options.indent ?? 0;
  pdf.doc
    .fontSize(options.size ?? 10)
    .fillColor(options.color ?? "black")
    .text(pdf.t(text), A4_MARGIN + indent, pdf.doc.y, { width: pdf.width - indent, lineGap: 1 });
}

export const muted = (pdf: Pdf, text: string, size = 9) => paragraph(pdf, text, { size, color: MUTED });

export function rule(pdf: Pdf): void {
  const y = pdf.doc.y + 2;
  pdf.doc
    .moveTo(A4_MARGIN, y)
    .lineTo(A4_MARGIN + pdf.width, y)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  pdf.doc.y = y + 4;
}

export interface Column {
  header: string;
  /** Share of the table's width. */
  weight: number;
}

const CELL_PAD = 4; // points
const TABLE_SIZE = 9; // points

function rowHeight(pdf: Pdf, texts: string[], widths: number[]): number {
  pdf.doc.fontSize(TABLE_SIZE);
  return (
    Math.max(...texts.map((c, i) => pdf.doc.heightOfString(c, { width: widths[i]! - 2 * CELL_PAD }))) + 2 * CELL_PAD
  );
}

function drawRow(pdf: Pdf, texts: string[], widths: number[], height: number, color: string): void {
  const { doc } = pdf;
  const top = doc.y;
  let x = A4_MARGIN;
  doc.fontSize(TABLE_SIZE).fillColor(color);
  texts.forEach((text, i) => {
    doc.text(text, x + CELL_PAD, top + CELL_PAD, { width: widths[i]! - 2 * CELL_PAD });
    x += widths[i]!;
  });
  doc.y = top + height;
  rule(pdf);
}

/** A table whose header row repeats on each page it continues onto; a row is never split across pages. */
export function table(pdf: Pdf, columns: Column[], rows: string[][]): void {
  const total = columns.reduce((t, c) => t + c.weight, 0);
  const widths = columns.map((c) => (pdf.width * c.weight) / total);
  const headers = columns.map((c) => pdf.t(c.header));
  const headerHeight = rowHeight(pdf, headers, widths);
  rows.forEach((row, i) => {
    const texts = row.map((c) => pdf.t(c));
    const height = rowHeight(pdf, texts, widths);
    const page = pdf.doc.bufferedPageRange().count;
    // The header goes with the first row, and again at the top of each page the table continues onto.
    ensureSpace(pdf, (i === 0 ? headerHeight : 0) + height);
    if (i === 0 || pdf.doc.bufferedPageRange().count !== page) drawRow(pdf, headers, widths, headerHeight, MUTED);
    drawRow(pdf, texts, widths, height, "black");
  });
  pdf.doc.x = A4_MARGIN;
}

/** "Page n of m" and the given line on every page, drawn once the page count is known. */
export function footers(pdf: Pdf, line: string): void {
  const { doc } = pdf;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - A4_MARGIN / 2 - FOOTER_SIZE;
    doc.fontSize(FOOTER_SIZE).fillColor(MUTED);
    doc.text(pdf.t(line), A4_MARGIN, y, { width: pdf.width * 0.75, lineBreak: false });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, A4_MARGIN, y, {
      width: pdf.width,
      align: "right",
      lineBreak: false,
    });
    doc.page.margins.bottom = margin;
  }
}

/** The finished document's bytes. */
export function finish(pdf: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    pdf.doc.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.doc.on("error", reject);
    pdf.doc.end();
  });
}
