import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { candidateConsents } from "@/db/schema";
import { startSession } from "@/lib/candidate-sessions/start";
import { consentStatement } from "@/lib/consent/text";
import { sessionReceipt } from "@/lib/review/receipt";
import { recordAnswer, sessionRow, updateSession, webmOf } from "@/test/kits/review";
import { completeByInvite, sha256, useTempDataDir } from "@/test/kits/recordings";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { GET as listRoute } from "../../interviews/[id]/sessions/route";
import { GET as detailRoute } from "./route";

const fixture = useTestDb();
useTempDataDir();
const ip = fileClientIp();
const tokens: Record<string, string> = {};
const HR = "hr@nextgenai.com";
const LEAD = "lead@nextgenai.com";
const EMPLOYEE = "employee@nextgenai.com";
const GLOBEX = "admin@globex.com";

beforeAll(async () => {
  for (const who of [HR, LEAD, EMPLOYEE, GLOBEX]) tokens[who] = (await apiLogin(who, ip)).access_token;
});

const actor = (who: string, role: "HR" | "TEAM_LEAD") => actorFrom(fixture.people[who]!, role);
const list = (who: string, interviewId: string, query: Record<string, number> = {}) =>
  call(listRoute, "/x", { token: tokens[who], ip, params: { id: interviewId }, query });
const detail = (who: string, sessionId: string) =>
  call(detailRoute, "/x", { token: tokens[who], ip, params: { sessionId } });

/** An interview with `names.length` started sessions, the first started earliest. */
async function interviewWithSessions(owner: ReturnType<typeof actor>, names: string[]) {
  const interview = await makeInterview(owner);
  const sessions = [];
  for (const [i, name] of names.entries()) {
    const { value: invite } = await makeInvite(owner, interview.id, {
      candidate_name: name,
      candidate_email: `${name.toLowerCase()}@example.com`,
    });
    const started = await startSession({ invite, meta: { ip: "127.0.0.1", userAgent: "vitest" } });
    await updateSession(started.sessionId, { startedAt: new Date(Date.now() - (names.length - i) * 60_000) });
    sessions.push({ invite, sessionId: started.sessionId, resumeToken: started.resumeToken });
  }
  return { interviewId: interview.id, sessions };
}

describe("GET /api/interviewer/interviews/{id}/sessions", () => {
  it("lists newest first with candidate, counts and the live flag; paginates with x-total-count", async () => {
    const { interviewId, sessions } = await interviewWithSessions(actor(HR, "HR"), ["Ann", "Bob", "Cy"]);
    const [ann, bob] = sessions;
    await recordAnswer(ann!, 0, webmOf(600));
    await recordAnswer(ann!, 1, webmOf(700));
    await recordAnswer(bob!, 0, webmOf(500), { finalize: false });
    expect((await completeByInvite(ann!.invite, ann!.resumeToken)).status).toBe(200);
    // Bob left the room long ago; Cy is not reported in the room but was active just now.
    await updateSession(bob!.sessionId, { lastActivityAt: new Date(Date.now() - 3 * 60_000), candidateInRoom: false });

    const res = await list(HR, interviewId);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-total-count")).toBe("3");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.json.map((s: { candidate_name: string }) => s.candidate_name)).toEqual(["Cy", "Bob", "Ann"]);
    const byName = Object.fromEntries(res.json.map((s: { candidate_name: string }) => [s.candidate_name, s]));
    expect(byName.Ann).toMatchObject({
      id: ann!.sessionId,
      candidate_email: "ann@example.com",
      status: "completed",
      attempt_number: 1,
      answers_ready: 2,
      question_count: 3,
      live: false,
      current_question: null,
    });
    expect(byName.Ann.duration_ms).toBeGreaterThan(0);
    expect(byName.Ann.ended_at).toEqual(expect.any(String));
    expect(byName.Bob).toMatchObject({
      status: "in_progress",
      answers_ready: 0,
      live: false,
      ended_at: null,
      duration_ms: null,
    });
    expect(byName.Cy).toMatchObject({ status: "in_progress", live: true, current_question: null });

    // In the room counts as live however old the last upload is; "on question" is the last answer uploaded to, 1-based.
    await updateSession(bob!.sessionId, { candidateInRoom: true, currentAnswer: 1 });
    const page2 = await list(HR, interviewId, { skip: 1, limit: 1 });
    expect(page2.json).toHaveLength(1);
    expect(page2.json[0]).toMatchObject({ candidate_name: "Bob", live: true, current_question: 2 });
    expect((await list(HR, interviewId, { limit: 0 })).status).toBe(422);
  });

  it("EMPLOYEE 403; another company 404; a TEAM_LEAD only for the interviews they own (403 otherwise)", async () => {
    const byHr = await interviewWithSessions(actor(HR, "HR"), ["Dee"]);
    const byLead = await interviewWithSessions(actor(LEAD, "TEAM_LEAD"), ["Eve"]);
    expect((await list(EMPLOYEE, byHr.interviewId)).status).toBe(403);
    expect((await list(GLOBEX, byHr.interviewId)).status).toBe(404);
    expect((await list(LEAD, byHr.interviewId)).status).toBe(403);
    expect((await list(LEAD, byLead.interviewId)).json).toHaveLength(1);
    expect((await list(HR, byLead.interviewId)).json).toHaveLength(1);
    expect((await list(HR, "not-a-uuid")).status).toBe(404);
    expect((await call(listRoute, "/x", { ip, params: { id: byHr.interviewId } })).status).toBe(401);
  });
});

