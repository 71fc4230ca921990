import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_REASON, ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { REASONS, REASON_CODES, isReason } from "./reasons";

// AppError's reason is typed by the catalog, so tsc already refuses an uncatalogued one there. What the type cannot see
// are the error bodies written directly as JSON (`{detail, code: "..."}` outside AppError), and entries that nothing
// sends any more. These read the source.

const ROOT = path.resolve(__dirname, "../..");
const SOURCE_DIRS = ["app", "lib", "components"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.startsWith("test-kit")
      ? [full]
      : [];
  });
}

const files = [...SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir))), path.join(ROOT, "proxy.ts")].filter(
  (file) => !file.includes(`${path.sep}lib${path.sep}errors${path.sep}`),
);
const sources = files.map((file) => ({ file: path.relative(ROOT, file), text: readFileSync(file, "utf8") }));

describe("the reason catalog", () => {
  it("holds every code written directly into a JSON error body", () => {
    const written = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/detail:[^\n]*?\bcode: "([a-z_]+)"/g)].map((m) => ({ file, code: m[1]! })),
    );
    expect(written.length).toBeGreaterThan(0);
    expect(written.filter(({ code }) => !isReason(code))).toEqual([]);
  });

  it("has each status class's default reason with that status", () => {
    for (const [code, reason] of Object.entries(DEFAULT_REASON) as [ErrorCode, keyof typeof REASONS][]) {
      expect(REASONS[reason].statuses, reason).toContain(ERROR_STATUS[code]);
    }
  });

  it("lists only reasons the app still sends", () => {
    const all = sources.map(({ text }) => text).join("\n");
    const unused = REASON_CODES.filter(
      (reason) => !all.includes(`"${reason}"`) && !Object.values(DEFAULT_REASON).includes(reason as never),
    );
    expect(unused).toEqual([]);
  });

  it("names reasons in snake_case, each with a meaning and an error status", () => {
    for (const reason of REASON_CODES) {
      expect(reason).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(REASONS[reason].meaning.length).toBeGreaterThan(10);
      for (const status of REASONS[reason].statuses) expect(status).toBeGreaterThanOrEqual(400);
    }
  });
});
