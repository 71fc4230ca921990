import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answerEvaluations, evaluations, transcripts } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import { enqueue } from "@/lib/jobs/enqueue";
import { JOB_SCHEMA } from "@/lib/jobs/boss";
import { EVALUATE_SESSION, TRANSCRIBE_RECORDING } from "@/lib/jobs/queues";
import { startJobs, stopJobs } from "@/lib/jobs/runtime";
import { FAST_TIMINGS, waitFor } from "@/test/kits/jobs";
import { completeByInvite } from "@/test/kits/recordings";
import { type AiRequest, type AiResponse } from "@/test/ai-server/server";
import { chatCompletionsHandler, readChatRequest } from "@/test/ai-server/chat-completions";
import { transcriptionUploads } from "@/test/ai-server/transcriptions";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { runEvaluateJob } from "./evaluate-job";
import { evaluateJobId, transcribeJobId } from "./review";
import {
  CHAT_PATH,
  isSummary,
  modelReply,
  pipelineHandlers,
  questionOf,
  RUBRIC,
  scoredSession,
  startPipelineWorkers,
  uploadAnswer,
  usePipelineKit,
} from "@/test/kits/ai-pipeline";
import { runTranscribeJob } from "./transcribe-job";
import { evaluateWhenTranscribed, transcribeWhenReady } from "./triggers";

// Every job may run more than once (a retry, a crashed worker's job run again, the same work enqueued twice): what it
// produces exists once, and work already done is not done (or paid for) again.

const fixture = useTestDb();
const kit = usePipelineKit();
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
const companyId = () => hr().companyId;
const db = () => fixture.db.db;

/** A session of two scored questions whose answers are uploaded and ready, with nothing enqueued for them. */
async function twoAnswers(first: string, second: string) {
  kit.env({ TRANSCRIBE_BASE_URL: undefined, EVAL_BASE_URL: undefined });
  const s = await scoredSession(hr(), [
    { text: first, criteria: RUBRIC },
    { text: second, criteria: RUBRIC },
  ]);
  const recordings = [await uploadAnswer(s, 0, kit.webm), await uploadAnswer(s, 1, kit.webm)];
  return { ...s, recordings };
}

const transcriptRows = (sessionId: string) =>
  db()
    .select({ recordingId: transcripts.recordingId, take: transcripts.take })
    .from(transcripts)
    .where(eq(transcripts.sessionId, sessionId));
const versionRows = (sessionId: string) =>
  db()
    .select({ id: evaluations.id, version: evaluations.version, status: evaluations.status })
    .from(evaluations)
    .where(eq(evaluations.sessionId, sessionId))
    .orderBy(asc(evaluations.version));
const answerRows = async (sessionId: string, version: number) =>
  (
    await db()
      .select({ q: answerEvaluations.questionIndex })
      .from(answerEvaluations)
      .innerJoin(evaluations, eq(evaluations.id, answerEvaluations.evaluationId))
      .where(and(eq(evaluations.sessionId, sessionId), eq(evaluations.version, version)))
      .orderBy(asc(answerEvaluations.questionIndex))
  ).map((r) => r.q);
