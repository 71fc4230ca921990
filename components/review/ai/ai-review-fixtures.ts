import type { AiAnswer, AiReview, EvaluationVersion } from "./ai-review-data";

// Plain `ai` values for the unit tests of the review's helpers.

export function answerAi(answer: number, state: AiAnswer["transcription"]["state"]): AiAnswer {
  return {
    answer,
    has_criteria: true,
    transcription: {
      state,
      job_id: state === "failed" ? "00000000-0000-4000-8000-000000000001" : null,
      error: state === "failed" ? "engine down" : null,
    },
    transcript:
      state === "done"
        ? {
            text: "Hello.",
            segments: [{ start: 0, end: 1, text: "Hello." }],
            words: [],
            word_times_estimated: false,
            model: "whisper-1",
            language: "en",
          }
        : null,
  };
}

export function version(
  n: number,
  status: EvaluationVersion["status"],
  answers: EvaluationVersion["answers"] = [],
): EvaluationVersion {
  return {
    version: n,
    status,
    requested_by: null,
    model: "gpt-4o-mini",
    prompt_version: "answer-2026-11-v1",
    input_tokens: 0,
    output_tokens: 0,
    latency_ms: 0,
    cost_usd: null,
    error: null,
    created_at: "2026-11-02T10:00:00.000Z",
    completed_at: status === "completed" ? "2026-11-02T10:01:00.000Z" : null,
    summary: status === "completed" ? { source: "deterministic", strengths: [], concerns: [], gaps: [] } : null,
    answers,
  };
}

export function aiReview(overrides: Partial<AiReview> = {}): AiReview {
  return {
    advisory: true,
    scores_hidden: false,
    transcription_enabled: true,
    evaluation_enabled: true,
    answers: [],
    evaluation: { state: "waiting", job_id: null, error: null },
    evaluations: [],
    ...overrides,
  };
}
