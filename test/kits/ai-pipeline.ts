import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { PUT as chunkRoute } from "@/app/api/candidates/sessions/[id]/recordings/[answer]/chunks/[seq]/route";
import { POST as finalizeRoute } from "@/app/api/candidates/sessions/[id]/recordings/[answer]/finalize/route";
import { GET as detailRoute } from "@/app/api/interviewer/sessions/[sessionId]/route";
import type { DbHandle } from "@/db";
import { startSession } from "@/lib/candidate-sessions/start";
import { type Env, setEnvForTests } from "@/lib/env";
import { INSUFFICIENT_EVIDENCE } from "@/lib/evaluation/prompt";
import type { Competency, Criterion } from "@/lib/evaluation/rubric";
import type { InterviewActor } from "@/lib/interviews/access";
import { SUMMARY_FORMAT_NAME } from "@/lib/evaluation/summary";
import { criterion, requestedCriteria, sentTranscript, wordsOf } from "@/test/kits/evaluation";
import type { JobPolicy } from "@/lib/jobs/define";
import { JOB_HANDLERS } from "@/lib/jobs/handlers";
import { EVALUATE_SESSION, TRANSCRIBE_RECORDING } from "@/lib/jobs/queues";
import type { JobRegistration } from "@/lib/jobs/registry";
import { startJobs, stopJobs } from "@/lib/jobs/runtime";
import { FAST_TIMINGS } from "@/test/kits/jobs";
import { send, sha256 } from "@/test/kits/recordings";
import { SPOKEN_DURATION_S, SPOKEN_TEXT, SPOKEN_WAV, ffmpeg } from "@/test/kits/transcription";
import { type ChatReply, type ChatRequest, chatCompletionsHandler } from "@/test/ai-server/chat-completions";
import { type AiTestServer, startAiTestServer } from "@/test/ai-server/server";
import { type HeardSegment, serveTranscriptions } from "@/test/ai-server/transcriptions";
import { call } from "@/test/http";
import { makeInterview, makeInvite } from "@/test/interview-fixtures";
import type { AiReview } from "@/lib/ai-pipeline/review";

// Shared by the AI pipeline tests: a local OpenAI-compatible server that "hears" the spoken fixture and scores with
// quotes cut from the transcript it is sent, the environment pointing at it, sessions with a rubric whose answers are
// real WebM/Opus recordings uploaded through the candidate's routes, and the real job handlers run in process.

export const TRANSCRIBE_KEY = "transcribe-test-key";
export const EVAL_MODEL = "test-eval-model";
export const TRANSCRIBE_PATH = "/audio/transcriptions";
export const CHAT_PATH = "/chat/completions";

// Where espeak-ng's two sentences sit in the fixture (silencedetect at -35 dB, 0.2 s; test/fixtures/README.md).
const [FIRST, SECOND] = SPOKEN_TEXT.match(/[^.]+\./g)!.map((s) => s.trim());
export const SPOKEN_SEGMENTS: HeardSegment[] = [
  { start: 0.02, end: 1.67, text: FIRST! },
  { start: 1.96, end: 4.49, text: SECOND! },
];

export const QUESTION = "Tell us about a project you led from start to finish.";
export const RUBRIC: Criterion[] = [criterion("Leadership"), criterion("Delivery")];
export const COMPETENCIES: Competency[] = [
  { name: "Ownership", description: "Takes a project from idea to delivery." },
];

/**
 * The real handlers of the two AI queues, retried 1 s apart instead of 30 s and more. Not the sweep (its cron could
 * fire mid-test and enqueue work a test does by hand) nor the purge.
 */
export function pipelineHandlers(policy: Partial<JobPolicy> = {}): JobRegistration[] {
  return JOB_HANDLERS.filter(
    (r) => r.definition.queue === TRANSCRIBE_RECORDING.queue || r.definition.queue === EVALUATE_SESSION.queue,
  ).map((r) => ({
    ...r,
    definition: {
      ...r.definition,
      policy: { ...r.definition.policy, retryDelaySeconds: 1, retryBackoff: false, ...policy },
    },
  }));
}

/**
 * Runs the pipeline's workers in this process. A trigger may already have started an enqueue-only runtime
 * (startJobs answers the running one), so that one is stopped first.
 */
export async function startPipelineWorkers(handle: DbHandle, policy: Partial<JobPolicy> = {}) {
  await stopJobs();
  return startJobs({
    workers: true,
    handle,
    registrations: pipelineHandlers(policy),
    timings: FAST_TIMINGS,
    concurrency: 1,
    catchUp: false,
  });
}

