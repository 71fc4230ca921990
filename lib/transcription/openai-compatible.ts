import "server-only";
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, toFile } from "openai";
import { z } from "zod";
import type { ProviderEngine } from "./engine";
import { TranscriptionError } from "./errors";
import type { PieceTranscript } from "./transcript";

// POST {base}/audio/transcriptions through the openai SDK, asking for Whisper's verbose_json with segment and word
// times, and turning whatever comes back into a PieceTranscript or a TranscriptionError.
//
// The SDK's own retries are off (maxRetries 0): the job queue retries the whole job, so there is one retry policy
// with one attempt count, visible in the job's state and surviving restarts. SDK retries on top would multiply the
// attempts, and the SDK sleeps for any Retry-After the provider names, however long, inside a worker. Re-running a
// job redoes earlier pieces only for answers longer than one piece (about 12 minutes at the default size limit).

export interface OpenAiCompatibleConfig {
  baseUrl: string;
  /** Local servers often need none; the SDK insists on some value. */
  apiKey?: string;
  model: string;
  /** For the whole request, the answer's body included. */
  timeoutMs: number;
  maxUploadBytes: number;
}

const word = z.object({ word: z.string(), start: z.number(), end: z.number() });
const verboseJson = z.object({
  language: z.string().nullish(),
  segments: z.array(z.object({ start: z.number(), end: z.number(), text: z.string(), words: z.array(word).nullish() })),
  words: z.array(word).nullish(),
});

export function openAiCompatibleEngine(config: OpenAiCompatibleConfig): ProviderEngine {
  const client = new OpenAI({
    baseURL: config.baseUrl,
    apiKey: config.apiKey || "not-needed",
    // Explicitly none: the SDK would otherwise send OPENAI_ORG_ID / OPENAI_PROJECT_ID from the environment to any host.
    organization: null,
    project: null,
    timeout: config.timeoutMs,
    maxRetries: 0,
  });
  return {
    kind: "openai-compatible",
    model: config.model,
    maxUploadBytes: config.maxUploadBytes,
    async transcribe({ wav, filename, signal }) {
      // The SDK's timeout stops at the response headers; this deadline also covers a body that never finishes.
      const deadline = AbortSignal.timeout(config.timeoutMs);
      let answer: unknown;
      try {
        answer = await client.audio.transcriptions.create(
          {
            file: await toFile(wav, filename, { type: "audio/wav" }),
            model: config.model,
            response_format: "verbose_json",
            timestamp_granularities: ["segment", "word"],
          },
          { signal: signal ? AbortSignal.any([signal, deadline]) : deadline },
        );
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw classify(error, deadline.aborted, config.timeoutMs);
      }
      return parseAnswer(answer);
    },
  };
}

function classify(error: unknown, pastDeadline: boolean, timeoutMs: number): unknown {
  if (pastDeadline || error instanceof APIConnectionTimeoutError) {
    return new TranscriptionError(
      "provider_timeout",
      `The transcription provider did not answer within ${timeoutMs} ms`,
      true,
      { cause: error },
    );
  }
  if (error instanceof APIConnectionError) {
    return new TranscriptionError(
      "provider_unavailable",
      `The transcription provider could not be reached: ${error.message}`,
      true,
      { cause: error },
    );
  }
  // The SDK parses a JSON content type itself; a body cut short or an HTML page labelled JSON fails here.
  if (error instanceof SyntaxError) return badJson(error);
  if (!(error instanceof APIError) || error.status === undefined) return error;
  const { status } = error;
  const said = `the provider answered ${error.message}`;
  if (status === 401 || status === 403) {
    return new TranscriptionError("provider_unauthorized", `Check TRANSCRIBE_API_KEY: ${said}`, false, {
      cause: error,
      status,
    });
  }
  if (status === 429) {
    const retryAfterS = Number(error.headers?.get("retry-after"));
    return new TranscriptionError("provider_rate_limited", `Rate limited: ${said}`, true, {
      cause: error,
      status,
      ...(Number.isFinite(retryAfterS) && retryAfterS >= 0 ? { retryAfterS } : {}),
    });
  }
  if (status === 408)
    return new TranscriptionError("provider_timeout", `Timed out: ${said}`, true, { cause: error, status });
  if (status >= 500)
    return new TranscriptionError("provider_unavailable", `Provider error: ${said}`, true, { cause: error, status });
  const hint = status === 413 ? " (lower TRANSCRIBE_MAX_UPLOAD_BYTES)" : "";
  return new TranscriptionError("provider_rejected", `The provider refused the request${hint}: ${said}`, false, {
    cause: error,
    status,
  });
}

// Not JSON at all is most likely a transient fault (a truncated body, a proxy's error page), so worth another try.
const badJson = (cause: unknown) =>
  new TranscriptionError("provider_bad_response", "The transcription provider's answer is not JSON", true, { cause });

function parseAnswer(answer: unknown): PieceTranscript {
  let body = answer;
  if (typeof body === "string") {
    try {
      body = JSON.parse(body);
    } catch (error) {
      throw badJson(error);
    }
  }
  const parsed = verboseJson.safeParse(body);
  if (!parsed.success) {
    // Well-formed JSON of the wrong shape is what this provider or model always answers (it ignores verbose_json, as
    // gpt-4o-transcribe does): trying again only spends money.
    const problem = parsed.error.issues[0];
    throw new TranscriptionError(
      "provider_bad_response",
      "The transcription provider's answer has no Whisper verbose_json segments (start, end, text); choose a model that " +
        `supports response_format=verbose_json. First problem: ${problem ? `${problem.path.join(".") || "body"}: ${problem.message}` : "unknown"}`,
      false,
    );
  }
  const { language, segments, words } = parsed.data;
  // OpenAI lists words beside the segments; faster-whisper style servers nest them in each segment.
  const nested = segments.every((s) => s.words) ? segments.flatMap((s) => s.words!) : undefined;
  // An empty word list beside spoken segments means the server does not time words (it ignored the granularity).
  const spoke = segments.some((s) => s.text.trim() !== "");
  const allWords = [words, nested].find((list) => list && (list.length > 0 || !spoke)) ?? undefined;
  return {
    ...(language ? { language } : {}),
    segments: segments.map(({ start, end, text }) => ({ start, end, text })),
    ...(allWords ? { words: allWords.map(({ start, end, word: w }) => ({ start, end, word: w })) } : {}),
  };
}
