import type OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import type { ChatCompletion, ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { z } from "zod";
import { addUsage, NO_USAGE, type EvaluationConfig, type TokenUsage } from "./config";
import { classifyProviderError, EvaluationError } from "./errors";

// One chat/completions call whose reply must match a zod schema, sent as a strict JSON-schema response format.
//
// `zodResponseFormat` works with zod 4 in openai 6.49 (it detects zod 4 and converts with z.toJSONSchema, then
// tightens the schema for strict mode). We send it with `create` and check the reply ourselves instead of
// `chat.completions.parse`: `parse` throws on invalid JSON and loses the reply's token usage, which the provider
// bills all the same.

export interface StructuredCallResult<T> {
  data: T;
  /** The model the provider says answered (may be a dated snapshot of the configured one). */
  model: string;
  usage: TokenUsage;
  /** Wall time of the call(s), SDK retries included, in milliseconds. */
  latencyMs: number;
  /** Replies received (2 when the first was malformed). */
  replies: number;
}

const usageOf = (completion: ChatCompletion): TokenUsage => ({
  inputTokens: completion.usage?.prompt_tokens ?? 0,
  outputTokens: completion.usage?.completion_tokens ?? 0,
  totalTokens:
    completion.usage?.total_tokens ??
    (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
});

/** Reads the reply, or says why it is not a usable answer. */
function readReply<S extends z.ZodType>(
  completion: ChatCompletion,
  schema: S,
): { ok: true; data: z.infer<S> } | { ok: false; error: EvaluationError } {
  const choice = completion.choices?.[0];
  const usage = usageOf(completion);
  if (!choice)
    return { ok: false, error: new EvaluationError("malformed_response", "The reply had no choices", { usage }) };
  if (choice.message.refusal || choice.finish_reason === "content_filter") {
    return {
      ok: false,
      error: new EvaluationError(
        "refusal",
        `The model declined to answer: ${choice.message.refusal ?? "content filter"}`,
        { usage },
      ),
    };
  }
  if (choice.finish_reason === "length")
    return {
      ok: false,
      error: new EvaluationError("malformed_response", "The reply was cut off (token limit)", { usage }),
    };
  let json: unknown;
  try {
    json = JSON.parse(choice.message.content ?? "");
  } catch {
    return { ok: false, error: new EvaluationError("malformed_response", "The reply was not valid JSON", { usage }) };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      error: new EvaluationError(
        "malformed_response",
        `The reply did not match the schema (${first?.path.join(".") || "root"}: ${first?.message})`,
        { usage },
      ),
    };
  }
  return { ok: true, data: parsed.data };
}

export async function structuredCall<S extends z.ZodType>(
  client: OpenAI,
  config: EvaluationConfig,
  request: { messages: ChatCompletionMessageParam[]; schema: S; name: string; signal?: AbortSignal },
): Promise<StructuredCallResult<z.infer<S>>> {
  const responseFormat = zodResponseFormat(request.schema, request.name);
  let usage = NO_USAGE;
  let replies = 0;
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    let completion: ChatCompletion;
    try {
      completion = await client.chat.completions.create(
        { model: config.model, messages: request.messages, response_format: responseFormat },
        { signal: request.signal },
      );
    } catch (error) {
      throw classifyProviderError(error, usage);
    }
    replies++;
    usage = addUsage(usage, usageOf(completion));
    const reply = readReply(completion, request.schema);
    if (reply.ok) {
      return {
        data: reply.data,
        model: completion.model || config.model,
        usage,
        latencyMs: Math.round(performance.now() - started),
        replies,
      };
    }
    // A malformed reply is usually a one-off; a second one in a row means the model or server cannot do this.
    if (attempt === 2)
      throw new EvaluationError(reply.error.kind, reply.error.message, {
        usage,
        replies,
        latencyMs: Math.round(performance.now() - started),
      });
  }
}