/** What the fake model decides for one criterion of one answer. */
export type Decision = { score: number; quotes: string[] } | "insufficient";
export type Decide = (criterion: string, chat: ChatRequest) => Decision;

/** The question an answer-evaluation request is about. */
export const questionOf = (chat: ChatRequest) =>
  /## Question\n(.*)/.exec(chat.messages.find((m) => m.role === "user")?.content ?? "")?.[1] ?? "";
export const isSummary = (chat: ChatRequest) => chat.responseFormat.json_schema.name === SUMMARY_FORMAT_NAME;

/** An honest model: the criterion at position i cites five words said, starting at word 7i. */
export const honest: Decide = (name, chat) => {
  const said = sentTranscript(chat);
  const i = requestedCriteria(chat).indexOf(name);
  return { score: 4, quotes: [wordsOf(said, (7 * i) % said.split(/\s+/).length, 5)] };
};

/** The summary: one strength per scored criterion, citing its first quote by id. */
function summaryReply(chat: ChatRequest): ChatReply {
  const user = chat.messages.find((m) => m.role === "user")!.content;
  const items = JSON.parse(user.slice(user.indexOf("\n") + 1)) as { criterion: string; quotes: { id: string }[] }[];
  return {
    json: {
      strengths: items.map((item) => ({
        point: `Clear evidence of ${item.criterion.toLowerCase()}.`,
        quote_ids: [item.quotes[0]!.id],
      })),
      concerns: [],
    },
  };
}

/** Replies as an evaluation model would: per criterion asked about, what `decide` says; summaries cite scored quotes. */
export function modelReply(decide: Decide = honest) {
  return (chat: ChatRequest): ChatReply => {
    if (isSummary(chat)) return summaryReply(chat);
    return {
      json: {
        criteria: requestedCriteria(chat).map((name) => {
          const d = decide(name, chat);
          return d === "insufficient"
            ? { criterion: name, score: INSUFFICIENT_EVIDENCE, quotes: [], rationale: "The answer does not show this." }
            : {
                criterion: name,
                score: d.score,
                quotes: d.quotes,
                rationale: `Scored ${d.score} against the anchors.`,
              };
        }),
      },
    };
  };
}

export interface PipelineKit {
  server: AiTestServer;
  /** DATA_DIR of this file. */
  dataDir: string;
  /** The spoken fixture encoded to WebM/Opus by ffmpeg, as a browser would upload an answer. */
  webm: Buffer;
  /** Sets the environment: the kit's AI settings with `overrides` on top (`{EVAL_BASE_URL: undefined}` turns evaluation off). */
  env(overrides?: Partial<Env>): void;
  /** Chat requests received so far, parsed. */
  chats(): ChatRequest[];
}

/**
 * Registers the file's AI server, DATA_DIR and environment, resets the server's behaviour before each test (the
 * fixture heard as two timed sentences, an honest model), and stops the job runtime after each test. Call after
 * useTestDb(), so the runtime stops before the database is dropped.
 */
export function usePipelineKit(): PipelineKit {
  let base: Partial<Env> = {};
  const kit: PipelineKit = {
    server: undefined as unknown as AiTestServer,
    dataDir: "",
    webm: Buffer.alloc(0),
    env: (overrides = {}) => setEnvForTests({ ...base, ...overrides }),
    chats: () =>
      kit.server.requests
        .filter((r) => r.path === CHAT_PATH)
        .map((r) => {
          const body = JSON.parse(r.body.toString("utf8"));
          return {
            model: body.model,
            messages: body.messages,
            responseFormat: body.response_format,
            body,
          } as ChatRequest;
        }),
  };
  const reset = () => {
    kit.env();
    kit.server.requests.length = 0;
    serveTranscriptions(kit.server, { heard: () => SPOKEN_SEGMENTS, apiKey: TRANSCRIBE_KEY });
    kit.server.handle(CHAT_PATH, chatCompletionsHandler(modelReply()));
  };
  beforeAll(async () => {
    kit.server = await startAiTestServer();
    kit.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aii-pipeline-"));
    const webmPath = path.join(kit.dataDir, "spoken.webm");
    ffmpeg("-i", SPOKEN_WAV, "-c:a", "libopus", "-b:a", "24k", webmPath);
    kit.webm = fs.readFileSync(webmPath);
    fs.rmSync(webmPath);
    base = {
      DATA_DIR: kit.dataDir,
      TRANSCRIBE_BASE_URL: kit.server.baseUrl,
      TRANSCRIBE_API_KEY: TRANSCRIBE_KEY,
      TRANSCRIBE_MODEL: "whisper-1",
      // Generous: on a loaded CI machine (2 cores, suites in parallel) 5 s was seen to run out on the honest path.
      // Tests of the timeouts themselves set their own short ones.
      TRANSCRIBE_TIMEOUT_MS: 20_000,
      EVAL_BASE_URL: kit.server.baseUrl,
      EVAL_API_KEY: "eval-test-key",
      EVAL_MODEL: EVAL_MODEL,
      EVAL_TIMEOUT_MS: 20_000,
      EVAL_MAX_RETRIES: 0, // the job queue's retries are the ones under test
    };
    reset(); // a file's own beforeAll may already run the pipeline
  });
  beforeEach(reset);
  afterEach(async () => {
    await stopJobs();
  });
  afterAll(async () => {
    await stopJobs();
    setEnvForTests(undefined);
    await kit.server?.close();
    if (kit.dataDir) fs.rmSync(kit.dataDir, { recursive: true, force: true });
  });
  return kit;
}

