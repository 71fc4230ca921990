import Papa from "papaparse";

// Every CSV the app produces goes through here. A cell that a spreadsheet would run as a formula (CSV injection:
// `=HYPERLINK(...)`, `+1+1`, `-2+3`, `@SUM(...)`, or one hidden behind a leading tab or line break) is written with a
// leading apostrophe, which Excel, LibreOffice and Google Sheets show as text. Papa's own `escapeFormulae: true`
// misses a formula that continues on a second line (its pattern is `^[=+\-@\t\r].*$` without the s flag), so the
// pattern here only looks at the first character.
const FORMULA_START = /^[=+\-@\t\r\n]/;

export type CsvCell = string | number | boolean | null | undefined;

/** RFC 4180 text with a header row; formula-looking cells are neutralised. Numbers are written as numbers. */
export function toCsv(fields: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return Papa.unparse(
    { fields: [...fields], data: rows.map((row) => row.map((cell) => cell ?? "")) },
    { escapeFormulae: FORMULA_START },
  );
}

/** True when a spreadsheet would evaluate this text as a formula if it were written as is. */
export const looksLikeFormula = (text: string): boolean => FORMULA_START.test(text);
