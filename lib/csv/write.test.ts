import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { looksLikeFormula, toCsv } from "./write";

const parse = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: false }).data;

describe("toCsv", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
    ['=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'],
    ["=1+1\nsecond line", "'=1+1\nsecond line"],
    ["Ada Lovelace", "Ada Lovelace"],
    ["a=b", "a=b"],
  ])("writes %j as the text %j", (input, shown) => {
    const csv = toCsv(["name"], [[input]]);
    expect(parse(csv)[1]).toEqual([shown]);
  });

  it("keeps numbers as numbers and empty cells empty", () => {
    expect(toCsv(["a", "b", "c"], [[-3, null, 2]])).toBe("a,b,c\r\n-3,,2");
  });

  it("never writes a cell a spreadsheet would evaluate, and loses nothing else (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: "binary-ascii", maxLength: 12 }), { minLength: 2, maxLength: 2 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (rows) => {
          const back = parse(toCsv(["x", "y"], rows)).slice(1);
          expect(back).toHaveLength(rows.length);
          back.forEach((row, r) =>
            row.forEach((cell, c) => {
              const original = rows[r]![c]!;
              expect(looksLikeFormula(cell)).toBe(false);
              expect(cell).toBe(looksLikeFormula(original) ? `'${original}` : original);
            }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