export interface TestQuestion {
  text: string;
  criteria?: Criterion[];
}

export const CANDIDATE = { candidate_name: "Zelda Quartermaine", candidate_email: "zelda.quartermaine@example.org" };

/**
 * A started session of a fresh interview whose questions carry `questions`' rubric, for a named candidate. Blind review
 * is off: these tests read the AI's scores through the session detail, which blind review would withhold until the
 * reader submits a scorecard (that rule has its own tests, beside the scorecard routes).
 */
export async function scoredSession(
  actor: InterviewActor,
  questions: TestQuestion[] = [{ text: QUESTION, criteria: RUBRIC }],
) {
  const interview = await makeInterview(actor, {
    questions: questions.map((q) => ({ text: q.text, time_limit_seconds: 60, criteria: q.criteria ?? [] })),
    competencies: COMPETENCIES,
    blind_review: false,
  });
  const { value: invite } = await makeInvite(actor, interview.id, CANDIDATE);
  const started = await startSession({ invite, meta: { ip: "127.0.0.1", userAgent: "vitest" } });
  return { invite, sessionId: started.sessionId, resumeToken: started.resumeToken, interviewId: interview.id };
}

type Session = { sessionId: string; resumeToken: string };

/** Uploads `file` through the chunk route in pieces of `chunkBytes`, then finalizes it; answers the finalize body. */
export async function uploadAnswer(s: Session, questionIndex: number, file: Buffer, chunkBytes = 4096) {
  const auth = { authorization: `Bearer ${s.resumeToken}` };
  let seq = 0;
  for (let at = 0; at < file.length; at += chunkBytes, seq++) {
    const put = await send(chunkRoute, {
      method: "PUT",
      path: `/api/candidates/sessions/${s.sessionId}/recordings/${questionIndex}/chunks/${seq}`,
      params: { id: s.sessionId, answer: String(questionIndex), seq: String(seq) },
      body: new Uint8Array(file.subarray(at, at + chunkBytes)),
      headers: auth,
    });
    if (put.status !== 201) throw new Error(`chunk ${seq}: ${put.status} ${JSON.stringify(put.json)}`);
  }
  const done = await send(finalizeRoute, {
    method: "POST",
    path: `/api/candidates/sessions/${s.sessionId}/recordings/${questionIndex}/finalize`,
    params: { id: s.sessionId, answer: String(questionIndex) },
    body: JSON.stringify({
      chunk_count: seq,
      sha256: sha256(file),
      size_bytes: file.length,
      duration_ms: Math.round(SPOKEN_DURATION_S * 1000),
      mime_type: "audio/webm;codecs=opus",
    }),
    headers: { ...auth, "content-type": "application/json" },
  });
  if (done.status !== 200) throw new Error(`finalize: ${done.status} ${JSON.stringify(done.json)}`);
  return done.json as { recording_id: string; take: number; duration_ms: number };
}

/** GET /api/interviewer/sessions/{id} as the holder of `token`. */
export const sessionDetail = (token: string, sessionId: string, ip: string) =>
  call(detailRoute, `/api/interviewer/sessions/${sessionId}`, { token, ip, params: { sessionId } });

/** The session detail's `ai` field, as HR sees it. */
export async function aiOf(token: string, sessionId: string, ip: string): Promise<AiReview> {
  const res = await sessionDetail(token, sessionId, ip);
  if (res.status !== 200) throw new Error(`session detail: ${res.status} ${res.text}`);
  return res.json.ai as AiReview;
}
