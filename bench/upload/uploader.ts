import { createHash, randomFillSync } from "node:crypto";
import type { UploadSession } from "./fixture";

// One candidate uploading one answer: its chunks one after another, as the recorder does, then finalize. The bytes
// come from two buffers made once and shared by every uploader, so the client holds 2 MiB whatever the concurrency;
// each uploader still hashes what it sends, as a real client must.

const REQUEST_TIMEOUT_MS = 120_000; // a slow answer belongs in p99, not among the errors
const MIME_TYPE = "video/webm";
// The start of a WebM file (EBML header), as WEBM_HEAD in test/kits/recordings.ts: finalize sniffs it, else 415.
const WEBM_HEAD = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]);

export interface Payload {
  /** Chunk 0: the WebM header, then random bytes. */
  first: Buffer<ArrayBuffer>;
  /** Every later chunk: random bytes. */
  rest: Buffer<ArrayBuffer>;
  sha256: { first: string; rest: string };
}

const hex = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

export function makePayload(chunkBytes: number): Payload {
  const first = randomFillSync(Buffer.alloc(chunkBytes));
  WEBM_HEAD.copy(first);
  const rest = randomFillSync(Buffer.alloc(chunkBytes));
  return { first, rest, sha256: { first: hex(first), rest: hex(rest) } };
}

export interface AnswerRun {
  chunkMs: number[]; // each acknowledged chunk, from sending to the parsed answer
  finalizeMs?: number;
  bytes: number; // bytes the server acknowledged
  non2xx: number;
  errors: number; // network errors and timeouts
  /** What went wrong, at most one line: an uploader stops at its first failure, as the chunks after it are moot. */
  failure?: string;
}

/** Uploads `chunks` chunks of answer `answer` and finalizes it, checking every answer the server gives. */
export async function uploadAnswer(opts: {
  baseUrl: string;
  session: UploadSession;
  payload: Payload;
  chunks: number;
  answer: number;
}): Promise<AnswerRun> {
  const { session, payload } = opts;
  const base = `${opts.baseUrl}/api/candidates/sessions/${session.sessionId}/recordings/${opts.answer}`;
  const auth = { authorization: `Bearer ${session.resumeToken}` };
  const run: AnswerRun = { chunkMs: [], bytes: 0, non2xx: 0, errors: 0 };
  const whole = createHash("sha256");

  for (let seq = 0; seq < opts.chunks; seq++) {
    const body = seq === 0 ? payload.first : payload.rest;
    const expected = seq === 0 ? payload.sha256.first : payload.sha256.rest;
    whole.update(body);
    const answer = await send(run, `${base}/chunks/${seq}`, {
      method: "PUT",
      headers: { ...auth, "content-type": "application/octet-stream" },
      body,
    });
    if (!answer) return { ...run, failure: `chunk ${seq}: ${run.failure}` };
    const chunk = answer.json as { size_bytes?: number; sha256?: string };
    if (answer.status !== 201 || chunk.size_bytes !== body.length || chunk.sha256 !== expected) {
      return {
        ...run,
        failure: `chunk ${seq}: ${answer.status} ${JSON.stringify(chunk)} (expected 201, ${body.length} bytes, ${expected})`,
      };
    }
    run.chunkMs.push(answer.ms);
    run.bytes += body.length;
  }

  const sha256 = whole.digest("hex");
  const claim = { chunk_count: opts.chunks, sha256, size_bytes: run.bytes, mime_type: MIME_TYPE };
  const answer = await send(run, `${base}/finalize`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify(claim),
  });
  if (!answer) return { ...run, failure: `finalize: ${run.failure}` };
  const recording = answer.json as { status?: string; sha256?: string; size_bytes?: number };
  if (
    answer.status !== 200 ||
    recording.status !== "ready" ||
    recording.sha256 !== sha256 ||
    recording.size_bytes !== run.bytes
  ) {
    return {
      ...run,
      failure: `finalize: ${answer.status} ${JSON.stringify(recording)} (expected 200, ready, ${run.bytes} bytes, ${sha256})`,
    };
  }
  run.finalizeMs = answer.ms;
  return run;
}

/** One request, timed to its parsed answer; undefined (with the reason in run.failure) when it failed outright. */
async function send(
  run: AnswerRun,
  url: string,
  init: RequestInit,
): Promise<{ status: number; json: unknown; ms: number } | undefined> {
  const started = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const json: unknown = await response.json().catch(() => undefined);
    const ms = performance.now() - started;
    if (!response.ok) {
      run.non2xx++;
      run.failure = `${response.status} ${JSON.stringify(json)}`;
      return undefined;
    }
    return { status: response.status, json, ms };
  } catch (error) {
    run.errors++;
    run.failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return undefined;
  }
}
