import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLogs, evaluations } from "@/db/schema";
import { evaluateJobId } from "@/lib/ai-pipeline/review";
import {
  aiOf,
  isSummary,
  scoredSession,
  startPipelineWorkers,
  uploadAnswer,
  usePipelineKit,
} from "@/test/kits/ai-pipeline";
import { PROMPT_VERSION } from "@/lib/evaluation/prompt";
import { stopJobs } from "@/lib/jobs/runtime";
import { waitFor } from "@/test/kits/jobs";
import { completeByInvite } from "@/test/kits/recordings";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { POST } from "./route";

// POST /api/interviewer/sessions/{id}/evaluations against the real job handlers: a re-run is the next version,
// evaluated by a worker from the same transcripts, listed beside the earlier ones.

const fixture = useTestDb();
const kit = usePipelineKit();
const ip = fileClientIp();
const tokens: Record<string, string> = {};
const HR = "hr@nextgenai.com";
const ADMIN = "admin@nextgenai.com";
const STAFF = [HR, ADMIN, "lead@nextgenai.com", "employee@nextgenai.com", "admin@globex.com"];
const hr = () => actorFrom(fixture.people[HR]!, "HR");

const rerun = (who: string | null, sessionId: string) =>
  call(POST, `/api/interviewer/sessions/${sessionId}/evaluations`, {
    method: "POST",
    token: who ? tokens[who] : undefined,
    ip,
    params: { sessionId },
  });
const versionsOf = async (sessionId: string) =>
  (await aiOf(tokens[HR]!, sessionId, ip)).evaluations.map((v) => [v.version, v.status]);
const allDone = (sessionId: string, versions: number) =>
  waitFor(async () => {
    const ai = await aiOf(tokens[HR]!, sessionId, ip);
    return ai.evaluations.length === versions && ai.evaluations.every((v) => v.status === "completed") && ai;
  }, `${versions} completed versions`);

/** A completed session of one scored answer, transcribed and evaluated (version 1) by the workers. */
async function evaluatedSession() {
  await startPipelineWorkers(fixture.db);
  const s = await scoredSession(hr());
  await uploadAnswer(s, 0, kit.webm);
  expect((await completeByInvite(s.invite, s.resumeToken)).status).toBe(200);
  await allDone(s.sessionId, 1);
  await stopJobs();
  return s;
}

let sessionId: string;

beforeAll(async () => {
  for (const who of STAFF) tokens[who] = (await apiLogin(who, ip)).access_token;
  sessionId = (await evaluatedSession()).sessionId;
});

