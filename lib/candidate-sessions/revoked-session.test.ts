import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PATCH as completeRoute } from "@/app/api/candidates/interviews/complete-session/route";
import { POST as startRoute } from "@/app/api/candidates/interviews/start-session/route";
import { PUT as chunkRoute } from "@/app/api/candidates/sessions/[id]/recordings/[answer]/chunks/[seq]/route";
import { POST as finalizeRoute } from "@/app/api/candidates/sessions/[id]/recordings/[answer]/finalize/route";
import { POST as retakeRoute } from "@/app/api/candidates/sessions/[id]/recordings/[answer]/retake/route";
import { POST as livekitRoute } from "@/app/api/candidates/sessions/[id]/livekit-token/route";
import { POST as revokeRoute } from "@/app/api/interviewer/interviews/[id]/tokens/[tokenId]/revoke/route";
import { GET as reviewRoute } from "@/app/api/interviewer/sessions/[sessionId]/route";
import { getDb } from "@/db";
import { auditLogs, candidateTokens, interviewSessions, recordings } from "@/db/schema";
import { setEnvForTests } from "@/lib/env";
import { pendingRoomOps, resetRoomServiceForTests } from "@/lib/livekit/room-service";
import { startTwirpStub, type TwirpStub } from "@/test/kits/livekit";
import { finalizeRecording } from "@/lib/recordings/finalize";
import { fsRecordingStorage } from "@/lib/recordings/fs-storage";
import { filesUnder, send, sha256, WEBM_HEAD } from "@/test/kits/recordings";
import { revokeInvite } from "@/lib/invites/manage";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { startSession } from "./start";

// Revoking an invite ends the attempt in progress: every later request of the candidate answers 409
// `session_revoked`, what was stored stays, and the LiveKit room is closed in the background.

const fixture = useTestDb();
const ip = fileClientIp();
const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
// The room calls go to a local stub, never to a LiveKit server a developer may run on :7880; that revoking deletes
// the room is checked against a real server in room-lifecycle.real.test.ts.
let stub: TwirpStub;
let dataDir: string;
let access: string;

beforeAll(async () => {
  stub = await startTwirpStub();
  dataDir = fs.mkdtempSync(path.join(fs.realpathSync("/tmp"), "aii-revoked-"));
  access = (await apiLogin("hr@nextgenai.com", ip)).access_token;
});
afterAll(async () => {
  await stub.close();
  setEnvForTests(undefined);
  fs.rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  setEnvForTests({ LIVEKIT_URL: stub.url, DATA_DIR: dataDir });
  resetRoomServiceForTests();
});
afterEach(async () => {
  await pendingRoomOps();
});

type Session = { invite: string; tokenId: string; interviewId: string; sessionId: string; resumeToken: string };
const bearer = (s: Session) => ({ authorization: `Bearer ${s.resumeToken}`, "content-type": "application/json" });
const answerPath = (s: Session, answer: number) => `/api/candidates/sessions/${s.sessionId}/recordings/${answer}`;
const file = Buffer.concat([WEBM_HEAD, Buffer.alloc(3000, 5)]);

const put = (s: Session, answer: number, seq = 0) =>
  send(chunkRoute, {
    method: "PUT",
    path: `${answerPath(s, answer)}/chunks/${seq}`,
    params: { id: s.sessionId, answer: String(answer), seq: String(seq) },
    body: new Uint8Array(file),
    headers: bearer(s),
  });
const finalizeBody = { chunk_count: 1, sha256: sha256(file), size_bytes: file.length, mime_type: "video/webm" };
const finalize = (s: Session, answer: number) =>
  send(finalizeRoute, {
    method: "POST",
    path: `${answerPath(s, answer)}/finalize`,
    params: { id: s.sessionId, answer: String(answer) },
    body: JSON.stringify(finalizeBody),
    headers: bearer(s),
  });
const retake = (s: Session, answer: number) =>
  send(retakeRoute, {
    method: "POST",
    path: `${answerPath(s, answer)}/retake`,
    params: { id: s.sessionId, answer: String(answer) },
    body: JSON.stringify({ take: 0 }),
    headers: bearer(s),
  });
const livekit = (s: Session) =>
  send(livekitRoute, {
    method: "POST",
    path: `/api/candidates/sessions/${s.sessionId}/livekit-token`,
    params: { id: s.sessionId },
    headers: bearer(s),
  });
const complete = (s: Session) =>
  call(completeRoute, "/api/candidates/interviews/complete-session", {
    method: "PATCH",
    body: { token: s.invite, resume_token: s.resumeToken },
    ip,
  });
const resume = (s: Session) =>
  call(startRoute, "/api/candidates/interviews/start-session", {
    body: { token: s.invite, resume_token: s.resumeToken },
    ip,
  });

async function running(): Promise<Session> {
  const interview = await makeInterview(hr(), { retakes_allowed: 1 });
  const { value, token } = await makeInvite(hr(), interview.id);
  const started = await startSession({ invite: value, meta });
  await pendingRoomOps();
  return {
    invite: value,
    tokenId: token.id,
    interviewId: interview.id,
    sessionId: started.sessionId,
    resumeToken: started.resumeToken,
  };
}

const revoke = (s: Session) =>
  call(revokeRoute, "/x", { token: access, ip, method: "POST", params: { id: s.interviewId, tokenId: s.tokenId } });

