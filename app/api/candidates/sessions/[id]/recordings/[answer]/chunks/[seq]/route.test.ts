import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { interviewSessions, recordingChunks, recordings } from "@/db/schema";
import { setEnvForTests } from "@/lib/env";
import { forgetStorageUsage } from "@/lib/recordings/quota";
import { filesUnder, send, startedSession, useTempDataDir } from "@/test/kits/recordings";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { PUT } from "./route";

const fixture = useTestDb();
const dataDir = useTempDataDir();
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
const globex = () => actorFrom(fixture.people["admin@globex.com"]!, "ADMIN");

const MIB = 1024 * 1024; // bytes

function put(
  s: { sessionId: string; resumeToken?: string },
  answer: number,
  seq: number,
  body: BodyInit,
  headers: Record<string, string> = {},
) {
  const auth: Record<string, string> = s.resumeToken ? { authorization: `Bearer ${s.resumeToken}` } : {};
  return send(PUT, {
    method: "PUT",
    path: `/api/candidates/sessions/${s.sessionId}/recordings/${answer}/chunks/${seq}`,
    params: { id: s.sessionId, answer: String(answer), seq: String(seq) },
    body,
    headers: { "content-type": "application/octet-stream", ...auth, ...headers },
  });
}

async function chunkRows(sessionId: string) {
  const db = await getDb();
  return db
    .select({ seq: recordingChunks.seq, sha256: recordingChunks.sha256, sizeBytes: recordingChunks.sizeBytes })
    .from(recordingChunks)
    .innerJoin(recordings, eq(recordings.id, recordingChunks.recordingId))
    .where(eq(recordings.sessionId, sessionId));
}

const sessionFiles = (companyId: string, sessionId: string) =>
  filesUnder(path.join(dataDir.path, "recordings", companyId, sessionId));
const tmpFiles = () => filesUnder(path.join(dataDir.path, "recordings", "tmp"));

