import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { aiReview, answerAi, version } from "./ai-review-fixtures";
import { AiSummarySection } from "./ai-summary-section";
import { AnswerAiScores } from "./answer-ai-scores";
import { TranscriptionState } from "./transcription-state";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined }) }));

// What each viewer is offered: retry and re-run only for those given the means; everyone reads the same states.

const retryJob = async () => ({ ok: true, message: "Queued again." });
const html = (element: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(element);

describe("the AI review as rendered", () => {
  it("says why there is no transcript, and offers a retry of a failed one only to those who may", () => {
    expect(
      html(createElement(TranscriptionState, { answer: 0, transcription: answerAi(0, "off").transcription })),
    ).toContain("Transcription is off. An administrator can turn it on with TRANSCRIBE_BASE_URL.");
    expect(
      html(createElement(TranscriptionState, { answer: 0, transcription: answerAi(0, "running").transcription })),
    ).toContain("Transcribing…");
    expect(
      html(createElement(TranscriptionState, { answer: 0, transcription: answerAi(0, "no_recording").transcription })),
    ).toBe("");
    const failed = answerAi(1, "failed").transcription;
    const forHr = html(createElement(TranscriptionState, { answer: 1, transcription: failed, retryJob }));
    expect(forHr).toContain("engine down");
    expect(forHr).toContain('Retry<span class="visually-hidden"> the transcription of answer 2</span>');
    expect(html(createElement(TranscriptionState, { answer: 1, transcription: failed }))).not.toContain("Retry");
  });

  it("marks scores as AI advice and makes timed quotes play their answer", () => {
    const evaluation = version(1, "completed", [
      {
        answer: 0,
        criteria: [
          {
            criterion: "Ownership",
            status: "scored",
            score: 3,
            evidence: [
              { text: "I led it", start: 12.4, end: 13 },
              { text: "untimed", start: null, end: null },
            ],
            rationale: "Took charge.",
            reasked: false,
          },
          { criterion: "Teamwork", status: "insufficient_evidence", rationale: "Not discussed.", reasked: false },
          { criterion: "Clarity", status: "unverifiable", reason: "quotes_not_found", reasked: true },
        ],
      },
    ]);
    const out = html(createElement(AnswerAiScores, { answer: 0, hasCriteria: true, evaluation }));
    expect(out).toContain("AI advice:");
    expect(out).toMatch(/AI score: <\/span>3 \/ 5/);
    expect(out).toMatch(/<button type="button"[^>]*>“I led it” at 0:12<\/button>/);
    expect(out).toContain("“untimed”");
    expect(out).not.toMatch(/<button[^>]*>“untimed”/);
    expect(out).toContain("Insufficient evidence");
    expect(out).toContain("Could not be verified");
    expect(html(createElement(AnswerAiScores, { answer: 0, hasCriteria: false, evaluation }))).toBe("");
  });

  it("offers a re-run only when allowed and nothing is evaluating, and lists the earlier versions", () => {
    const ai = aiReview({
      answers: [answerAi(0, "done")],
      evaluation: { state: "done", job_id: null, error: null },
      evaluations: [version(2, "completed"), version(1, "completed")],
    });
    const allowed = html(createElement(AiSummarySection, { sessionId: "s", ai, retryJob, canRerun: true }));
    expect(allowed).toContain("Re-run evaluation");
    expect(allowed).toContain("Earlier versions (1)");
    expect(allowed).toContain("Transcripts: 1 of 1 ready · Evaluation: version 2 ready");
    expect(html(createElement(AiSummarySection, { sessionId: "s", ai, canRerun: false }))).not.toContain(
      "Re-run evaluation",
    );
    const running = { ...ai, evaluation: { state: "running" as const, job_id: null, error: null } };
    expect(
      html(createElement(AiSummarySection, { sessionId: "s", ai: running, retryJob, canRerun: true })),
    ).not.toContain("Re-run evaluation");
  });

  it("shows a failed evaluation with a retry for those who may, and says when evaluation is off", () => {
    const failed = aiReview({
      evaluation: { state: "failed", job_id: "00000000-0000-4000-8000-000000000002", error: "provider said no" },
      evaluations: [version(1, "failed")],
    });
    const out = html(createElement(AiSummarySection, { sessionId: "s", ai: failed, retryJob, canRerun: true }));
    expect(out).toContain("The evaluation failed: provider said no");
    expect(out).toContain('Retry<span class="visually-hidden"> the evaluation</span>');
    expect(html(createElement(AiSummarySection, { sessionId: "s", ai: failed, canRerun: false }))).not.toContain(
      "Retry",
    );
    const off = aiReview({ evaluation_enabled: false, evaluation: { state: "off", job_id: null, error: null } });
    expect(html(createElement(AiSummarySection, { sessionId: "s", ai: off, canRerun: true }))).toContain(
      "AI evaluation is off. An administrator can turn it on with EVAL_BASE_URL.",
    );
  });
});
