import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { recordings } from "@/db/schema";
import { completeByInvite, MP4_HEAD, send, sha256, startedSession, useTempDataDir, WEBM_HEAD } from "@/lib/recordings/test-kit";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { PUT } from "../chunks/[seq]/route";
import { POST } from "./route";

const fixture = useTestDb();
const dataDir = useTempDataDir();
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");

type Session = { sessionId: string; resumeToken: string };
const auth = (s: Session) => ({ authorization: `Bearer ${s.resumeToken}` });

function put(s: Session, answer: number, seq: number, bytes: Buffer) {
  return send(PUT, {
    method: "PUT",
    path: `/api/candidates/sessions/${s.sessionId}/recordings/${answer}/chunks/${seq}`,
    params: { id: s.sessionId, answer: String(answer), seq: String(seq) },
    body: new Uint8Array(bytes),
    headers: auth(s),
  });
}

function finalize(s: Session, answer: number, body: Record<string, unknown>) {
  return send(POST, {
    method: "POST",
    path: `/api/candidates/sessions/${s.sessionId}/recordings/${answer}/finalize`,
    params: { id: s.sessionId, answer: String(answer) },
    body: JSON.stringify(body),
    headers: { ...auth(s), "content-type": "application/json" },
  });
}

/** Uploads `file` as chunks of `size` bytes; answers the chunks. */
async function upload(s: Session, answer: number, file: Buffer, size: number) {
  const chunks: Buffer[] = [];
  for (let at = 0; at < file.length; at += size) chunks.push(file.subarray(at, at + size));
  for (const [seq, chunk] of chunks.entries()) expect((await put(s, answer, seq, chunk)).status).toBe(201);
  return chunks;
}

async function recordingOf(sessionId: string) {
  const db = await getDb();
  return (await db.select().from(recordings).where(eq(recordings.sessionId, sessionId)))[0];
}

const webm = Buffer.concat([WEBM_HEAD, Buffer.alloc(5000, 7)]);

describe("POST /api/candidates/sessions/{id}/recordings/{answer}/finalize", () => {
  it("assembles, verifies and marks the recording ready; finalize twice answers the same; then completion counts it", async () => {
    const s = await startedSession(hr());
    await upload(s, 0, webm, 1024);
    const body = { chunk_count: 5, sha256: sha256(webm), size_bytes: webm.length, duration_ms: 4200, mime_type: "video/webm;codecs=vp8,opus" };
    const first = await finalize(s, 0, body);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ answer: 0, status: "ready", size_bytes: webm.length, sha256: sha256(webm), mime_type: body.mime_type, duration_ms: 4200 });
    const again = await finalize(s, 0, body);
    expect(again).toEqual(first);

    const row = await recordingOf(s.sessionId);
    expect(row).toMatchObject({ status: "ready", storageKey: `${hr().companyId}/${s.sessionId}/0/recording` });
    expect(fs.readFileSync(path.join(dataDir.path, "recordings", row!.storageKey!)).equals(webm)).toBe(true);
    expect((await put(s, 0, 5, Buffer.from("late"))).status).toBe(409);

    const done = await completeByInvite(s.invite, s.resumeToken);
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ status: "completed", recording_count: 1 });
  });

  it("accepts MP4", async () => {
    const s = await startedSession(hr());
    const mp4 = Buffer.concat([MP4_HEAD, Buffer.alloc(300, 1)]);
    await upload(s, 2, mp4, 100);
    expect((await finalize(s, 2, { chunk_count: 4, sha256: sha256(mp4), mime_type: "video/mp4" })).status).toBe(200);
  });

  it("a wrong checksum (422) or a missing chunk (409) leaves the recording unready and completion still 400", async () => {
    const s = await startedSession(hr());
    await upload(s, 0, webm, 1024);
    const wrong = await finalize(s, 0, { chunk_count: 5, sha256: sha256(Buffer.from("else")), mime_type: "video/webm" });
    expect(wrong.status).toBe(422);
    expect(wrong.json.detail[0].loc).toEqual(["body", "sha256"]);
    const sizeOff = await finalize(s, 0, { chunk_count: 5, sha256: sha256(webm), size_bytes: 1, mime_type: "video/webm" });
    expect(sizeOff.status).toBe(422);

    const missing = await finalize(s, 0, { chunk_count: 7, sha256: sha256(webm), mime_type: "video/webm" });
    expect(missing.status).toBe(409);
    expect(missing.json.detail).toMatch(/Missing chunks: 5, 6/);
    const never = await finalize(s, 1, { chunk_count: 2, sha256: sha256(webm), mime_type: "video/webm" });
    expect(never.status).toBe(409);
    expect(never.json.detail).toMatch(/Missing chunks: 0, 1/);

    expect((await recordingOf(s.sessionId))!.status).toBe("uploading");
    expect((await completeByInvite(s.invite, s.resumeToken)).status).toBe(400);
  });

  it("an HTML file posing as WebM is 415 and stays unready; so is a type we do not store", async () => {
    const s = await startedSession(hr());
    const html = Buffer.from("<!doctype html><html><script>alert(1)</script></html>");
    await upload(s, 0, html, 20);
    const posing = await finalize(s, 0, { chunk_count: 3, sha256: sha256(html), mime_type: "video/webm" });
    expect(posing.status).toBe(415);
    expect((await finalize(s, 0, { chunk_count: 3, sha256: sha256(html), mime_type: "text/html" })).status).toBe(415);
    expect((await recordingOf(s.sessionId))!.status).toBe("uploading");
    expect(fs.existsSync(path.join(dataDir.path, "recordings", hr().companyId, s.sessionId, "0", "recording"))).toBe(false);
    expect((await completeByInvite(s.invite, s.resumeToken)).status).toBe(400);
  });

  it("another session's token is 404 and a missing one 401", async () => {
    const mine = await startedSession(hr());
    const other = await startedSession(hr());
    await upload(mine, 0, webm, 2048);
    const body = { chunk_count: 3, sha256: sha256(webm), mime_type: "video/webm" };
    expect((await finalize({ sessionId: mine.sessionId, resumeToken: other.resumeToken }, 0, body)).status).toBe(404);
    const anonymous = await send(POST, {
      method: "POST",
      path: `/api/candidates/sessions/${mine.sessionId}/recordings/0/finalize`,
      params: { id: mine.sessionId, answer: "0" },
      body: JSON.stringify(body),
    });
    expect(anonymous.status).toBe(401);
    expect((await recordingOf(mine.sessionId))!.status).toBe("uploading");
  });
});
