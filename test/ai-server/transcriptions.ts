import { parseWav } from "@/lib/transcription/wav";
import type { AiHandler, AiRequest, AiResponse, AiTestServer } from "./server";

// POST /v1/audio/transcriptions as OpenAI answers it, for tests: it reads the real multipart upload, checks the fields
// our client must send, measures the WAV it was given and answers verbose_json with segments and words. It does no
// speech recognition: each test says what the "provider" hears in each upload, and this only lays that out in time.

export interface HeardSegment {
  /** Seconds from the start of the uploaded file. */
  start: number;
  end: number;
  text: string;
}

/** What one upload is heard to say: a text spanning the whole file, or timed segments. */
export type Heard = string | HeardSegment[];

export interface TranscriptionsOptions {
  /** Per call, in order (a call past the end answers 500), or computed from the upload. */
  heard: Heard[] | ((upload: { call: number; durationS: number; filename: string }) => Heard);
  /** When set, a request without `Authorization: Bearer <apiKey>` gets 401, as from OpenAI. */
  apiKey?: string;
  model?: string;
  language?: string;
}

export interface TranscriptionUpload {
  model: string | null;
  responseFormat: string | null;
  granularities: string[];
  filename: string | null;
  contentType: string | null;
  /** From the uploaded WAV's header; null when the file is not a WAV. */
  wav: { sampleRate: number; channels: number; bitsPerSample: number; durationS: number } | null;
  sizeBytes: number;
}

/** Parses the multipart body the way a real server does (the web FormData parser). */
export async function readUpload(request: AiRequest): Promise<TranscriptionUpload> {
  const form = await new Request("http://ai-server.test", {
    method: "POST",
    headers: { "content-type": String(request.headers["content-type"] ?? "") },
    body: new Uint8Array(request.body),
  }).formData();
  const file = form.get("file");
  const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : null;
  const info = bytes && parseWav(bytes);
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : null;
  };
  return {
    model: text("model"),
    responseFormat: text("response_format"),
    granularities: form.getAll("timestamp_granularities[]").map(String),
    filename: file instanceof File ? file.name : null,
    contentType: file instanceof File ? file.type : null,
    wav: info && {
      sampleRate: info.sampleRate,
      channels: info.channels,
      bitsPerSample: info.bitsPerSample,
      durationS: info.durationS,
    },
    sizeBytes: bytes?.length ?? 0,
  };
}

const openAiError = (status: number, message: string, code: string | null = null): AiResponse => ({
  status,
  body: { error: { message, type: "invalid_request_error", param: null, code } },
});

const round = (seconds: number) => Math.round(seconds * 100) / 100;

export function transcriptionsHandler(options: TranscriptionsOptions): AiHandler {
  const { model = "whisper-1", language = "english" } = options;
  let calls = 0;
  return async (request) => {
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      return openAiError(401, "Incorrect API key provided.", "invalid_api_key");
    }
    const upload = await readUpload(request);
    if (!upload.filename) return openAiError(400, "Missing required parameter: 'file'.");
    if (upload.model !== model)
      return openAiError(
        400,
        `The model \`${upload.model}\` does not exist or you do not have access to it.`,
        "model_not_found",
      );
    if (upload.responseFormat !== "verbose_json")
      return openAiError(400, "This test server answers response_format=verbose_json only.");
    if (!upload.wav) return openAiError(400, "Invalid file format. This test server reads WAV only.");
    const call = calls++;
    const heard =
      typeof options.heard === "function"
        ? options.heard({ call, durationS: upload.wav.durationS, filename: upload.filename })
        : options.heard[call];
    if (heard === undefined)
      return {
        status: 500,
        body: { error: { message: `test server: nothing scripted for call ${call}`, type: "server_error" } },
      };
    const segments = typeof heard === "string" ? [{ start: 0, end: upload.wav.durationS, text: heard }] : heard;
    // Like Whisper: segment text starts with a space; words carry no punctuation. Each segment's words share its span.
    const words = segments.flatMap((segment) => {
      const tokens = segment.text
        .split(/\s+/)
        .map((w) => w.replace(/[^\p{L}\p{N}'-]/gu, ""))
        .filter(Boolean);
      const each = (segment.end - segment.start) / Math.max(tokens.length, 1);
      return tokens.map((word, i) => ({
        word,
        start: round(segment.start + i * each),
        end: round(segment.start + (i + 1) * each),
      }));
    });
    return {
      status: 200,
      body: {
        task: "transcribe",
        language,
        duration: round(upload.wav.durationS),
        text: segments.map((s) => s.text).join(" "),
        segments: segments.map((s, id) => ({
          id,
          seek: 0,
          start: round(s.start),
          end: round(s.end),
          text: ` ${s.text}`,
          tokens: [],
          temperature: 0,
          avg_logprob: -0.2,
          compression_ratio: 1.2,
          no_speech_prob: 0.01,
        })),
        ...(upload.granularities.includes("word") ? { words } : {}),
      },
    };
  };
}

/** Registers the transcriptions behaviour on a running test server. */
export function serveTranscriptions(server: AiTestServer, options: TranscriptionsOptions): void {
  server.handle("/audio/transcriptions", transcriptionsHandler(options));
}

/** The uploads the server received so far, parsed (scripted failures included). */
export function transcriptionUploads(server: AiTestServer): Promise<TranscriptionUpload[]> {
  return Promise.all(server.requests.filter((r) => r.path === "/audio/transcriptions").map(readUpload));
}