async function sessionOf(s: Session) {
  const db = await getDb();
  return (await db.select().from(interviewSessions).where(eq(interviewSessions.id, s.sessionId)))[0]!;
}

describe("revoking an invite while its interview runs", () => {
  it("ends the session in the same transaction, audits both, closes the room and keeps what was stored", async () => {
    const s = await running();
    expect((await put(s, 0)).status).toBe(201);
    expect((await finalize(s, 0)).status).toBe(200);
    expect((await put(s, 1)).status).toBe(201); // answer 1 still uploading

    const res = await revoke(s);
    expect(res.status).toBe(200);
    expect(res.json.status).toBe("revoked");
    const session = await sessionOf(s);
    expect(session.status).toBe("revoked");
    expect(session.endedAt).toBeInstanceOf(Date);

    const db = await getDb();
    const invite = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "INVITE_REVOKED"), eq(auditLogs.resourceId, s.tokenId)));
    expect(invite).toHaveLength(1);
    expect(invite[0]!.details).toMatchObject({ sessions_ended: 1 });
    const ended = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "SESSION_REVOKED"), eq(auditLogs.resourceId, s.sessionId)));
    expect(ended).toHaveLength(1);
    expect(ended[0]!.details).toMatchObject({ token_id: s.tokenId, attempt: 1 });

    // Stored recordings stay, file included.
    const stored = await db.select().from(recordings).where(eq(recordings.sessionId, s.sessionId));
    expect(stored.map((r) => [r.questionIndex, r.status])).toEqual(
      expect.arrayContaining([
        [0, "ready"],
        [1, "uploading"],
      ]),
    );
    expect(filesUnder(path.join(dataDir, "recordings")).some((f) => f.includes(s.sessionId))).toBe(true);

    // Revoking again changes nothing and audits nothing.
    expect((await revoke(s)).status).toBe(200);
    expect(
      await db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.action, "SESSION_REVOKED"), eq(auditLogs.resourceId, s.sessionId))),
    ).toHaveLength(1);
    expect(
      await db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.action, "INVITE_REVOKED"), eq(auditLogs.resourceId, s.tokenId))),
    ).toHaveLength(1);
  });

  it("every later request of the candidate answers 409 session_revoked and stores nothing", async () => {
    const s = await running();
    expect((await put(s, 0)).status).toBe(201);
    expect((await finalize(s, 0)).status).toBe(200);
    expect((await put(s, 1)).status).toBe(201);
    await revoke(s);
    const answers = {
      chunk: await put(s, 2),
      finalize: await finalize(s, 1),
      retake: await retake(s, 0),
      livekit: await livekit(s),
      complete: await complete(s),
    };
    for (const [what, r] of Object.entries(answers)) {
      expect({ what, status: r.status, code: r.json.code }).toEqual({ what, status: 409, code: "session_revoked" });
    }
    expect(answers.complete.json.detail).toMatch(/withdrawn by the company.*saved/);
    const db = await getDb();
    const stored = await db.select().from(recordings).where(eq(recordings.sessionId, s.sessionId));
    expect(stored.map((r) => [r.questionIndex, r.status]).sort()).toEqual([
      [0, "ready"],
      [1, "uploading"],
    ]);
    expect((await sessionOf(s)).status).toBe("revoked");
    // The link itself says it was withdrawn.
    expect((await resume(s)).json.code).toBe("invite_revoked");
  });

  it("an invite revoked before this rule (its session still marked in progress) is just as closed", async () => {
    const s = await running();
    const db = await getDb();
    await db.update(candidateTokens).set({ revokedAt: new Date() }).where(eq(candidateTokens.id, s.tokenId));
    for (const r of [await put(s, 0), await livekit(s), await complete(s)])
      expect([r.status, r.json.code]).toEqual([409, "session_revoked"]);
  });

  it("a finalize racing the revoke never turns a recording ready after the session ended", async () => {
    const s = await running();
    expect((await put(s, 0)).status).toBe(201);
    // Hold the finalize after it passed the session check, while assembling the file; revoke meanwhile.
    const storage = fsRecordingStorage();
    let entered!: () => void;
    const inConcat = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = {
      ...storage,
      concat: async (...args: Parameters<typeof storage.concat>) => (entered(), await gate, storage.concat(...args)),
    };
    const racing = finalizeRecording({
      sessionId: s.sessionId,
      questionIndex: 0,
      resumeToken: s.resumeToken,
      body: finalizeBody,
      storage: held,
    }).then(
      () => ({ reason: "finalized" }),
      (error: { reason?: string }) => ({ reason: error.reason }),
    );
    await inConcat;
    await revokeInvite({ actor: hr(), interviewId: s.interviewId, tokenId: s.tokenId, meta });
    release();
    expect(await racing).toEqual({ reason: "session_revoked" });
    const db = await getDb();
    const [rec] = await db.select().from(recordings).where(eq(recordings.sessionId, s.sessionId));
    expect(rec!.status).toBe("uploading");
  });

  it("the review shows the session as revoked, with its end time", async () => {
    const s = await running();
    await revoke(s);
    const res = await call(reviewRoute, "/x", { token: access, ip, params: { sessionId: s.sessionId } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: "revoked", ended_at: expect.any(String) });
  });
});
