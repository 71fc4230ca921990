import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { type AiTestServer, startAiTestServer } from "@/test/ai-server/server";
import { type HeardSegment, serveTranscriptions, transcriptionUploads } from "@/test/ai-server/transcriptions";
import { transcriptionEngine } from "./engine";
import { TRANSCRIPTION_OFF } from "./none";
import { openAiCompatibleEngine } from "./openai-compatible";
import { SPOKEN_DURATION_S, SPOKEN_TEXT, SPOKEN_WAV, ffmpeg, useScratchDir } from "@/test/kits/transcription";
import { buildTranscript } from "./transcript";
import { transcribeRecording } from "./transcribe";

// End to end: a recording as the browser would upload it, decoded by ffmpeg, split if it is long, sent over real HTTP
// multipart to a local OpenAI-compatible server, and put back together. The server does no recognition: each test
// says what it "hears" and where, from which the test knows exactly which times must come back.

let server: AiTestServer;
const scratch = useScratchDir();

beforeAll(async () => {
  server = await startAiTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const engine = (maxUploadBytes = 24_000_000) =>
  openAiCompatibleEngine({ baseUrl: server.baseUrl, apiKey: "k", model: "whisper-1", timeoutMs: 5000, maxUploadBytes });

// Where espeak-ng's two sentences sit in the fixture (silencedetect at -35 dB, 0.2 s).
const [FIRST, SECOND] = SPOKEN_TEXT.match(/[^.]+\./g)!.map((s) => s.trim());
const spokenAt = (lead: number): HeardSegment[] => [
  { start: lead + 0.02, end: lead + 1.67, text: FIRST! },
  { start: lead + 1.96, end: lead + 4.49, text: SECOND! },
];

describe("transcribeRecording", () => {
  it("transcribes a WebM/Opus answer streamed from storage in one request", async () => {
    serveTranscriptions(server, { heard: [spokenAt(0)] });
    const webm = path.join(scratch.path, "answer.webm");
    ffmpeg("-i", SPOKEN_WAV, "-c:a", "libopus", "-b:a", "24k", webm);

    const result = await transcribeRecording({ input: createReadStream(webm), engine: engine() });

    if (result.status !== "done") throw new Error("expected a transcript");
    expect(result).toMatchObject({ model: "whisper-1", pieces: 1 });
    expect(result.transcript.duration_s).toBeCloseTo(SPOKEN_DURATION_S, 1);
    expect(result.transcript.language).toBe("english");
    const [uploaded] = await transcriptionUploads(server);
    expect(uploaded!.wav).toMatchObject({ sampleRate: 16_000, channels: 1, bitsPerSample: 16 });
    expect(uploaded!.wav!.durationS).toBeCloseTo(SPOKEN_DURATION_S, 1);
    const built = buildTranscript(result.transcript);
    expect(built.text).toBe(SPOKEN_TEXT);
    expect(built.wordTimes).toBe("provider");
    expect(built.words.map((w) => w.word).join(" ")).toBe(SPOKEN_TEXT.replace(/\./g, ""));
    expect(built.words.find((w) => w.word === "payments")!.start).toBeGreaterThan(1.96);
  });

  it("splits a long answer at the pause between takes, and puts each piece's times back on the whole timeline", async () => {
    // fixture + 1.5 s of silence + fixture, against an upload limit of 6 s of audio.
    const long = path.join(scratch.path, "long.webm");
    ffmpeg(
      "-i",
      SPOKEN_WAV,
      "-f",
      "lavfi",
      "-i",
      "anullsrc=r=16000:cl=mono:d=1.5",
      "-i",
      SPOKEN_WAV,
      "-filter_complex",
      "[0:a][1:a][2:a]concat=n=3:v=0:a=1",
      "-c:a",
      "libopus",
      "-b:a",
      "24k",
      long,
    );
    const maxUploadBytes = 44 + 6 * 32_000;
    // Each piece is heard by where the speech is in it: the first starts with the fixture, the second ends with it.
    serveTranscriptions(server, {
      heard: ({ call, durationS }) => spokenAt(call === 0 ? 0 : durationS - SPOKEN_DURATION_S),
    });

    const result = await transcribeRecording({ input: long, engine: engine(maxUploadBytes) });

    if (result.status !== "done") throw new Error("expected a transcript");
    expect(result.pieces).toBe(2);
    const uploads = await transcriptionUploads(server);
    expect(uploads).toHaveLength(2);
    for (const upload of uploads) expect(upload.sizeBytes).toBeLessThanOrEqual(maxUploadBytes);
    // The cut is inside the pause: after the first take's last word, before the second take's first.
    const cutS = uploads[0]!.wav!.durationS;
    expect(cutS).toBeGreaterThan(4.49);
    expect(cutS).toBeLessThan(SPOKEN_DURATION_S + 1.5);
    expect(cutS + uploads[1]!.wav!.durationS).toBeCloseTo(result.transcript.duration_s, 2);

    const total = result.transcript.duration_s;
    const secondTake = total - SPOKEN_DURATION_S;
    expect(result.transcript.segments.map((s) => s.text)).toEqual([FIRST, SECOND, FIRST, SECOND]);
    expect(result.transcript.segments[0]!.start).toBeCloseTo(0.02, 2);
    expect(result.transcript.segments[2]!.start).toBeCloseTo(secondTake + 0.02, 1);
    expect(result.transcript.segments[3]!.end).toBeCloseTo(secondTake + 4.49, 1);
    const built = buildTranscript(result.transcript);
    expect(built.text).toBe(`${SPOKEN_TEXT} ${SPOKEN_TEXT}`);
    const weeks = built.words.filter((w) => w.word === "weeks");
    expect(weeks[1]!.end).toBeCloseTo(secondTake + 4.49, 1);
  });

  it("fails the whole answer, retryably, when one piece fails, and leaves no files behind", async () => {
    const long = path.join(scratch.path, "long.wav");
    ffmpeg("-i", SPOKEN_WAV, "-i", SPOKEN_WAV, "-filter_complex", "[0:a][1:a]concat=n=2:v=0:a=1", long);
    serveTranscriptions(server, { heard: () => "words" });
    server.script(
      "/audio/transcriptions",
      { status: 200, body: { segments: [{ start: 0, end: 1, text: "words" }] } },
      { status: 503, body: { error: { message: "overloaded" } } },
    );
    const before = await leftovers();
    await expect(transcribeRecording({ input: long, engine: engine(44 + 6 * 32_000) })).rejects.toMatchObject({
      reason: "provider_unavailable",
      retryable: true,
    });
    expect(server.requests).toHaveLength(2);
    expect(await leftovers()).toEqual(before);
  });

  it("does not send audio too short to hear", async () => {
    serveTranscriptions(server, { heard: [] });
    const blip = path.join(scratch.path, "blip.webm");
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=0.05", "-c:a", "libopus", blip);
    const result = await transcribeRecording({ input: blip, engine: engine() });
    expect(result).toMatchObject({ status: "done", pieces: 0, transcript: { segments: [] } });
    expect(server.requests).toHaveLength(0);
  });

  it("answers 'transcription is off' without reading the recording when no provider is configured", async () => {
    const stream = createReadStream(SPOKEN_WAV);
    const result = await transcribeRecording({ input: stream, engine: transcriptionEngine(parseEnv({})) });
    expect(result).toEqual(TRANSCRIPTION_OFF);
    expect(result.status === "off" && result.detail).toMatch(/TRANSCRIBE_BASE_URL/);
    expect(stream.destroyed).toBe(true);
  });
});

describe("transcription configuration", () => {
  it("is off by default and OpenAI-compatible once TRANSCRIBE_BASE_URL is set", () => {
    expect(transcriptionEngine(parseEnv({})).kind).toBe("none");
    const configured = transcriptionEngine(
      parseEnv({ TRANSCRIBE_BASE_URL: "http://127.0.0.1:9000/v1", TRANSCRIBE_API_KEY: "" }),
    );
    expect(configured).toMatchObject({ kind: "openai-compatible", model: "whisper-1", maxUploadBytes: 24_000_000 });
    expect(parseEnv({ TRANSCRIBE_MODEL: "whisper-large-v3", TRANSCRIBE_TIMEOUT_MS: "60000" })).toMatchObject({
      TRANSCRIBE_MODEL: "whisper-large-v3",
      TRANSCRIBE_TIMEOUT_MS: 60_000,
      TRANSCRIBE_FFMPEG_PATH: "ffmpeg",
    });
    expect(parseEnv({ TRANSCRIBE_API_KEY: "" }).TRANSCRIBE_API_KEY).toBeUndefined();
    expect(() => parseEnv({ TRANSCRIBE_BASE_URL: "not a url" })).toThrow(/TRANSCRIBE_BASE_URL/);
  });
});

async function leftovers() {
  return (await fs.readdir(os.tmpdir())).filter((name) => name.startsWith("aii-transcribe-")).sort();
}
