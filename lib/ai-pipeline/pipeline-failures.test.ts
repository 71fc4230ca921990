import { beforeAll, describe, expect, it } from "vitest";
import { GET as failedRoute } from "@/app/api/jobs/failed/route";
import { POST as retryRoute } from "@/app/api/jobs/[id]/retry/route";
import type { CriterionEvaluation } from "@/lib/evaluation/evaluate-answer";
import { EVALUATE_SESSION, TRANSCRIBE_RECORDING } from "@/lib/jobs/queues";
import type { JobRuntime } from "@/lib/jobs/runtime";
import { waitFor } from "@/test/kits/jobs";
import { completeByInvite } from "@/test/kits/recordings";
import { SPOKEN_TEXT } from "@/test/kits/transcription";
import { chatCompletionsHandler } from "@/test/ai-server/chat-completions";
import { transcriptionUploads } from "@/test/ai-server/transcriptions";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { evaluateJobId, transcribeJobId } from "./review";
import {
  aiOf,
  CHAT_PATH,
  isSummary,
  modelReply,
  scoredSession,
  startPipelineWorkers,
  TRANSCRIBE_KEY,
  TRANSCRIBE_PATH,
  uploadAnswer,
  usePipelineKit,
} from "@/test/kits/ai-pipeline";

// When the providers fail: transient failures are retried by the job queue (a 500, a provider that never answers),
// a reply that cannot be used or a refused key fails the job at once into the failed list, and HR's retry from there
// finishes the work once the cause is fixed.

const fixture = useTestDb();
const kit = usePipelineKit();
const ip = fileClientIp();
const HR = "hr@nextgenai.com";
let token: string;
const hr = () => actorFrom(fixture.people[HR]!, "HR");

beforeAll(async () => {
  token = (await apiLogin(HR, ip)).access_token;
});

interface FailedJobJson {
  id: string;
  queue: string;
  payload: Record<string, unknown>;
  error: string | null;
  retry_count: number;
}
const failedList = async () => {
  const res = await call(failedRoute, "/api/jobs/failed", { token, ip });
  expect(res.status).toBe(200);
  return res.json as FailedJobJson[];
};
const retry = (id: string) => call(retryRoute, `/api/jobs/${id}/retry`, { method: "POST", token, ip, params: { id } });

const jobOf = (runtime: JobRuntime, queue: string, id: string) => runtime.boss.getJobById(queue, id);
const settled = (runtime: JobRuntime, queue: string, id: string, state: "completed" | "failed") =>
  waitFor(async () => {
    const job = await jobOf(runtime, queue, id);
    return job?.state === state && job;
  }, `job ${id} to be ${state}`);

/** A session whose one answer is uploaded (and so enqueued for transcription); not completed, so not evaluated. */
async function uploaded() {
  const s = await scoredSession(hr());
  const recording = await uploadAnswer(s, 0, kit.webm);
  return { ...s, jobId: transcribeJobId(recording.recording_id, 0) };
}

describe("transient provider failures are retried by the job queue", () => {
  it("a 500 from the transcription provider: the job runs again and stores the transcript", async () => {
    const runtime = await startPipelineWorkers(fixture.db);
    kit.server.script(TRANSCRIBE_PATH, {
      status: 500,
      body: { error: { message: "The server had an error while processing your request.", type: "server_error" } },
    });
    const s = await uploaded();
    const job = await settled(runtime, TRANSCRIBE_RECORDING.queue, s.jobId, "completed");
    expect(job.retryCount).toBe(1);
    expect(await transcriptionUploads(kit.server)).toHaveLength(2);
    const ai = await aiOf(token, s.sessionId, ip);
    expect(ai.answers[0]).toMatchObject({ transcription: { state: "done" }, transcript: { text: SPOKEN_TEXT } });
  });

  it("a provider that never answers: TRANSCRIBE_TIMEOUT_MS ends the attempt and the retry stores the transcript", async () => {
    kit.env({ TRANSCRIBE_TIMEOUT_MS: 1_000 });
    const runtime = await startPipelineWorkers(fixture.db);
    kit.server.script(TRANSCRIBE_PATH, { status: 200, body: {}, delayMs: Infinity });
    const started = Date.now();
    const s = await uploaded();
    const job = await settled(runtime, TRANSCRIBE_RECORDING.queue, s.jobId, "completed");
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(job.retryCount).toBe(1);
    expect(await transcriptionUploads(kit.server)).toHaveLength(2);
    expect((await aiOf(token, s.sessionId, ip)).answers[0]!.transcript!.text).toBe(SPOKEN_TEXT);
  });
});

