import path from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, recordings } from "@/db/schema";
import { filesUnder, send, sha256, startedSession, useTempDataDir, WEBM_HEAD } from "@/test/kits/recordings";
import { makeInterview, makeInvite, actorFrom } from "@/test/interview-fixtures";
import { startSession } from "@/lib/candidate-sessions/start";
import { useTestDb } from "@/test/use-test-db";
import { PUT } from "../chunks/[seq]/route";
import { POST as finalizeRoute } from "../finalize/route";
import { POST } from "./route";

const fixture = useTestDb();
const dataDir = useTempDataDir();
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");

type Session = { sessionId: string; resumeToken: string };
const headers = (s: Session) => ({ authorization: `Bearer ${s.resumeToken}`, "content-type": "application/json" });
const base = (s: Session, answer: number) => `/api/candidates/sessions/${s.sessionId}/recordings/${answer}`;

const put = (s: Session, answer: number, seq: number, bytes: Buffer, take = 0) =>
  send(PUT, {
    method: "PUT",
    path: `${base(s, answer)}/chunks/${seq}?take=${take}`,
    params: { id: s.sessionId, answer: String(answer), seq: String(seq) },
    body: new Uint8Array(bytes),
    headers: headers(s),
  });
const retake = (s: Session, answer: number, take: number) =>
  send(POST, {
    method: "POST",
    path: `${base(s, answer)}/retake`,
    params: { id: s.sessionId, answer: String(answer) },
    body: JSON.stringify({ take }),
    headers: headers(s),
  });
const finalize = (s: Session, answer: number, file: Buffer, take: number) =>
  send(finalizeRoute, {
    method: "POST",
    path: `${base(s, answer)}/finalize`,
    params: { id: s.sessionId, answer: String(answer) },
    body: JSON.stringify({ chunk_count: 1, sha256: sha256(file), mime_type: "video/webm", take }),
    headers: headers(s),
  });

async function sessionWithRetakes(retakes: number) {
  const interview = await makeInterview(hr(), { retakes_allowed: retakes });
  const { value: invite } = await makeInvite(hr(), interview.id);
  const started = await startSession({ invite, meta: { ip: "127.0.0.1", userAgent: "vitest" } });
  return { sessionId: started.sessionId, resumeToken: started.resumeToken };
}

const answerFiles = (s: Session, answer: number) =>
  filesUnder(path.join(dataDir.path, "recordings", hr().companyId, s.sessionId, String(answer)));
const webm = (text: string) => Buffer.concat([WEBM_HEAD, Buffer.from(text)]);