describe("GET /api/interviewer/sessions/{sessionId}", () => {
  it("answers each question with its recording (null, uploading or ready), the receipt of ready ones, and live state", async () => {
    const { sessions } = await interviewWithSessions(actor(HR, "HR"), ["Fay"]);
    const fay = sessions[0]!;
    const first = webmOf(900);
    await recordAnswer(fay, 0, first, { durationMs: 5100 });
    await recordAnswer(fay, 2, webmOf(400), { finalize: false });
    await updateSession(fay.sessionId, { candidateInRoom: true });

    const res = await detail(HR, fay.sessionId);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: fay.sessionId,
      interview_title: "Backend engineer screen",
      candidate_name: "Fay",
      status: "in_progress",
      attempt_number: 1,
      ended_at: null,
      live: true,
      candidate_in_room: true,
      current_question: 3,
      question_count: 3,
      consent: null,
    });
    const [a0, a1, a2] = res.json.answers;
    expect(a0).toMatchObject({
      answer: 0,
      question: { text: "Tell us about yourself", time_limit_seconds: 60 },
      recording: {
        status: "ready",
        mime_type: "video/webm;codecs=vp8,opus",
        size_bytes: 900,
        sha256: sha256(first),
        duration_ms: 5100,
        take: 0,
        url: `/api/interviewer/sessions/${fay.sessionId}/recordings/0`,
      },
    });
    expect(a0.recording.ready_at).toEqual(expect.any(String));
    expect(a1).toMatchObject({
      answer: 1,
      question: { text: "A hard bug you fixed", think_time_seconds: 30 },
      recording: null,
    });
    expect(a2.recording).toMatchObject({ status: "uploading", url: null, size_bytes: null });
    expect(res.json.receipt).toEqual({
      session_id: fay.sessionId,
      completed_at: null,
      answers: [
        {
          answer: 0,
          question: "Tell us about yourself",
          duration_ms: 5100,
          size_bytes: 900,
          sha256_prefix: sha256(first).slice(0, 12),
          received_at: a0.recording.ready_at,
        },
      ],
    });
    expect(await sessionReceipt(await getDb(), { sessionId: fay.sessionId })).toEqual(res.json.receipt);
  });

  it("shows the consent given before the start, else the latest one so far; the receipt says when it completed", async () => {
    const { sessions } = await interviewWithSessions(actor(HR, "HR"), ["Gus"]);
    const gus = sessions[0]!;
    const row = await sessionRow(gus.sessionId);
    const db = await getDb();
    const consent = (minutesFromStart: number, version: string) =>
      db.insert(candidateConsents).values({
        companyId: row.companyId,
        tokenId: row.tokenId,
        version,
        statement: { ...consentStatement("NextGen AI") },
        acceptedAt: new Date(row.startedAt.getTime() + minutesFromStart * 60_000),
        ipAddress: "203.0.113.7",
        userAgent: "Firefox",
      });
    await consent(0.5, "after-start");
    expect((await detail(HR, gus.sessionId)).json.consent).toMatchObject({ version: "after-start" });
    await consent(-10, "older");
    await consent(-2, "before-start");
    await consent(24 * 60, "in-the-future");
    const shown = (await detail(HR, gus.sessionId)).json.consent;
    expect(shown).toMatchObject({
      version: "before-start",
      ip_address: "203.0.113.7",
      user_agent: "Firefox",
      statement: { company: "NextGen AI" },
    });
    expect(shown.statement.retention).toMatch(/12 months/);

    await recordAnswer(gus, 1, webmOf(300));
    expect((await completeByInvite(gus.invite, gus.resumeToken)).status).toBe(200);
    const done = (await detail(HR, gus.sessionId)).json;
    expect(done).toMatchObject({ status: "completed", live: false, current_question: null });
    expect(done.receipt.completed_at).toBe(done.ended_at);
    expect(done.receipt.answers.map((a: { answer: number }) => a.answer)).toEqual([1]);
  });

  it("EMPLOYEE 403; another company 404; a TEAM_LEAD not owning the interview 403; unknown 404", async () => {
    const byHr = (await interviewWithSessions(actor(HR, "HR"), ["Hal"])).sessions[0]!;
    const byLead = (await interviewWithSessions(actor(LEAD, "TEAM_LEAD"), ["Ivy"])).sessions[0]!;
    expect((await detail(EMPLOYEE, byHr.sessionId)).status).toBe(403);
    const foreign = await detail(GLOBEX, byHr.sessionId);
    expect(foreign.status).toBe(404);
    expect(foreign.json).toEqual({ detail: "Session not found", code: "not_found" });
    expect((await detail(LEAD, byHr.sessionId)).status).toBe(403);
    expect((await detail(LEAD, byLead.sessionId)).status).toBe(200);
    expect((await detail(HR, crypto.randomUUID())).status).toBe(404);
    expect((await detail(HR, "x")).status).toBe(404);
  });
});
