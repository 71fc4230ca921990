import type { AiHandler, AiRequest, AiResponse } from "./server";

// POST /v1/chat/completions for the local AI test server. Like a provider in strict structured-output mode, it refuses
// a request without `response_format: {type: "json_schema", json_schema: {name, strict: true, schema}}`, and it
// answers in the real `chat.completion` shape with token usage. What the "model" says is up to the test: a function
// of the request (it can read the messages and the JSON schema, cut real quotes from the transcript it was sent, or
// make one up to test rejection).

export interface ChatMessage {
  role: string;
  content: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  responseFormat: { type: "json_schema"; json_schema: { name: string; strict: true; schema: Record<string, unknown> } };
  /** The whole parsed body, for assertions. */
  body: Record<string, unknown>;
}

/** What the fake model replies: JSON (sent as the message content), raw text (e.g. broken JSON), or a refusal. */
export type ChatReply =
  | { json: unknown; finishReason?: "stop" | "length" | "content_filter" }
  | { content: string; finishReason?: "stop" | "length" | "content_filter" }
  | { refusal: string };

export type ChatAnswerer = (request: ChatRequest) => ChatReply | Promise<ChatReply>;

export class ChatRequestError extends Error {}

const textOf = (content: unknown): string =>
  typeof content === "string"
    ? content
    : Array.isArray(content)
      ? content.map((part) => (part && typeof part === "object" && "text" in part ? String(part.text) : "")).join("")
      : "";

/** Parses and checks a chat/completions request; throws ChatRequestError with the provider-style reason. */
export function readChatRequest(request: AiRequest): ChatRequest {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(request.body.toString("utf8"));
  } catch {
    throw new ChatRequestError("We could not parse the JSON body of your request.");
  }
  if (typeof body.model !== "string" || !body.model) throw new ChatRequestError("you must provide a model parameter");
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    throw new ChatRequestError("'messages' must be a non-empty array");
  const format = body.response_format as ChatRequest["responseFormat"] | undefined;
  if (format?.type !== "json_schema")
    throw new ChatRequestError("response_format must be {type: 'json_schema', ...} (structured outputs only)");
  const schema = format.json_schema;
  if (!schema || typeof schema.name !== "string" || schema.strict !== true || typeof schema.schema !== "object") {
    throw new ChatRequestError("response_format.json_schema must have a name, strict: true and a schema");
  }
  const messages = (body.messages as { role?: unknown; content?: unknown }[]).map((m) => ({
    role: String(m.role),
    content: textOf(m.content),
  }));
  return { model: body.model, messages, responseFormat: format, body };
}

// Roughly four characters per token, like English text through a BPE tokenizer: deterministic, so tests can assert.
export const countTokens = (text: string) => Math.ceil(text.length / 4);

let sequence = 0;

/** A 200 `chat.completion` response for the given reply (also usable in `server.script`). */
export function chatCompletion(request: ChatRequest, reply: ChatReply, model = request.model): AiResponse {
  const refusal = "refusal" in reply ? reply.refusal : null;
  const content = "json" in reply ? JSON.stringify(reply.json) : "content" in reply ? reply.content : null;
  const promptTokens = countTokens(request.messages.map((m) => m.content).join("\n"));
  const completionTokens = countTokens(content ?? refusal ?? "");
  return {
    status: 200,
    body: {
      id: `chatcmpl-test-${++sequence}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model,
      system_fingerprint: "fp_local_test",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content, refusal, annotations: [] },
          logprobs: null,
          finish_reason: "refusal" in reply ? "stop" : (reply.finishReason ?? "stop"),
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: {
          reasoning_tokens: 0,
          audio_tokens: 0,
          accepted_prediction_tokens: 0,
          rejected_prediction_tokens: 0,
        },
      },
    },
  };
}

const badRequest = (message: string): AiResponse => ({
  status: 400,
  body: { error: { message, type: "invalid_request_error", param: "response_format", code: null } },
});

/** The normal behaviour of /chat/completions: check the request, then answer what `answer` says. */
export function chatCompletionsHandler(answer: ChatAnswerer, options: { model?: string } = {}): AiHandler {
  return async (request) => {
    let chat: ChatRequest;
    try {
      chat = readChatRequest(request);
    } catch (error) {
      if (error instanceof ChatRequestError) return badRequest(error.message);
      throw error;
    }
    return chatCompletion(chat, await answer(chat), options.model ?? chat.model);
  };
}

/** A scripted deviation that answers one call with `reply` (after checking the request like the normal handler). */
export const scriptedReply =
  (reply: ChatReply | ChatAnswerer) =>
  async (request: AiRequest): Promise<AiResponse> => {
    const chat = readChatRequest(request);
    return chatCompletion(chat, typeof reply === "function" ? await reply(chat) : reply);
  };
