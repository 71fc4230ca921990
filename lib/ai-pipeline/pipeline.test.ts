import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { companies, evaluations, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import type { CriterionEvaluation } from "@/lib/evaluation/evaluate-answer";
import { PROMPT_VERSION, RESPONSE_FORMAT_NAME } from "@/lib/evaluation/prompt";
import { SUMMARY_FORMAT_NAME, SUMMARY_PROMPT_VERSION, type SessionSummary } from "@/lib/evaluation/summary";
import { criterion, requestedCriteria } from "@/test/kits/evaluation";
import { TRANSCRIBE_RECORDING } from "@/lib/jobs/queues";
import { waitFor } from "@/test/kits/jobs";
import { completeByInvite } from "@/test/kits/recordings";
import { SPOKEN_TEXT } from "@/test/kits/transcription";
import { chatCompletionsHandler } from "@/test/ai-server/chat-completions";
import { transcriptionUploads } from "@/test/ai-server/transcriptions";
import { apiLogin, DEMO_PASSWORD } from "@/test/fixtures";
import { fileClientIp } from "@/test/http";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { transcribeJobId } from "./review";
import {
  aiOf,
  CANDIDATE,
  CHAT_PATH,
  type Decide,
  EVAL_MODEL,
  honest,
  isSummary,
  modelReply,
  QUESTION,
  RUBRIC,
  scoredSession,
  sessionDetail,
  SPOKEN_SEGMENTS,
  startPipelineWorkers,
  uploadAnswer,
  usePipelineKit,
} from "@/test/kits/ai-pipeline";
import { sweepAiPipeline } from "./triggers";

// The AI pipeline end to end: a candidate's answer uploaded through the real routes as WebM/Opus, transcribed and
// evaluated by the real job handlers on pg-boss, against a local OpenAI-compatible server over real HTTP, and read
// back the way a reviewer reads it (GET /api/interviewer/sessions/{id}, its `ai` field).

const fixture = useTestDb();
const kit = usePipelineKit();
const ip = fileClientIp();
const tokens: Record<string, string> = {};
const HR = "hr@nextgenai.com";
const GLOBEX_HR = "hr@globex.com";
const GLOBEX_ADMIN = "admin@globex.com";
const hr = () => actorFrom(fixture.people[HR]!, "HR");

type Criteria = CriterionEvaluation[];
const done = async (sessionId: string) =>
  waitFor(async () => {
    const ai = await aiOf(tokens[HR]!, sessionId, ip);
    return ai.evaluation.state === "done" && ai;
  }, "the evaluation to complete");
const words = (text: string) => text.split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}'-]/gu, ""));

beforeAll(async () => {
  // Globex has only an ADMIN in the demo data; another company's HR is the person the review must keep out.
  const [globex] = await fixture.db.db.select({ id: companies.id }).from(companies).where(eq(companies.name, "Globex"));
  await fixture.db.db.insert(users).values({
    companyId: globex!.id,
    email: GLOBEX_HR,
    role: "HR",
    firstName: "Gus",
    lastName: "Globex",
    passwordHash: await hashPassword(DEMO_PASSWORD),
  });
  for (const who of [HR, GLOBEX_HR, GLOBEX_ADMIN, "employee@nextgenai.com"])
    tokens[who] = (await apiLogin(who, ip)).access_token;
});

