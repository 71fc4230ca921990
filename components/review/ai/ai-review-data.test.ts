import { describe, expect, it } from "vitest";
import { aiJobsPending, criteriaOf, otherEvaluations, shownEvaluation, summaryOf } from "./ai-review-data";
import { aiReview, answerAi, version } from "./ai-review-fixtures";

const scored = {
  criterion: "Ownership",
  status: "scored",
  score: 4,
  evidence: [{ text: "I led it", start: 12.4, end: 13.1 }],
  rationale: "Took charge.",
  reasked: false,
};

describe("the AI review's data", () => {
  it("shows the newest completed version while a newer re-run runs, and lists the rest", () => {
    const ai = aiReview({ evaluations: [version(3, "running"), version(2, "completed"), version(1, "completed")] });
    expect(shownEvaluation(ai)?.version).toBe(2);
    expect(otherEvaluations(ai).map((v) => v.version)).toEqual([3, 1]);
    expect(shownEvaluation(aiReview({ evaluations: [version(1, "failed")] }))).toBeNull();
    expect(otherEvaluations(aiReview({ evaluations: [version(1, "failed")] })).map((v) => v.version)).toEqual([1]);
  });

  it("reads an answer's criteria and the summary of a version", () => {
    const v = version(1, "completed", [{ answer: 1, criteria: [scored] }]);
    expect(criteriaOf(v, 1)).toEqual([scored]);
    expect(criteriaOf(v, 0)).toBeNull();
    expect(summaryOf(v)?.source).toBe("deterministic");
    expect(summaryOf(version(2, "running"))).toBeNull();
  });

  it("keeps refreshing only while a job is queued, running or retrying", () => {
    const settled = aiReview({
      answers: [answerAi(0, "done"), answerAi(1, "failed"), answerAi(2, "off")],
      evaluation: { state: "failed", job_id: null, error: "x" },
    });
    expect(aiJobsPending(settled)).toBe(false);
    expect(aiJobsPending({ ...settled, answers: [answerAi(0, "retrying")] })).toBe(true);
    expect(aiJobsPending({ ...settled, evaluation: { state: "queued", job_id: null, error: null } })).toBe(true);
    expect(aiJobsPending(aiReview({ evaluation: { state: "waiting", job_id: null, error: null } }))).toBe(false);
  });
});
