import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { rowsOf } from "@/db/rows";
import { recordings } from "@/db/schema";
import { FinalizeBody, finalizeRecording } from "@/lib/recordings/finalize";
import { FINALIZE_LEASE_S } from "@/lib/recordings/finalize-lease";
import { fsRecordingStorage } from "@/lib/recordings/fs-storage";
import { RECORDING_LIMITS } from "@/lib/recordings/limits";
import { chunkKey, MissingObjectError, type RecordingStorage } from "@/lib/recordings/storage";
import {
  completeByInvite,
  filesUnder,
  fixtureFile,
  MP4_HEAD,
  send,
  sha256,
  startedSession,
  useTempDataDir,
  WEBM_HEAD,
} from "@/test/kits/recordings";
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
const tmpFiles = () => filesUnder(path.join(dataDir.path, "recordings", "tmp"));

describe("POST /api/candidates/sessions/{id}/recordings/{answer}/finalize", () => {
  it("assembles, verifies and marks the recording ready; finalize twice answers the same; then completion counts it", async () => {
    const s = await startedSession(hr());
    await upload(s, 0, webm, 1024);
    const body = {
      chunk_count: 5,
      sha256: sha256(webm),
      size_bytes: webm.length,
      duration_ms: 4200,
      mime_type: "video/webm;codecs=vp8,opus",
    };
    const first = await finalize(s, 0, body);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      answer: 0,
      status: "ready",
      size_bytes: webm.length,
      sha256: sha256(webm),
      mime_type: body.mime_type,
      duration_ms: 4200,
    });
    const again = await finalize(s, 0, body);
    expect({ status: again.status, json: again.json }).toEqual({ status: first.status, json: first.json });

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
    const wrong = await finalize(s, 0, {
      chunk_count: 5,
      sha256: sha256(Buffer.from("else")),
      mime_type: "video/webm",
    });
    expect(wrong.status).toBe(422);
    expect(wrong.json.detail[0].loc).toEqual(["body", "sha256"]);
    const sizeOff = await finalize(s, 0, {
      chunk_count: 5,
      sha256: sha256(webm),
      size_bytes: 1,
      mime_type: "video/webm",
    });
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

  it("a chunk whose stored bytes were lost is a 409 missing_chunks naming it, and finalizes once the browser sends it again", async () => {
    const s = await startedSession(hr());
    const chunks = await upload(s, 0, webm, 1024);
    await fsRecordingStorage(path.join(dataDir.path, "recordings")).delete(
      chunkKey({ companyId: hr().companyId, sessionId: s.sessionId, questionIndex: 0 }, 2),
    );
    const body = { chunk_count: 5, sha256: sha256(webm), mime_type: "video/webm" };
    const lost = await finalize(s, 0, body);
    expect(lost.status).toBe(409);
    expect(lost.json).toMatchObject({ code: "missing_chunks" });
    expect(lost.json.detail).toMatch(/^Missing chunks: 2 \(1 of 5\)/);
    expect(tmpFiles()).toEqual([]);
    // What the room's uploader does on a missing_chunks answer: send every chunk it holds again (each idempotent).
    for (const [seq, chunk] of chunks.entries())
      expect((await put(s, 0, seq, chunk)).status).toBe(seq === 2 ? 201 : 200);
    const ready = await finalize(s, 0, body);
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ status: "ready", size_bytes: webm.length });
  });

  it("a chunk that went because a retake moved the answer on is take_replaced, and no chunk row of the new take is touched", async () => {
    const s = await startedSession(hr());
    await upload(s, 0, webm, 1024);
    const real = fsRecordingStorage(path.join(dataDir.path, "recordings"));
    const db = await getDb();
    // What a retake does while this finalize assembles: a newer take, whose chunk 2 already arrived.
    const retakeMeanwhile: RecordingStorage = {
      ...real,
      concat: async () => {
        await db.update(recordings).set({ take: 1 }).where(eq(recordings.sessionId, s.sessionId));
        throw new MissingObjectError(
          chunkKey({ companyId: hr().companyId, sessionId: s.sessionId, questionIndex: 0 }, 2),
        );
      },
    };
    const body = FinalizeBody.parse({ chunk_count: 5, sha256: sha256(webm), mime_type: "video/webm" });
    await expect(
      finalizeRecording({
        sessionId: s.sessionId,
        questionIndex: 0,
        resumeToken: s.resumeToken,
        body,
        storage: retakeMeanwhile,
      }),
    ).rejects.toMatchObject({
      status: 409,
      reason: "take_replaced",
    });
    const [row] = rowsOf<{ count: number }>(
      await db.execute(
        sql`SELECT count(*)::int AS count FROM recording_chunks c JOIN recordings r ON r.id = c.recording_id WHERE r.session_id = ${s.sessionId}`,
      ),
    );
    expect(row!.count).toBe(5);
  });

  it("an HTML file posing as WebM is 415 and stays unready; so is a type we do not store", async () => {
    const s = await startedSession(hr());
    const html = Buffer.from("<!doctype html><html><script>alert(1)</script></html>");
    await upload(s, 0, html, 20);
    const posing = await finalize(s, 0, { chunk_count: 3, sha256: sha256(html), mime_type: "video/webm" });
    expect(posing.status).toBe(415);
    expect((await finalize(s, 0, { chunk_count: 3, sha256: sha256(html), mime_type: "text/html" })).status).toBe(415);
    expect((await recordingOf(s.sessionId))!.status).toBe("uploading");
    expect(fs.existsSync(path.join(dataDir.path, "recordings", hr().companyId, s.sessionId, "0", "recording"))).toBe(
      false,
    );
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

describe("finalize: the answer's time limit, one finalize at a time, chunk files dropped", () => {
  // One question of 10 s: at most 10 * 1.05 + 10 = 20.5 s is accepted.
  const tenSeconds = () => startedSession(hr(), { questions: [{ text: "Quick one", time_limit_seconds: 10 }] });
  const answerFiles = (s: Session) =>
    filesUnder(path.join(dataDir.path, "recordings", hr().companyId, s.sessionId, "0"));
  const claim = (file: Buffer, chunks: number, extra: Record<string, unknown> = {}) => ({
    chunk_count: chunks,
    sha256: sha256(file),
    size_bytes: file.length,
    mime_type: "video/webm;codecs=vp8,opus",
    ...extra,
  });

  it("a real recording longer than the limit is 422 answer_too_long, whatever duration the client claims, and stays unready", async () => {
    const s = await tenSeconds();
    const long = fixtureFile("chromium-25s.webm"); // 24.9 s of timestamps
    const chunks = await upload(s, 0, long, 4096);
    const lying = await finalize(s, 0, claim(long, chunks.length, { duration_ms: 9000 }));
    expect(lying.status).toBe(422);
    expect(lying.json.code).toBe("answer_too_long");
    expect(lying.json.detail[0].msg).toMatch(/0:25 long; the question's time limit is 0:10/);
    const silent = await finalize(s, 0, claim(long, chunks.length)); // no claim at all
    expect(silent.json.code).toBe("answer_too_long");
    expect((await recordingOf(s.sessionId))!).toMatchObject({ status: "uploading", finalizingAt: null });
    expect(answerFiles(s).filter((f) => !f.startsWith("chunks/"))).toEqual([]); // no assembled file
    expect(tmpFiles()).toEqual([]);
    expect((await completeByInvite(s.invite, s.resumeToken)).status).toBe(400);
  });

  it("a declared duration over the limit is refused before a byte is assembled", async () => {
    const s = await tenSeconds();
    const file = fixtureFile("chromium-3s.webm");
    await upload(s, 0, file, 2000);
    const refused = await finalize(s, 0, claim(file, 3, { duration_ms: 20_501 }));
    expect(refused).toMatchObject({ status: 422, json: { code: "answer_too_long" } });
    expect((await finalize(s, 0, claim(file, 3, { duration_ms: 20_500 }))).status).toBe(200);
  });

  it("a recording within the limit is ready with the duration its timestamps measure (Chromium's and ffmpeg's WebM)", async () => {
    for (const name of ["chromium-3s.webm", "ffmpeg-remux-3s.webm"] as const) {
      const s = await tenSeconds();
      const file = fixtureFile(name);
      const chunks = await upload(s, 0, file, 1000);
      const done = await finalize(s, 0, claim(file, chunks.length, { duration_ms: 3300 }));
      expect(done).toMatchObject({ status: 200, json: { status: "ready", duration_ms: 2940 } });
    }
  });

  it("once ready the chunk files are gone (only the recording is read); a late retry of a chunk still answers 200", async () => {
    const s = await tenSeconds();
    const file = fixtureFile("chromium-3s.webm");
    const chunks = await upload(s, 0, file, 2000);
    expect((await finalize(s, 0, claim(file, chunks.length))).status).toBe(200);
    expect(answerFiles(s)).toEqual(["recording"]);
    const retry = await put(s, 0, 1, chunks[1]!);
    expect(retry).toMatchObject({ status: 200, json: { seq: 1, stored: false } });
    expect((await put(s, 0, 1, Buffer.from("other bytes"))).status).toBe(409);
    expect(answerFiles(s)).toEqual(["recording"]);
    expect(tmpFiles()).toEqual([]);
  });

  it("a second finalize while one is assembling is 409 finalize_in_progress with Retry-After, then answers the result", async () => {
    const s = await tenSeconds();
    const file = fixtureFile("chromium-3s.webm");
    await upload(s, 0, file, 2000);
    const body = claim(file, 3);
    const real = fsRecordingStorage();
    let entered!: () => void;
    let open!: () => void;
    const assembling = new Promise<void>((resolve) => (entered = resolve));
    const gate = new Promise<void>((resolve) => (open = resolve));
    const held: RecordingStorage = {
      ...real,
      concat: async (keys, options) => (entered(), await gate, real.concat(keys, options)),
    };
    const first = finalizeRecording({
      sessionId: s.sessionId,
      questionIndex: 0,
      resumeToken: s.resumeToken,
      body: FinalizeBody.parse(body),
      storage: held,
    });
    await assembling;
    const second = await finalize(s, 0, body);
    expect(second).toMatchObject({ status: 409, json: { code: "finalize_in_progress" } });
    expect(second.headers.get("retry-after")).toBe("2");
    open();
    expect(await first).toMatchObject({ status: "ready", sha256: sha256(file) });
    expect(await finalize(s, 0, body)).toMatchObject({ status: 200, json: { status: "ready" } });
    expect((await recordingOf(s.sessionId))!.finalizingAt).toBeNull();
  });

  it("a lease left by a crashed finalize blocks only until it expires", async () => {
    const s = await tenSeconds();
    const file = fixtureFile("chromium-3s.webm");
    await upload(s, 0, file, 2000);
    const db = await getDb();
    const stamp = (age: string) =>
      db
        .update(recordings)
        .set({ finalizingAt: sql`now() - ${age}::interval` })
        .where(eq(recordings.sessionId, s.sessionId));
    await stamp("5 seconds");
    expect((await finalize(s, 0, claim(file, 3))).json.code).toBe("finalize_in_progress");
    await stamp(`${FINALIZE_LEASE_S + 1} seconds`);
    expect((await finalize(s, 0, claim(file, 3))).status).toBe(200);
  });

  it("concurrent finalizes of one answer: one assembles, the others wait (409) or answer its result", async () => {
    const s = await tenSeconds();
    const file = fixtureFile("chromium-3s.webm");
    const chunks = await upload(s, 0, file, 1000);
    const body = claim(file, chunks.length);
    const racing = await Promise.all(Array.from({ length: 6 }, () => finalize(s, 0, body)));
    expect(racing.every((r) => r.status === 200 || (r.status === 409 && r.json.code === "finalize_in_progress"))).toBe(
      true,
    );
    expect(racing.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    const row = (await recordingOf(s.sessionId))!;
    expect(row).toMatchObject({ status: "ready", sha256: sha256(file), finalizingAt: null, durationMs: 2940 });
    expect(answerFiles(s)).toEqual(["recording"]);
    expect(fs.readFileSync(path.join(dataDir.path, "recordings", row.storageKey!)).equals(file)).toBe(true);
    expect(tmpFiles()).toEqual([]);
  });

  it("the byte cap follows the question's time limit at finalize too", async () => {
    const s = await tenSeconds();
    const file = fixtureFile("chromium-3s.webm");
    await upload(s, 0, file, 2000);
    // 20.5 s at 100 bytes/s allows 2050 bytes: the 5.5 KB file is over, though the chunks were accepted earlier.
    const strict = { ...RECORDING_LIMITS, maxBytesPerSecond: 100 };
    const refused = finalizeRecording({
      sessionId: s.sessionId,
      questionIndex: 0,
      resumeToken: s.resumeToken,
      body: FinalizeBody.parse(claim(file, 3)),
      storage: fsRecordingStorage(),
      limits: strict,
    });
    await expect(refused).rejects.toMatchObject({ status: 413, reason: "recording_too_large" });
    expect((await recordingOf(s.sessionId))!.status).toBe("uploading");
  });
});
