import type { ChatRequest } from "@/test/ai-server/chat-completions";
import type { EvaluationConfig } from "@/lib/evaluation/config";
import type { Criterion } from "@/lib/evaluation/rubric";
import type { AnswerTranscript } from "@/lib/evaluation/verify-quotes";

// Tests only: transcripts with word timings, and readers for what the evaluator sent the fake provider.

/** A transcript of `text` whose words are 0.5 s apart and 0.4 s long (the word list drops punctuation, as Whisper's does). */
export function transcriptOf(text: string): AnswerTranscript {
  const words = text
    .split(/\s+/)
    .filter(Boolean)
    .map((raw, i) => ({
      word: raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""),
      start: i * 0.5,
      end: i * 0.5 + 0.4,
    }));
  return { text, words };
}

/** The criterion names a request's response schema allows (the criteria being asked about). */
export function requestedCriteria(chat: ChatRequest): string[] {
  const schema = chat.responseFormat.json_schema.schema as {
    properties: { criteria: { items: { properties: { criterion: { enum: string[] } } } } };
  };
  return schema.properties.criteria.items.properties.criterion.enum;
}

/** The transcript the evaluator put in the user message. */
export function sentTranscript(chat: ChatRequest): string {
  const user = chat.messages.find((m) => m.role === "user")?.content ?? "";
  return /<transcript>\n([\s\S]*?)\n<\/transcript>/.exec(user)?.[1] ?? "";
}

/** A run of `count` words of `text` starting at word `from`, exactly as written. */
export const wordsOf = (text: string, from: number, count: number) =>
  text
    .split(/\s+/)
    .filter(Boolean)
    .slice(from, from + count)
    .join(" ");

export function testConfig(baseUrl: string, overrides: Partial<EvaluationConfig> = {}): EvaluationConfig {
  return {
    baseUrl,
    apiKey: "test-key",
    model: "test-eval-model",
    timeoutMs: 5_000,
    maxRetries: 0,
    priceInputPer1k: 0,
    priceOutputPer1k: 0,
    ...overrides,
  };
}

export const criterion = (name: string): Criterion => ({
  name,
  good: `A good answer shows ${name.toLowerCase()}.`,
  anchors: {
    "1": `No ${name.toLowerCase()}.`,
    "3": `Some ${name.toLowerCase()}.`,
    "5": `Clear ${name.toLowerCase()} throughout.`,
  },
});
