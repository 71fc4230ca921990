import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AiTestServer, startAiTestServer } from "@/test/ai-server/server";
import { serveTranscriptions, transcriptionUploads } from "@/test/ai-server/transcriptions";
import { TranscriptionError } from "./errors";
import { type OpenAiCompatibleConfig, openAiCompatibleEngine } from "./openai-compatible";
import { wavHeader } from "./wav";

// The engine against a local server speaking the OpenAI protocol over real HTTP: what it sends, and how each way a
// provider can fail becomes a TranscriptionError the job can act on (retry or give up).

let server: AiTestServer;
const second = Buffer.concat([wavHeader(32_000), Buffer.alloc(32_000)]); // 1 s of silence, 16 kHz mono
const upload = { wav: second, filename: "answer-0.wav" };

beforeAll(async () => {
  server = await startAiTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  serveTranscriptions(server, { heard: () => "Hello there, world.", apiKey: "test-key" });
});

const engine = (config: Partial<OpenAiCompatibleConfig> = {}) =>
  openAiCompatibleEngine({
    baseUrl: server.baseUrl,
    apiKey: "test-key",
    model: "whisper-1",
    timeoutMs: 5000,
    maxUploadBytes: 24_000_000,
    ...config,
  });

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a rejection"),
    (error: unknown) => error,
  );

describe("OpenAI-compatible engine", () => {
  it("uploads the WAV as multipart with verbose_json and both timestamp granularities, and reads segments and words", async () => {
    const transcript = await engine().transcribe(upload);
    expect(transcript).toEqual({
      language: "english",
      segments: [{ start: 0, end: 1, text: " Hello there, world." }],
      words: [
        { word: "Hello", start: 0, end: 0.33 },
        { word: "there", start: 0.33, end: 0.67 },
        { word: "world", start: 0.67, end: 1 },
      ],
    });
    expect(await transcriptionUploads(server)).toEqual([
      {
        model: "whisper-1",
        responseFormat: "verbose_json",
        granularities: ["segment", "word"],
        filename: "answer-0.wav",
        contentType: "audio/wav",
        wav: { sampleRate: 16_000, channels: 1, bitsPerSample: 16, durationS: 1 },
        sizeBytes: second.length,
      },
    ]);
  });

  it("fails a 500 once, retryable, without retrying inside the call; the job's next attempt succeeds", async () => {
    server.script("/audio/transcriptions", {
      status: 500,
      body: { error: { message: "The server had an error", type: "server_error" } },
    });
    const error = await rejection(engine().transcribe(upload));
    expect(error).toBeInstanceOf(TranscriptionError);
    expect(error).toMatchObject({ reason: "provider_unavailable", retryable: true, extra: { status: 500 } });
    expect(server.requests).toHaveLength(1);
    await expect(engine().transcribe(upload)).resolves.toMatchObject({ segments: [{ text: " Hello there, world." }] });
  });

  it("gives up on a provider that never answers after TRANSCRIBE_TIMEOUT_MS, as a retryable timeout", async () => {
    server.script("/audio/transcriptions", { status: 200, body: {}, delayMs: Infinity });
    const started = Date.now();
    const error = await rejection(engine({ timeoutMs: 300 }).transcribe(upload));
    expect(error).toMatchObject({ reason: "provider_timeout", retryable: true });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("calls a 200 whose body is not JSON a retryable bad response (a truncated body or a proxy's page)", async () => {
    server.script(
      "/audio/transcriptions",
      { status: 200, body: '{"segments": [{"start": 0,', headers: { "content-type": "application/json" } },
      { status: 200, body: "<html>Bad gateway</html>", headers: { "content-type": "text/html" } },
    );
    expect(await rejection(engine().transcribe(upload))).toMatchObject({
      reason: "provider_bad_response",
      retryable: true,
    });
    expect(await rejection(engine().transcribe(upload))).toMatchObject({
      reason: "provider_bad_response",
      retryable: true,
    });
  });

  it("calls JSON without verbose_json segments a final bad response: the provider or model always answers so", async () => {
    server.script("/audio/transcriptions", { status: 200, body: { text: "Hello there, world." } });
    const error = await rejection(engine().transcribe(upload));
    expect(error).toMatchObject({ reason: "provider_bad_response", retryable: false });
    expect((error as Error).message).toMatch(/verbose_json.*segments: /);
  });

  it("does not retry a wrong API key", async () => {
    const error = await rejection(engine({ apiKey: "wrong-key" }).transcribe(upload));
    expect(error).toMatchObject({ reason: "provider_unauthorized", retryable: false, extra: { status: 401 } });
    expect((error as Error).message).toMatch(/TRANSCRIBE_API_KEY/);
    expect((error as Error).message).not.toMatch(/wrong-key/);
    expect(server.requests).toHaveLength(1);
  });

  it("does not retry other 4xx, such as an unknown model", async () => {
    const error = await rejection(engine({ model: "whisper-9" }).transcribe(upload));
    expect(error).toMatchObject({ reason: "provider_rejected", retryable: false, extra: { status: 400 } });
    expect((error as Error).message).toMatch(/whisper-9/);
  });

  it("retries a 429 later, passing on how long the provider asked to wait", async () => {
    server.script("/audio/transcriptions", {
      status: 429,
      body: { error: { message: "Rate limit reached" } },
      headers: { "retry-after": "7" },
    });
    expect(await rejection(engine().transcribe(upload))).toMatchObject({
      reason: "provider_rate_limited",
      retryable: true,
      extra: { retryAfterS: 7 },
    });
  });

  it("retries a provider that refuses connections", async () => {
    const gone = await startAiTestServer();
    await gone.close();
    const error = await rejection(engine({ baseUrl: gone.baseUrl }).transcribe(upload));
    expect(error).toMatchObject({ reason: "provider_unavailable", retryable: true });
  });

  it("reads words nested in segments (faster-whisper servers), and goes without words when there are none", async () => {
    server.script(
      "/audio/transcriptions",
      {
        status: 200,
        body: {
          segments: [
            {
              start: 0,
              end: 1,
              text: "Hi you",
              words: [
                { word: "Hi", start: 0, end: 0.4 },
                { word: "you", start: 0.5, end: 1 },
              ],
            },
          ],
        },
      },
      { status: 200, body: { language: "en", segments: [{ start: 0, end: 1, text: "Hi you" }], words: [] } },
    );
    expect((await engine().transcribe(upload)).words).toEqual([
      { word: "Hi", start: 0, end: 0.4 },
      { word: "you", start: 0.5, end: 1 },
    ]);
    expect(await engine().transcribe(upload)).toEqual({
      language: "en",
      segments: [{ start: 0, end: 1, text: "Hi you" }],
    });
  });

  it("stops when the job is cancelled, with the cancellation itself rather than a provider error", async () => {
    server.script("/audio/transcriptions", { status: 200, body: {}, delayMs: Infinity });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("job cancelled")), 100);
    const error = await rejection(engine().transcribe({ ...upload, signal: controller.signal }));
    expect(error).not.toBeInstanceOf(TranscriptionError);
    expect((error as Error).message).toBe("job cancelled");
  });
});