describe("POST /api/interviewer/sessions/{id}/evaluations", () => {
  it("HR asks for a re-run: 202 with version 2, audited; the worker evaluates it and both versions are listed, newest first", async () => {
    await startPipelineWorkers(fixture.db);
    const res = await rerun(HR, sessionId);
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ version: 2, job_id: evaluateJobId(sessionId, 2) });

    const person = fixture.people[HR]!;
    const audits = await fixture.db.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "EVALUATION_RERUN_REQUESTED"), eq(auditLogs.resourceId, sessionId)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      companyId: person.companyId,
      userId: person.id,
      resourceType: "interview_session",
      details: { version: 2 },
    });

    const ai = await allDone(sessionId, 2);
    expect(ai.evaluation.state).toBe("done");
    expect(ai.evaluations.map((v) => [v.version, v.status, v.requested_by, v.prompt_version])).toEqual([
      [2, "completed", HR, PROMPT_VERSION],
      [1, "completed", null, PROMPT_VERSION],
    ]);
    // Evaluated afresh from the same transcript: one answer call and one summary.
    expect(kit.chats().map((c) => (isSummary(c) ? "summary" : "answer"))).toEqual(["answer", "summary"]);
    expect(ai.evaluations[0]!.answers).toEqual(ai.evaluations[1]!.answers);
  });

  it("while a version runs, another request is 409 evaluation_running; two at once make one version", async () => {
    // No worker runs: the version asked for stays running.
    const both = await Promise.all([rerun(HR, sessionId), rerun(ADMIN, sessionId)]);
    expect(both.map((r) => r.status).sort()).toEqual([202, 409]);
    const accepted = both.find((r) => r.status === 202)!;
    const refused = both.find((r) => r.status === 409)!;
    expect(accepted.json).toEqual({ version: 3, job_id: evaluateJobId(sessionId, 3) });
    expect(refused.json).toEqual({
      detail: "Version 3 of the evaluation is still running",
      code: "evaluation_running",
    });
    const again = await rerun(HR, sessionId);
    expect(again.status).toBe(409);
    expect(again.json.code).toBe("evaluation_running");

    const queued = await aiOf(tokens[HR]!, sessionId, ip);
    expect(queued.evaluation.state).toBe("queued");
    expect(queued.evaluations.map((v) => [v.version, v.status])).toEqual([
      [3, "running"],
      [2, "completed"],
      [1, "completed"],
    ]);

    await startPipelineWorkers(fixture.db);
    await allDone(sessionId, 3);
  });

  it("EMPLOYEE and TEAM_LEAD get 403, another company's session 404, no token 401; nothing is created", async () => {
    for (const who of ["employee@nextgenai.com", "lead@nextgenai.com"]) {
      const res = await rerun(who, sessionId);
      expect(res.status).toBe(403);
      expect(res.json).toEqual({ detail: "Insufficient permissions", code: "forbidden" });
    }
    const foreign = await rerun("admin@globex.com", sessionId);
    expect(foreign.status).toBe(404);
    expect(foreign.json).toEqual({ detail: "Session not found", code: "not_found" });
    expect((await rerun(null, sessionId)).status).toBe(401);
    expect((await rerun(HR, "not-a-uuid")).status).toBe(404);
    expect(await versionsOf(sessionId)).toEqual([
      [3, "completed"],
      [2, "completed"],
      [1, "completed"],
    ]);
  });

  it("409 evaluation_off while AI evaluation is not configured", async () => {
    kit.env({ EVAL_BASE_URL: undefined });
    const res = await rerun(HR, sessionId);
    expect(res.status).toBe(409);
    expect(res.json.code).toBe("evaluation_off");
    expect(res.json.detail).toMatch(/EVAL_BASE_URL/);
  });

  it("409 session_not_completed for a session in progress", async () => {
    const s = await scoredSession(hr());
    const res = await rerun(HR, s.sessionId);
    expect(res.status).toBe(409);
    expect(res.json.code).toBe("session_not_completed");
  });

  it("409 transcription_pending while an answer has no transcript yet: nothing is created, the first version comes by itself", async () => {
    kit.env({ TRANSCRIBE_BASE_URL: undefined }); // uploaded while transcription is off: no transcript, no job
    const s = await scoredSession(hr());
    await uploadAnswer(s, 0, kit.webm);
    expect((await completeByInvite(s.invite, s.resumeToken)).status).toBe(200);
    const res = await rerun(HR, s.sessionId);
    expect(res.status).toBe(409);
    expect(res.json.code).toBe("transcription_pending");
    expect(await fixture.db.db.select().from(evaluations).where(eq(evaluations.sessionId, s.sessionId))).toEqual([]);
  });

  it("409 no_criteria for a session whose questions have none; such a session is never evaluated", async () => {
    kit.env({ TRANSCRIBE_BASE_URL: undefined });
    const s = await scoredSession(hr(), [{ text: "Why us?" }]);
    await uploadAnswer(s, 0, kit.webm);
    expect((await completeByInvite(s.invite, s.resumeToken)).status).toBe(200);
    const res = await rerun(HR, s.sessionId);
    expect(res.status).toBe(409);
    expect(res.json).toEqual({
      detail: "No question of this interview has scoring criteria, so there is nothing to evaluate",
      code: "no_criteria",
    });
    expect(await aiOf(tokens[HR]!, s.sessionId, ip)).toMatchObject({
      evaluation: { state: "no_criteria" },
      evaluations: [],
    });
    expect(await fixture.db.db.select().from(evaluations).where(eq(evaluations.sessionId, s.sessionId))).toEqual([]);
  });
});