describe("the AI pipeline, from upload to review", () => {
  let sessionId: string;

  it("transcribes a recorded answer and scores its criteria with quotes the candidate really said", async () => {
    await startPipelineWorkers(fixture.db);
    const s = await scoredSession(hr());
    sessionId = s.sessionId;
    const recording = await uploadAnswer(s, 0, kit.webm);
    expect((await completeByInvite(s.invite, s.resumeToken)).status).toBe(200);
    const ai = await done(s.sessionId);
    const audioS = recording.duration_ms / 1000;
    expect(audioS).toBeGreaterThan(4);

    expect(ai).toMatchObject({
      advisory: true,
      transcription_enabled: true,
      evaluation_enabled: true,
      evaluation: { state: "done", job_id: null, error: null },
    });
    const [answer] = ai.answers;
    expect(answer).toMatchObject({
      answer: 0,
      has_criteria: true,
      transcription: { state: "done", job_id: null, error: null },
    });
    const transcript = answer!.transcript!;
    expect(transcript).toMatchObject({
      text: SPOKEN_TEXT,
      model: "whisper-1",
      language: "english",
      word_times_estimated: false,
    });
    expect(transcript.segments).toEqual(
      SPOKEN_SEGMENTS.map((s) => ({ start: expect.closeTo(s.start, 2), end: expect.closeTo(s.end, 2), text: s.text })),
    );
    expect(transcript.words.map((w) => w.word)).toEqual(words(SPOKEN_TEXT));
    for (const [i, w] of transcript.words.entries()) {
      expect(w.start).toBeGreaterThanOrEqual(i === 0 ? 0 : transcript.words[i - 1]!.end);
      expect(w.end).toBeGreaterThan(w.start);
      expect(w.end).toBeLessThanOrEqual(audioS);
    }

    expect(ai.evaluations).toHaveLength(1);
    const [v1] = ai.evaluations;
    expect(v1).toMatchObject({
      version: 1,
      status: "completed",
      requested_by: null,
      model: EVAL_MODEL,
      prompt_version: PROMPT_VERSION,
      error: null,
    });
    expect(v1!.input_tokens).toBeGreaterThan(0);
    expect(v1!.output_tokens).toBeGreaterThan(0);
    expect(v1!.latency_ms).toBeGreaterThan(0);
    expect(v1!.completed_at).not.toBeNull();
    expect(v1!.answers.map((a) => a.answer)).toEqual([0]);
    const criteria = v1!.answers[0]!.criteria as unknown as Criteria;
    expect(criteria.map((c) => [c.criterion, c.status])).toEqual([
      ["Leadership", "scored"],
      ["Delivery", "scored"],
    ]);
    // The honest model cut "I led a team of" and "We moved payments to a" from what it was sent.
    const byWord = transcript.words;
    expect(criteria.map((c) => c.status === "scored" && c.evidence)).toEqual([
      [{ text: "I led a team of", start: byWord[0]!.start, end: byWord[4]!.end }],
      [{ text: "We moved payments to a", start: byWord[7]!.start, end: byWord[11]!.end }],
    ]);
    for (const c of criteria) {
      if (c.status !== "scored") continue;
      expect(c.score).toBe(4);
      for (const quote of c.evidence) {
        expect(transcript.text).toContain(quote.text);
        expect(quote.start).toBeGreaterThanOrEqual(0);
        expect(quote.end!).toBeGreaterThan(quote.start!);
        expect(quote.end!).toBeLessThanOrEqual(audioS);
      }
    }
    const summary = v1!.summary as unknown as SessionSummary;
    expect(summary).toMatchObject({
      source: "ai",
      promptVersion: SUMMARY_PROMPT_VERSION,
      model: EVAL_MODEL,
      concerns: [],
      gaps: [],
      droppedPoints: 0,
    });
    expect(summary.strengths.map((p) => [p.text, p.evidence.map((e) => [e.criterion, e.answer, e.text])])).toEqual([
      ["Clear evidence of leadership.", [["Leadership", 0, "I led a team of"]]],
      ["Clear evidence of delivery.", [["Delivery", 0, "We moved payments to a"]]],
    ]);

    // What went over the wire: one multipart WAV upload, one answer evaluation and one summary, strict JSON schemas.
    const [upload, ...more] = await transcriptionUploads(kit.server);
    expect(more).toEqual([]);
    expect(upload).toMatchObject({
      model: "whisper-1",
      responseFormat: "verbose_json",
      contentType: "audio/wav",
      wav: { sampleRate: 16000, channels: 1, bitsPerSample: 16 },
    });
    expect(upload!.granularities).toEqual(expect.arrayContaining(["segment", "word"]));
    const chats = kit.chats();
    expect(
      chats.map((c) => [
        c.model,
        c.responseFormat.type,
        c.responseFormat.json_schema.name,
        c.responseFormat.json_schema.strict,
      ]),
    ).toEqual([
      [EVAL_MODEL, "json_schema", RESPONSE_FORMAT_NAME, true],
      [EVAL_MODEL, "json_schema", SUMMARY_FORMAT_NAME, true],
    ]);
    expect(requestedCriteria(chats[0]!)).toEqual(["Leadership", "Delivery"]);
    expect(chats[0]!.messages.find((m) => m.role === "user")!.content).toContain(QUESTION);
    // Nothing sent to any provider names the candidate.
    for (const request of kit.server.requests) {
      const body = request.body.toString("utf8").toLowerCase();
      expect(body).not.toContain(CANDIDATE.candidate_email.toLowerCase());
      for (const name of CANDIDATE.candidate_name.toLowerCase().split(" ")) expect(body).not.toContain(name);
    }
  });

  it("rejects a made-up quote: asked once more, then unverifiable, and the made-up words are shown nowhere", async () => {
    const FABRICATED = "I single-handedly rebuilt the billing platform overnight";
    const decide: Decide = (name, chat) =>
      name === "Delivery"
        ? { score: 5, quotes: [FABRICATED] }
        : name === "Teamwork"
          ? "insufficient"
          : honest(name, chat);
    kit.server.handle(CHAT_PATH, chatCompletionsHandler(modelReply(decide)));
    await startPipelineWorkers(fixture.db);
    const s = await scoredSession(hr(), [{ text: QUESTION, criteria: [...RUBRIC, criterion("Teamwork")] }]);
    await uploadAnswer(s, 0, kit.webm);
    expect((await completeByInvite(s.invite, s.resumeToken)).status).toBe(200);
    const ai = await done(s.sessionId);

    const criteria = ai.evaluations[0]!.answers[0]!.criteria as unknown as Criteria;
    expect(criteria).toEqual([
      {
        criterion: "Leadership",
        status: "scored",
        score: 4,
        evidence: [expect.objectContaining({ text: "I led a team of" })],
        rationale: expect.any(String),
        reasked: false,
      },
      { criterion: "Delivery", status: "unverifiable", reason: "quotes_not_found", reasked: true },
      {
        criterion: "Teamwork",
        status: "insufficient_evidence",
        rationale: "The answer does not show this.",
        reasked: false,
      },
    ]);
    const summary = ai.evaluations[0]!.summary as unknown as SessionSummary;
    expect(summary.gaps).toEqual([
      { criterion: "Delivery", status: "unverifiable", answers: [0] },
      { criterion: "Teamwork", status: "insufficient_evidence", answers: [0] },
    ]);
    expect(summary.strengths.map((p) => p.evidence.map((e) => e.criterion))).toEqual([["Leadership"]]);

    // Asked twice about the answer: all three criteria, then Delivery alone with the rejected quote named.
    const answerCalls = kit.chats().filter((c) => !isSummary(c));
    expect(answerCalls.map(requestedCriteria)).toEqual([["Leadership", "Delivery", "Teamwork"], ["Delivery"]]);
    expect(answerCalls[1]!.messages.find((m) => m.role === "user")!.content).toContain(JSON.stringify(FABRICATED));

    const detail = await sessionDetail(tokens[HR]!, s.sessionId, ip);
    expect(detail.status).toBe(200);
    expect(detail.text).not.toContain("single-handedly");
    expect(detail.text).not.toContain("overnight");
  });

  it("another company's HR (or admin) cannot read the session or its AI review: 404; an EMPLOYEE gets 403", async () => {
    for (const who of [GLOBEX_HR, GLOBEX_ADMIN]) {
      const res = await sessionDetail(tokens[who]!, sessionId, ip);
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ detail: "Session not found", code: "not_found" });
      expect(res.text).not.toContain("payments");
    }
    expect((await sessionDetail(tokens["employee@nextgenai.com"]!, sessionId, ip)).status).toBe(403);
    expect((await sessionDetail(tokens[HR]!, sessionId, ip)).status).toBe(200);
  });
});