describe("POST /api/candidates/sessions/{id}/recordings/{answer}/retake", () => {
  it("restarting a cut-off take is free: the next take starts clean, the old chunks and files are gone, late chunks of it are refused", async () => {
    const s = await startedSession(hr());
    expect((await put(s, 0, 0, webm("cut off"))).status).toBe(201);
    expect(answerFiles(s, 0)).toEqual(["chunks/0"]);
    const first = await retake(s, 0, 0);
    expect(first).toMatchObject({
      status: 200,
      json: { answer: 0, take: 1, retakes_used: 0, retakes_left: 0, free_retakes_left: 2 },
    });
    expect(answerFiles(s, 0)).toEqual([]);
    // Repeating the same request (a retry after a lost response) answers the same and changes nothing.
    expect(await retake(s, 0, 0)).toMatchObject({ status: 200, json: { take: 1 } });
    const late = await put(s, 0, 1, Buffer.from("late"), 0);
    expect(late.status).toBe(409);
    expect(late.json).toMatchObject({ code: "take_replaced", detail: expect.stringMatching(/replaced by take 1/) });
    const file = webm("second take");
    expect((await put(s, 0, 0, file, 1)).status).toBe(201);
    expect(answerFiles(s, 0)).toEqual(["chunks/t1/0"]);
    expect(await finalize(s, 0, file, 1)).toMatchObject({ status: 200, json: { status: "ready", take: 1 } });
    expect(answerFiles(s, 0)).toEqual(["recording-t1"]); // a finalized take keeps only its assembled recording
  });

  it("re-recording a finalized answer spends a retake; with none left it is 403 and the answer stays ready", async () => {
    const s = await sessionWithRetakes(1);
    const v1 = webm("first");
    await put(s, 1, 0, v1);
    expect((await finalize(s, 1, v1, 0)).status).toBe(200);
    expect(await retake(s, 1, 0)).toMatchObject({ status: 200, json: { take: 1, retakes_used: 1, retakes_left: 0 } });
    expect(answerFiles(s, 1)).toEqual([]); // the replaced recording and its chunks
    const v2 = webm("second");
    await put(s, 1, 0, v2, 1);
    expect((await finalize(s, 1, v2, 1)).status).toBe(200);
    const refused = await retake(s, 1, 1);
    expect(refused).toMatchObject({ status: 403, json: { code: "retakes_exhausted" } });
    expect(refused.json.detail).toMatch(/re-records of this answer are used/);
    const db = await getDb();
    const [row] = await db
      .select()
      .from(recordings)
      .where(and(eq(recordings.sessionId, s.sessionId), eq(recordings.questionIndex, 1)));
    expect(row).toMatchObject({ status: "ready", take: 1, retakesUsed: 1, sha256: sha256(v2) });
    const audits = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, s.sessionId), eq(auditLogs.action, "RECORDING_RETAKEN")));
    expect(audits.map((a) => a.details)).toEqual([{ answer: 1, replaced_take: 0, was_ready: true }]);
  });

  it("restarts of cut-off takes are free but capped at 3 per answer (403 free_retakes_exhausted); re-records are counted apart", async () => {
    const s = await sessionWithRetakes(1);
    for (let take = 0; take < 3; take++) {
      expect((await put(s, 0, 0, webm(`cut off ${take}`), take)).status).toBe(201);
      expect(await retake(s, 0, take)).toMatchObject({
        status: 200,
        json: { take: take + 1, retakes_used: 0, free_retakes_left: 2 - take },
      });
    }
    const piece = webm("cut off again");
    expect((await put(s, 0, 0, piece, 3)).status).toBe(201);
    const refused = await retake(s, 0, 3);
    expect(refused).toMatchObject({ status: 403, json: { code: "free_retakes_exhausted" } });
    expect(refused.json.detail).toMatch(/restarted 3 times/);
    // Nothing changed: take 3 and its chunk are still there, and can still be finalized.
    expect(answerFiles(s, 0)).toEqual(["chunks/t3/0"]);
    expect((await finalize(s, 0, piece, 3)).status).toBe(200);
    // Re-recording a finalized take spends the interview's retakes, not the free restarts.
    expect(await retake(s, 0, 3)).toMatchObject({
      status: 200,
      json: { take: 4, retakes_used: 1, retakes_left: 0, free_retakes_left: 0 },
    });
    const db = await getDb();
    const [row] = await db
      .select()
      .from(recordings)
      .where(and(eq(recordings.sessionId, s.sessionId), eq(recordings.questionIndex, 0)));
    expect(row).toMatchObject({ take: 4, retakesUsed: 1, freeRetakesUsed: 3 });
  });

  it("an interview without re-records refuses one for a finalized answer (403)", async () => {
    const s = await sessionWithRetakes(0);
    const v1 = webm("only");
    await put(s, 0, 0, v1);
    await finalize(s, 0, v1, 0);
    expect((await retake(s, 0, 0)).json.detail).toBe("This interview does not allow re-recording an answer");
  });

  it("a stale take is 409, a bad body 422, no token 401, another session's token 404, an answer past the last question 413", async () => {
    const s = await startedSession(hr());
    await retake(s, 2, 0);
    expect((await retake(s, 2, 5)).status).toBe(409);
    const bad = await send(POST, {
      method: "POST",
      path: `${base(s, 0)}/retake`,
      params: { id: s.sessionId, answer: "0" },
      body: JSON.stringify({ take: -1 }),
      headers: headers(s),
    });
    expect(bad.status).toBe(422);
    const anonymous = await send(POST, {
      method: "POST",
      path: `${base(s, 0)}/retake`,
      params: { id: s.sessionId, answer: "0" },
      body: JSON.stringify({ take: 0 }),
    });
    expect(anonymous.status).toBe(401);
    const other = await startedSession(hr());
    expect((await retake({ sessionId: s.sessionId, resumeToken: other.resumeToken }, 0, 0)).status).toBe(404);
    expect((await retake(s, 3, 0)).status).toBe(413);
  });
});