describe("PUT /api/candidates/sessions/{id}/recordings/{answer}/chunks/{seq}", () => {
  it("stores a chunk under a server-chosen key; the same bytes again are 200, other bytes for that seq 409", async () => {
    const s = await startedSession(hr());
    const before = (
      await (await getDb()).select().from(interviewSessions).where(eq(interviewSessions.id, s.sessionId))
    )[0]!;
    const first = await put(s, 1, 0, Buffer.from("first bytes"));
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ seq: 0, size_bytes: 11, stored: true });
    const file = path.join(dataDir.path, "recordings", hr().companyId, s.sessionId, "1", "chunks", "0");
    expect(fs.readFileSync(file, "utf8")).toBe("first bytes");

    const again = await put(s, 1, 0, Buffer.from("first bytes"), {
      authorization: "",
      "x-resume-token": s.resumeToken,
    });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ seq: 0, stored: false });

    const other = await put(s, 1, 0, Buffer.from("other bytes"));
    expect(other.status).toBe(409);
    expect(fs.readFileSync(file, "utf8")).toBe("first bytes");
    expect(await chunkRows(s.sessionId)).toHaveLength(1);
    expect(tmpFiles()).toEqual([]);

    const after = (
      await (await getDb()).select().from(interviewSessions).where(eq(interviewSessions.id, s.sessionId))
    )[0]!;
    expect(after.lastActivityAt.getTime()).toBeGreaterThanOrEqual(before.lastActivityAt.getTime());
  });

  it("concurrent PUTs of one seq: exactly one stores it; same bytes answer 200, different bytes 409", async () => {
    const s = await startedSession(hr());
    const same = await Promise.all(Array.from({ length: 6 }, () => put(s, 0, 3, Buffer.from("same chunk"))));
    expect(same.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);

    const racing = await Promise.all(
      ["alpha", "bravo", "charlie", "delta"].map((text) => put(s, 0, 4, Buffer.from(text))),
    );
    expect(racing.filter((r) => r.status === 201)).toHaveLength(1);
    expect(racing.filter((r) => r.status === 409)).toHaveLength(3);
    const rows = await chunkRows(s.sessionId);
    expect(rows.map((r) => r.seq).sort()).toEqual([3, 4]);
    const winner = racing.find((r) => r.status === 201)!.json;
    const stored = fs.readFileSync(
      path.join(dataDir.path, "recordings", hr().companyId, s.sessionId, "0", "chunks", "4"),
    );
    expect(rows.find((r) => r.seq === 4)!.sha256).toBe(winner.sha256);
    expect(stored.length).toBe(winner.size_bytes);
    expect(tmpFiles()).toEqual([]);
  });

  it("refuses a chunk over the limit with 413 and writes nothing, whether or not the client declared its length", async () => {
    const s = await startedSession(hr());
    const declared = await put(s, 0, 0, Buffer.from("small"), { "content-length": String(9 * MIB) });
    expect(declared.status).toBe(413);

    // A client that declares nothing and streams past the limit is cut off at the cap.
    const big = new Uint8Array(8 * MIB + 1);
    const lying = await put(s, 0, 0, new ReadableStream({ start: (c) => (c.enqueue(big), c.close()) }));
    expect(lying.status).toBe(413);

    const tooManySeq = await put(s, 0, 100_000, Buffer.from("x"));
    expect(tooManySeq.status).toBe(413);

    expect(await chunkRows(s.sessionId)).toEqual([]);
    const db = await getDb();
    expect(await db.select().from(recordings).where(eq(recordings.sessionId, s.sessionId))).toEqual([]);
    expect(sessionFiles(hr().companyId, s.sessionId)).toEqual([]);
    expect(tmpFiles()).toEqual([]);
  });

  it("missing token is 401; another session's token or another company's session is 404; an answer past the last question is 413", async () => {
    const mine = await startedSession(hr());
    const theirs = await startedSession(globex());
    expect((await put({ sessionId: mine.sessionId }, 0, 0, Buffer.from("x"))).status).toBe(401);
    expect(
      (await put({ sessionId: mine.sessionId, resumeToken: "not-the-token" }, 0, 0, Buffer.from("x"))).status,
    ).toBe(404);
    expect(
      (await put({ sessionId: theirs.sessionId, resumeToken: mine.resumeToken }, 0, 0, Buffer.from("x"))).status,
    ).toBe(404);
    expect(
      (
        await put(
          { sessionId: "00000000-0000-4000-8000-000000000000", resumeToken: mine.resumeToken },
          0,
          0,
          Buffer.from("x"),
        )
      ).status,
    ).toBe(404);
    expect((await put(mine, 3, 0, Buffer.from("x"))).status).toBe(413); // the interview has 3 questions: 0..2, the session's count
    expect((await put(mine, 0, -1 as number, Buffer.from("x"))).status).toBe(404);
    expect(await chunkRows(mine.sessionId)).toEqual([]);
    expect(await chunkRows(theirs.sessionId)).toEqual([]);
  });

  it("a completed session takes no more chunks (409)", async () => {
    const s = await startedSession(hr());
    const db = await getDb();
    await db
      .update(interviewSessions)
      .set({ status: "completed", endedAt: new Date() })
      .where(eq(interviewSessions.id, s.sessionId));
    const late = await put(s, 0, 0, Buffer.from("late"));
    expect(late.status).toBe(409);
    expect(late.json).toMatchObject({ code: "session_closed" });
    await db.update(interviewSessions).set({ status: "abandoned" }).where(eq(interviewSessions.id, s.sessionId));
    expect((await put(s, 0, 0, Buffer.from("late"))).status).toBe(404);
  });

  it("an answer holds at most its question's time limit plus margin at 4 Mbit/s: 10.25 MB for a 10 s question (413 recording_too_large)", async () => {
    const s = await startedSession(hr(), { questions: [{ text: "Quick one", time_limit_seconds: 10 }] });
    expect((await put(s, 0, 0, new Uint8Array(6 * MIB))).status).toBe(201);
    const over = await put(s, 0, 1, new Uint8Array(6 * MIB));
    expect(over).toMatchObject({ status: 413, json: { code: "recording_too_large" } });
    expect((await put(s, 0, 1, new Uint8Array(10_250_000 - 6 * MIB))).status).toBe(201); // exactly the cap
    expect(await chunkRows(s.sessionId)).toHaveLength(2);
    expect(tmpFiles()).toEqual([]);
  });

  it("a company over its storage quota is answered 507 storage_quota_exceeded before the body is read", async () => {
    const s = await startedSession(globex());
    forgetStorageUsage();
    setEnvForTests({ DATA_DIR: dataDir.path, STORAGE_QUOTA_BYTES_PER_COMPANY: 100 });
    try {
      let pulled = false;
      const body = new ReadableStream(
        { pull: (c) => ((pulled = true), c.enqueue(new Uint8Array(101)), c.close()) },
        { highWaterMark: 0 },
      );
      const refused = await put(s, 0, 0, body, { "content-length": "101" });
      expect(refused).toMatchObject({ status: 507, json: { code: "storage_quota_exceeded" } });
      expect(refused.json.detail).toMatch(/recording storage is full/);
      expect(pulled).toBe(false);
      expect(await chunkRows(s.sessionId)).toEqual([]);
      expect(sessionFiles(globex().companyId, s.sessionId)).toEqual([]);
    } finally {
      setEnvForTests({ DATA_DIR: dataDir.path });
      forgetStorageUsage();
    }
  });
});
