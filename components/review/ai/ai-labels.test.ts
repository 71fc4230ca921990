import { describe, expect, it } from "vitest";
import {
  aiStatusLine,
  answersText,
  clockText,
  costText,
  gapText,
  latencyText,
  otherVersionsTitle,
  requestedByText,
  scoreText,
  tokensText,
  unverifiableText,
} from "./ai-labels";
import { aiReview, answerAi, version } from "./ai-review-fixtures";

describe("AI review labels", () => {
  it("formats seconds into a recording as a player does", () => {
    expect([0, 7.9, 12, 65, 754, 3723, -3].map(clockText)).toEqual([
      "0:00",
      "0:07",
      "0:12",
      "1:05",
      "12:34",
      "1:02:03",
      "0:00",
    ]);
  });

  it("shows a score out of five, or what stood in the way of one", () => {
    expect(
      scoreText({ criterion: "Ownership", status: "scored", score: 3, evidence: [], rationale: "", reasked: false }),
    ).toBe("3 / 5");
    expect(scoreText({ criterion: "Ownership", status: "insufficient_evidence", rationale: "", reasked: false })).toBe(
      "Insufficient evidence",
    );
    const unverifiable = {
      criterion: "Ownership",
      status: "unverifiable",
      reason: "quotes_not_found",
      reasked: true,
    } as const;
    expect(scoreText(unverifiable)).toBe("Could not be verified");
    expect(unverifiableText(unverifiable)).toBe(
      "No score: the AI quoted words that are not in the transcript, even when asked again.",
    );
  });

  it("names answers from 1 and lists gaps in the evidence", () => {
    expect([answersText([1]), answersText([2, 0]), answersText([0, 1, 3, 1])]).toEqual([
      "answer 2",
      "answers 1 and 3",
      "answers 1, 2 and 4",
    ]);
    expect(gapText({ criterion: "Teamwork", status: "insufficient_evidence", answers: [0, 2] })).toBe(
      "Teamwork: not enough evidence in answers 1 and 3.",
    );
    expect(gapText({ criterion: "Clarity", status: "unverifiable", answers: [1] })).toBe(
      "Clarity: the AI's assessment could not be verified in answer 2.",
    );
  });

  it("formats usage, latency and cost", () => {
    expect(tokensText(12345, 678)).toBe("12,345 in · 678 out");
    expect([latencyText(850), latencyText(12_345)]).toEqual(["850 ms", "12.3 s"]);
    expect([costText(0.00123), costText(1.2), costText(0), costText(null)]).toEqual([
      "$0.0012",
      "$1.20",
      "$0.00",
      "Unknown (no price configured)",
    ]);
    expect([
      requestedByText({ version: 1, requested_by: null }),
      requestedByText({ version: 2, requested_by: "hr@example.com" }),
      requestedByText({ version: 3, requested_by: null }),
    ]).toEqual(["Automatic, once transcribed", "hr@example.com", "A removed account"]);
  });

  it("titles the other versions by whether they are all older than the one shown", () => {
    expect(otherVersionsTitle(3, [{ version: 2 }, { version: 1 }])).toBe("Earlier versions (2)");
    expect(otherVersionsTitle(2, [{ version: 3 }, { version: 1 }])).toBe("Other versions (2)");
    expect(otherVersionsTitle(null, [{ version: 1 }])).toBe("Versions (1)");
  });
});

describe("aiStatusLine", () => {
  it("counts ready transcripts among recorded answers and says where the evaluation is", () => {
    const ai = aiReview({
      answers: [answerAi(0, "done"), answerAi(1, "done"), answerAi(2, "running"), answerAi(3, "no_recording")],
      evaluation: { state: "waiting", job_id: null, error: null },
    });
    expect(aiStatusLine(ai)).toBe(
      "Transcripts: 2 of 3 ready · Evaluation: waiting for the session to end and its transcripts",
    );
  });

  it("reports failures and the version being evaluated", () => {
    const ai = aiReview({
      answers: [answerAi(0, "done"), answerAi(1, "failed")],
      evaluation: { state: "running", job_id: null, error: null },
      evaluations: [version(2, "running"), version(1, "completed")],
    });
    expect(aiStatusLine(ai)).toBe("Transcripts: 1 of 2 ready, 1 failed · Evaluation: version 2 running");
  });

  it("says off when nothing is set up (the local default)", () => {
    const ai = aiReview({
      transcription_enabled: false,
      answers: [answerAi(0, "off")],
      evaluation: { state: "off", job_id: null, error: null },
    });
    expect(aiStatusLine(ai)).toBe("Transcripts: off · Evaluation: off");
    expect(aiStatusLine(aiReview({ answers: [answerAi(0, "no_recording")] }))).toMatch(
      /^Transcripts: no recordings yet · /,
    );
  });
});
