import { describe, expect, it } from "vitest";
import { describeMediaError } from "./media-errors";

describe("device problems in plain language", () => {
  it.each([
    ["NotAllowedError", /blocking the camera/, /Allow/],
    ["NotFoundError", /No camera or microphone/, /Connect a camera/],
    ["NotReadableError", /busy/, /Zoom, Teams/],
    ["OverconstrainedError", /not available/, /Pick another/],
    ["SecurityError", /not allowed on this page/, /https/],
  ])("%s says what happened and how to fix it", (name, title, fix) => {
    const problem = describeMediaError(new DOMException("x", name));
    expect(problem.title).toMatch(title);
    expect(problem.fix).toMatch(fix);
  });

  it("anything else still gets a way forward", () => {
    expect(describeMediaError(new Error("boom")).fix).toMatch(/Reload the page/);
    expect(describeMediaError("weird").title).toMatch(/could not start/);
  });
});