describe("the sweep", () => {
  it("transcribes a ready answer whose enqueue was lost and evaluates a transcribed session never evaluated; skips sessions with no criteria", async () => {
    // Both off while the candidate uploads and completes: nothing is enqueued, as if the process died after commit.
    kit.env({ TRANSCRIBE_BASE_URL: undefined, EVAL_BASE_URL: undefined });
    const runtime = await startPipelineWorkers(fixture.db);
    const s = await scoredSession(hr());
    const recording = await uploadAnswer(s, 0, kit.webm);
    expect((await completeByInvite(s.invite, s.resumeToken)).status).toBe(200);
    const unscored = await scoredSession(hr(), [{ text: "Why us?" }]);
    await uploadAnswer(unscored, 0, kit.webm);
    expect((await completeByInvite(unscored.invite, unscored.resumeToken)).status).toBe(200);
    expect(await aiOf(tokens[HR]!, s.sessionId, ip)).toMatchObject({
      transcription_enabled: false,
      answers: [{ transcription: { state: "off" } }],
      evaluation: { state: "off" },
    });

    // Transcription turned on: no job exists for the answer until the sweep finds it.
    kit.env({ EVAL_BASE_URL: undefined });
    expect(
      await runtime.boss.getJobById(TRANSCRIBE_RECORDING.queue, transcribeJobId(recording.recording_id, 0)),
    ).toBeNull();
    expect(await sweepAiPipeline()).toEqual({ transcriptions: 2, evaluations: 0 });
    const transcribed = await waitFor(async () => {
      const [a, b] = await Promise.all([aiOf(tokens[HR]!, s.sessionId, ip), aiOf(tokens[HR]!, unscored.sessionId, ip)]);
      return a.answers[0]!.transcript && b.answers[0]!.transcript && a;
    }, "both answers to be transcribed");
    expect(transcribed.answers[0]!.transcript!.text).toBe(SPOKEN_TEXT);
    expect(transcribed.evaluations).toEqual([]);
    expect(kit.chats()).toEqual([]);

    // Evaluation turned on: the scored session is evaluated after the next sweep; the one without criteria never is.
    kit.env();
    expect(await sweepAiPipeline()).toEqual({ transcriptions: 0, evaluations: 1 });
    const ai = await done(s.sessionId);
    expect(ai.evaluations.map((v) => [v.version, v.status])).toEqual([[1, "completed"]]);
    expect(await sweepAiPipeline()).toEqual({ transcriptions: 0, evaluations: 0 });
    expect(await aiOf(tokens[HR]!, unscored.sessionId, ip)).toMatchObject({
      evaluation: { state: "no_criteria" },
      evaluations: [],
    });
    const rows = await fixture.db.db
      .select({ id: evaluations.id })
      .from(evaluations)
      .where(eq(evaluations.sessionId, unscored.sessionId));
    expect(rows).toEqual([]);
  });
});
