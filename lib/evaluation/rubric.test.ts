import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { criterion } from "@/test/kits/evaluation";
import {
  DEFAULT_RUBRIC,
  defaultCriteria,
  defaultRubric,
  parseRubricOrThrow,
  validateCompetencies,
  validateCriteria,
  validateRubric,
} from "./rubric";

describe("rubric", () => {
  it("offers a valid default with generic criteria and anchors", () => {
    expect(validateCriteria(DEFAULT_RUBRIC.criteria)).toMatchObject({ ok: true });
    expect(DEFAULT_RUBRIC.criteria.map((c) => c.name)).toEqual([
      "Relevance and structure",
      "Specificity and evidence",
      "Communication clarity",
    ]);
    expect(validateRubric(defaultRubric(3))).toMatchObject({
      ok: true,
      value: { competencies: [], questions: [{}, {}, {}] },
    });
    // Copies are editable; the default itself is not.
    const copy = defaultCriteria();
    copy[0]!.name = "Changed";
    expect(DEFAULT_RUBRIC.criteria[0]!.name).toBe("Relevance and structure");
    expect(() => ((DEFAULT_RUBRIC.criteria[0] as { name: string }).name = "x")).toThrow();
  });

  it("allows 1 to 6 criteria per question", () => {
    expect(validateCriteria([criterion("A")]).ok).toBe(true);
    expect(validateCriteria(["A", "B", "C", "D", "E", "F"].map(criterion)).ok).toBe(true);
    expect(validateCriteria([])).toMatchObject({
      ok: false,
      issues: [{ path: [], message: "Add at least one criterion" }],
    });
    expect(validateCriteria(["A", "B", "C", "D", "E", "F", "G"].map(criterion))).toMatchObject({
      ok: false,
      issues: [{ message: "A question may have at most 6 criteria" }],
    });
  });

  it("says which field of which criterion is wrong", () => {
    const missingAnchor = { ...criterion("Depth"), anchors: { "1": "None", "5": "Deep" } };
    const result = validateRubric({
      questions: [{ criteria: [criterion("A")] }, { criteria: [criterion("Ok"), missingAnchor] }],
    });
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: ["questions", 1, "criteria", 1, "anchors", "3"],
          message: "The anchor for score 3 is required",
          detail: "Question 2, criterion 2: The anchor for score 3 is required",
        },
      ],
      detail: "Question 2, criterion 2: The anchor for score 3 is required",
    });
    expect(validateCriteria([{ ...criterion("A"), good: "  " }])).toMatchObject({
      ok: false,
      issues: [
        {
          path: [0, "good"],
          message: "What a good answer looks like is required",
          detail: "#1: What a good answer looks like is required",
        },
      ],
    });
  });

  it("refuses duplicate criterion and competency names, ignoring case and spacing", () => {
    expect(validateCriteria([criterion("Depth"), criterion(" depth ")])).toMatchObject({
      ok: false,
      issues: [{ path: [1, "name"], message: 'Criterion "depth" appears twice (also #1)' }],
    });
    const competency = { name: "Ownership", description: "Takes responsibility for outcomes." };
    expect(validateCompetencies([competency, { ...competency, name: "OWNERSHIP" }])).toMatchObject({ ok: false });
    expect(validateCompetencies([competency])).toEqual({ ok: true, value: [competency] });
  });

  it("gives route handlers a 400 with code invalid_rubric", () => {
    try {
      parseRubricOrThrow({ competencies: [{ name: "", description: "x" }], questions: [] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        status: 400,
        reason: "invalid_rubric",
        message: "Competency 1: Competency name is required",
      });
    }
  });
});