/** Chat calls per question asked about (summaries as "summary"). */
const callsPerQuestion = () => {
  const counts: Record<string, number> = {};
  for (const chat of kit.chats()) {
    const key = isSummary(chat) ? "summary" : questionOf(chat);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};
const jobRow = async (id: string) =>
  rowsOf<{ state: string; retry_count: number }>(
    await db().execute(
      sql`SELECT state::text AS state, retry_count FROM ${sql.raw(`${JOB_SCHEMA}.job`)} WHERE id = ${id}::uuid`,
    ),
  )[0];

/** The answer to `question` fails once as `failure` says; every other call is the honest model's. */
function failingOnceFor(question: string, failure: AiResponse) {
  const honest = chatCompletionsHandler(modelReply());
  let failed = false;
  return async (request: AiRequest): Promise<AiResponse> => {
    if (!failed && questionOf(readChatRequest(request)) === question) {
      failed = true;
      return failure;
    }
    return honest(request);
  };
}

describe("idempotent jobs", () => {
  let session: Awaited<ReturnType<typeof twoAnswers>>;

  it("runTranscribeJob twice, or twice at once, stores one transcript per take", async () => {
    session = await twoAnswers("What did you build?", "How did you test it?");
    kit.env({ EVAL_BASE_URL: undefined });
    const [a, b] = session.recordings.map((r) => ({ company_id: companyId(), recording_id: r.recording_id }));
    expect(await runTranscribeJob(a!)).toBe("transcribed");
    expect(await runTranscribeJob(a!)).toBe("already_transcribed");
    expect(await transcriptionUploads(kit.server)).toHaveLength(1);

    expect((await Promise.all([runTranscribeJob(b!), runTranscribeJob(b!)])).sort()).toEqual([
      "already_transcribed",
      "transcribed",
    ]);
    const rows = await transcriptRows(session.sessionId);
    expect(rows.map((r) => r.recordingId).sort()).toEqual(session.recordings.map((r) => r.recording_id).sort());
  });

  it("runEvaluateJob twice for a version, or twice at once, makes one evaluation with one row per answer", async () => {
    kit.env({ EVAL_BASE_URL: undefined }); // completed without the trigger: these tests run the job themselves
    expect((await completeByInvite(session.invite, session.resumeToken)).status).toBe(200);
    kit.env();
    const v = (version: number) => ({ company_id: companyId(), session_id: session.sessionId, version });

    expect(await runEvaluateJob(v(1))).toBe("evaluated");
    const calls = kit.chats().length;
    expect(calls).toBe(3); // two answers and the summary
    expect(await runEvaluateJob(v(1))).toBe("already_evaluated");
    expect(kit.chats()).toHaveLength(calls);

    const both = await Promise.all([runEvaluateJob(v(2)), runEvaluateJob(v(2))]);
    expect(both).toContain("evaluated");
    for (const outcome of both) expect(["evaluated", "already_evaluated"]).toContain(outcome);
    expect((await versionRows(session.sessionId)).map((r) => [r.version, r.status])).toEqual([
      [1, "completed"],
      [2, "completed"],
    ]);
    expect(await answerRows(session.sessionId, 1)).toEqual([0, 1]);
    expect(await answerRows(session.sessionId, 2)).toEqual([0, 1]);
  });

  it("a worker stopped while an answer's evaluation hangs: the job runs again and does not re-evaluate the answers stored", async () => {
    const FIRST = "Tell us about a launch you ran.";
    const SECOND = "What would you do differently?";
    kit.server.handle(CHAT_PATH, failingOnceFor(SECOND, { status: 200, body: {}, delayMs: Infinity }));
    await startPipelineWorkers(fixture.db);
    const s = await twoAnswers(FIRST, SECOND);
    kit.env({ EVAL_TIMEOUT_MS: 1_500 });
    expect((await completeByInvite(s.invite, s.resumeToken)).status).toBe(200);
    // Uploaded with the pipeline off: the sweep's work, done here by hand, puts the answers on the queue.
    for (const r of s.recordings)
      await transcribeWhenReady({ companyId: companyId(), recordingId: r.recording_id, take: 0 });

    await waitFor(async () => callsPerQuestion()[SECOND] === 1, "the second answer's evaluation call");
    expect(await answerRows(s.sessionId, 1)).toEqual([0]);
    await stopJobs(); // waits for the job, whose hung call times out: the job goes back to the queue
    const jobId = evaluateJobId(s.sessionId, 1);
    expect(await jobRow(jobId)).toMatchObject({ state: "retry" });
    expect((await versionRows(s.sessionId)).map((r) => r.status)).toEqual(["running"]);

    const runtime = await startPipelineWorkers(fixture.db);
    await waitFor(
      async () => (await runtime.boss.getJobById(EVALUATE_SESSION.queue, jobId))?.state === "completed",
      "the job to run again",
    );
    expect(callsPerQuestion()).toEqual({ [FIRST]: 1, [SECOND]: 2, summary: 1 });
    expect(await answerRows(s.sessionId, 1)).toEqual([0, 1]);
    expect((await versionRows(s.sessionId)).map((r) => r.status)).toEqual(["completed"]);
  });

  it("a worker that dies mid-evaluation: its job expires, runs again elsewhere, and resumes at the next answer", async () => {
    const FIRST = "Describe a risky decision you made.";
    const SECOND = "How did it turn out?";
    const policy = { expireInSeconds: 2 }; // a crashed worker's job is free again 2 s after it started
    kit.server.handle(
      CHAT_PATH,
      failingOnceFor(SECOND, { status: 500, body: { error: { message: "overloaded", type: "server_error" } } }),
    );
    const s = await twoAnswers(FIRST, SECOND);
    kit.env({ EVAL_BASE_URL: undefined });
    for (const r of s.recordings)
      expect(await runTranscribeJob({ company_id: companyId(), recording_id: r.recording_id })).toBe("transcribed");
    expect((await completeByInvite(s.invite, s.resumeToken)).status).toBe(200);
    kit.env();

    // A web instance enqueues; the dying worker takes the job and stores the first answer before its process ends.
    await stopJobs();
    const web = await startJobs({
      workers: false,
      handle: fixture.db,
      registrations: pipelineHandlers(policy),
      timings: FAST_TIMINGS,
    });
    await evaluateWhenTranscribed({ companyId: companyId(), sessionId: s.sessionId });
    const jobId = evaluateJobId(s.sessionId, 1);
    const [taken] = await web.boss.fetch<{ company_id: string; session_id: string; version: number }>(
      EVALUATE_SESSION.queue,
    );
    expect(taken?.id).toBe(jobId);
    await expect(runEvaluateJob(taken!.data)).rejects.toThrow(/500/);
    expect(await answerRows(s.sessionId, 1)).toEqual([0]);
    expect(await jobRow(jobId)).toMatchObject({ state: "active" }); // nothing reported: the process is gone

    const runtime = await startPipelineWorkers(fixture.db, policy);
    await waitFor(
      async () => (await runtime.boss.getJobById(EVALUATE_SESSION.queue, jobId))?.state === "completed",
      "the expired job to run again",
    );
    expect((await runtime.boss.getJobById(EVALUATE_SESSION.queue, jobId))!.retryCount).toBe(1);
    expect(callsPerQuestion()).toEqual({ [FIRST]: 1, [SECOND]: 2, summary: 1 });
    expect(await answerRows(s.sessionId, 1)).toEqual([0, 1]);
  });

  it("the same work enqueued twice, by hand, by the triggers or at once, is one job", async () => {
    const recording = session.recordings[0]!;
    const payload = { company_id: companyId(), recording_id: recording.recording_id, take: 0 };
    const [x, y] = await Promise.all([enqueue(TRANSCRIBE_RECORDING, payload), enqueue(TRANSCRIBE_RECORDING, payload)]);
    expect(x.id).toBe(transcribeJobId(recording.recording_id, 0));
    expect(y.id).toBe(x.id);
    expect([x.created, y.created].sort()).toEqual([false, true]);
    await transcribeWhenReady({ companyId: companyId(), recordingId: recording.recording_id, take: 0 });

    await Promise.all(
      [1, 2].map(() => evaluateWhenTranscribed({ companyId: companyId(), sessionId: session.sessionId })),
    );
    const jobs = rowsOf<{ name: string; n: number }>(
      await db().execute(sql`
        SELECT name, count(*)::int AS n FROM ${sql.raw(`${JOB_SCHEMA}.job`)}
         WHERE data->>'recording_id' = ${recording.recording_id} OR data->>'session_id' = ${session.sessionId}
         GROUP BY name ORDER BY name`),
    );
    expect(jobs).toEqual([
      { name: EVALUATE_SESSION.queue, n: 1 },
      { name: TRANSCRIBE_RECORDING.queue, n: 1 },
    ]);
  });
});
