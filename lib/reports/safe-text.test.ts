import { describe, expect, it } from "vitest";
import { asciiFileName, safeText, winAnsiCovers } from "./safe-text";

// What a report does with characters its font cannot draw: a look-alike where there is one, "?" otherwise, never an error.

describe("safeText", () => {
  const latinExtended = (cp: number) => winAnsiCovers(cp) || (cp >= 0x100 && cp <= 0x24f);

  it("keeps what the font covers", () => {
    expect(safeText("Zoë Łukasiewicz, José", latinExtended)).toBe("Zoë Łukasiewicz, José");
    expect(safeText("“Quoted” – 12 €", winAnsiCovers)).toBe("“Quoted” – 12 €");
  });

  it("with the built-in font's WinAnsi only: strips marks, spells out letters without one, '?' for the rest", () => {
    expect(safeText("Zoë Łukasiewicz", winAnsiCovers)).toBe("Zoë Lukasiewicz");
    expect(safeText("Dvořák Ştefan Đorđe", winAnsiCovers)).toBe("Dvorák Stefan Dorde");
    expect(safeText("王小明 (Wang)", winAnsiCovers)).toBe("??? (Wang)");
    expect(safeText("😀", winAnsiCovers)).toBe("?");
  });

  it("drops control and invisible characters but keeps line breaks; a decomposed accent is composed first", () => {
    expect(safeText("a\u0000b\u200Bc\td\ne", winAnsiCovers)).toBe("abc d\ne");
    expect(safeText("Jose\u0301", winAnsiCovers)).toBe("José");
  });
});

describe("asciiFileName", () => {
  it("is plain ASCII safe in a quoted header value, with a fallback when nothing is left", () => {
    expect(asciiFileName("Zoë Łukasiewicz", "candidate")).toBe("Zoe-Lukasiewicz");
    expect(asciiFileName('Bobby "Tables"; rm -rf /', "candidate")).toBe("Bobby-Tables-rm-rf");
    expect(asciiFileName("王小明", "candidate")).toBe("candidate");
    expect(asciiFileName("a".repeat(200), "x")).toHaveLength(80);
  });
});