describe("failures retrying cannot fix go to the failed list at once; HR retries after the fix", () => {
  it("a malformed evaluation reply twice fails the evaluation and its job; fixed, HR's retry completes it", async () => {
    const runtime = await startPipelineWorkers(fixture.db);
    kit.server.handle(
      CHAT_PATH,
      chatCompletionsHandler(() => ({ content: "The candidate did well overall." })),
    );
    const s = await scoredSession(hr());
    await uploadAnswer(s, 0, kit.webm);
    expect((await completeByInvite(s.invite, s.resumeToken)).status).toBe(200);
    const jobId = evaluateJobId(s.sessionId, 1);
    const failedJob = await settled(runtime, EVALUATE_SESSION.queue, jobId, "failed");
    expect(failedJob.retryCount).toBe(0);
    // The reply was asked for once more inside the call; no SDK retries, no job retries.
    expect(kit.chats()).toHaveLength(2);

    const failed = await aiOf(token, s.sessionId, ip);
    expect(failed.evaluation).toEqual({ state: "failed", job_id: jobId, error: "The reply was not valid JSON" });
    expect(failed.evaluations.map((v) => [v.version, v.status, v.error])).toEqual([
      [1, "failed", "The reply was not valid JSON"],
    ]);
    const listed = (await failedList()).filter((j) => j.id === jobId);
    expect(listed).toEqual([
      expect.objectContaining({
        queue: EVALUATE_SESSION.queue,
        retry_count: 0,
        error: "malformed_response: The reply was not valid JSON",
        payload: { company_id: hr().companyId, session_id: s.sessionId, version: 1 },
      }),
    ]);

    // Fixed, and slow enough to watch the retried version run.
    const fixedModel = chatCompletionsHandler(modelReply());
    kit.server.handle(CHAT_PATH, async (request) => ({ ...(await fixedModel(request)), delayMs: 500 }));
    const retried = await retry(jobId);
    expect(retried.status).toBe(200);
    expect(retried.json).toMatchObject({ id: jobId, state: "retry" });
    // While the retry runs, the review shows it running, not the failure it is fixing.
    const running = await waitFor(async () => {
      const ai = await aiOf(token, s.sessionId, ip);
      return ai.evaluations[0]!.status === "running" && ai;
    }, "the retried version to run");
    expect(running.evaluation).toEqual({ state: "running", job_id: null, error: null });
    expect(running.evaluations[0]!.error).toBeNull();
    await settled(runtime, EVALUATE_SESSION.queue, jobId, "completed");
    const ai = await aiOf(token, s.sessionId, ip);
    expect(ai.evaluation).toEqual({ state: "done", job_id: null, error: null });
    expect(ai.evaluations.map((v) => [v.version, v.status, v.error])).toEqual([[1, "completed", null]]);
    const criteria = ai.evaluations[0]!.answers[0]!.criteria as unknown as CriterionEvaluation[];
    expect(criteria.map((c) => c.status)).toEqual(["scored", "scored"]);
    expect(
      kit
        .chats()
        .slice(2)
        .map((c) => (isSummary(c) ? "summary" : "answer")),
    ).toEqual(["answer", "summary"]);
    expect((await failedList()).some((j) => j.id === jobId)).toBe(false);
  });

  it("a refused transcription key (401): failed at once without retries, listed; fixed, HR's retry transcribes", async () => {
    kit.env({ TRANSCRIBE_API_KEY: "sk-not-the-right-key" });
    const runtime = await startPipelineWorkers(fixture.db);
    const s = await uploaded();
    const job = await settled(runtime, TRANSCRIBE_RECORDING.queue, s.jobId, "failed");
    expect(job.retryCount).toBe(0);
    expect(await transcriptionUploads(kit.server)).toHaveLength(1);

    const listed = (await failedList()).find((j) => j.id === s.jobId);
    expect(listed).toMatchObject({
      queue: TRANSCRIBE_RECORDING.queue,
      retry_count: 0,
      error: expect.stringMatching(/^provider_unauthorized: Check TRANSCRIBE_API_KEY/),
    });
    expect(listed!.error).not.toContain("sk-not-the-right-key");
    const failed = await aiOf(token, s.sessionId, ip);
    expect(failed.answers[0]).toMatchObject({
      transcript: null,
      transcription: { state: "failed", job_id: s.jobId, error: listed!.error },
    });

    kit.env({ TRANSCRIBE_API_KEY: TRANSCRIBE_KEY });
    expect((await retry(s.jobId)).status).toBe(200);
    await settled(runtime, TRANSCRIBE_RECORDING.queue, s.jobId, "completed");
    const ai = await aiOf(token, s.sessionId, ip);
    expect(ai.answers[0]).toMatchObject({
      transcription: { state: "done", job_id: null, error: null },
      transcript: { text: SPOKEN_TEXT },
    });
    expect((await failedList()).some((j) => j.id === s.jobId)).toBe(false);
  });
});
