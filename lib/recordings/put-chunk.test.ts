import path from "node:path";
import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { interviewSessions, recordingChunks, recordings } from "@/db/schema";
import { setEnvForTests } from "@/lib/env";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { FinalizeBody, finalizeRecording } from "./finalize";
import { fsRecordingStorage } from "./fs-storage";
import { RECORDING_LIMITS } from "./limits";
import { putChunk } from "./put-chunk";
import { companyStorage, forgetStorageUsage } from "./quota";
import { WEBM_HEAD, filesUnder, sha256, startedSession, useTempDataDir } from "@/test/kits/recordings";

const fixture = useTestDb();
const dataDir = useTempDataDir();
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
const limits = { chunkMaxBytes: 10, recordingMaxBytes: 25, maxChunks: 4, maxBytesPerSecond: 1_000_000 }; // bytes, bytes, chunks, bytes/s

describe("putChunk limits", () => {
  it("refuses a chunk that would take the recording past its total with 413, writing nothing for it", async () => {
    const s = await startedSession(hr());
    const put = (seq: number, text: string) =>
      putChunk({
        sessionId: s.sessionId,
        questionIndex: 0,
        seq,
        resumeToken: s.resumeToken,
        declaredBytes: null,
        body: Readable.from([Buffer.from(text)]),
        storage: fsRecordingStorage(),
        limits,
      });
    await put(0, "0123456789");
    await put(1, "0123456789");
    await expect(put(2, "012345")).rejects.toMatchObject({ status: 413 });
    await expect(put(4, "0")).rejects.toMatchObject({ status: 413 }); // seq past maxChunks
    await put(2, "01234");

    const db = await getDb();
    expect((await db.select({ seq: recordingChunks.seq }).from(recordingChunks)).map((r) => r.seq).sort()).toEqual([
      0, 1, 2,
    ]);
    expect(filesUnder(path.join(dataDir.path, "recordings")).sort()).toEqual(
      [0, 1, 2].map((seq) => path.join(hr().companyId, s.sessionId, "0", "chunks", String(seq))),
    );
    expect(await db.select().from(recordingChunks).where(eq(recordingChunks.seq, 4))).toEqual([]);
  });

  it("a connection that drops mid-chunk is a 400 that stores nothing; the retry then stores the chunk", async () => {
    const s = await startedSession(hr());
    const dropped = new Readable({
      read() {
        this.push(Buffer.from("0123"));
        this.destroy(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      },
    });
    const base = {
      sessionId: s.sessionId,
      questionIndex: 0,
      seq: 0,
      resumeToken: s.resumeToken,
      declaredBytes: null,
      storage: fsRecordingStorage(),
      limits,
    };
    await expect(putChunk({ ...base, body: dropped })).rejects.toMatchObject({
      status: 400,
      message: "The request body was cut off before it ended",
    });
    expect(filesUnder(path.join(dataDir.path, "recordings", hr().companyId, s.sessionId))).toEqual([]);
    expect(filesUnder(path.join(dataDir.path, "recordings", "tmp"))).toEqual([]);
    expect(await putChunk({ ...base, body: Readable.from([Buffer.from("0123456")]) })).toMatchObject({
      stored: true,
      size_bytes: 7,
    });
  });
});

describe("putChunk: the answer's byte cap and the company's quota", () => {
  const put = (
    s: { sessionId: string; resumeToken: string },
    seq: number,
    bytes: number,
    extra: Partial<Parameters<typeof putChunk>[0]> = {},
  ) =>
    putChunk({
      sessionId: s.sessionId,
      questionIndex: 0,
      seq,
      resumeToken: s.resumeToken,
      declaredBytes: null,
      body: Readable.from([Buffer.alloc(bytes, seq)]),
      storage: fsRecordingStorage(),
      ...extra,
    });

  it("caps an answer at its question's time limit (plus margin) at the highest bitrate, not only at 200 MiB", async () => {
    // Question 0 is 60 s: 60 * 1.05 + 10 = 73 s, at 10 bytes/s 730 bytes.
    const slow = { ...RECORDING_LIMITS, maxBytesPerSecond: 10 };
    const s = await startedSession(hr());
    await put(s, 0, 300, { limits: slow });
    await put(s, 1, 300, { limits: slow });
    await expect(put(s, 2, 300, { limits: slow })).rejects.toMatchObject({
      status: 413,
      reason: "recording_too_large",
    });
    await expect(put(s, 2, 300, { limits: slow, declaredBytes: 731 })).rejects.toMatchObject({
      status: 413,
      reason: "recording_too_large",
    });
    expect(await put(s, 2, 130, { limits: slow })).toMatchObject({ stored: true });
    expect(filesUnder(path.join(dataDir.path, "recordings", hr().companyId, s.sessionId))).toHaveLength(3);
  });

  it("refuses with 507 storage_quota_exceeded past the company's quota, writing nothing; a retry of a stored chunk is still 200", async () => {
    const globex = actorFrom(fixture.people["admin@globex.com"]!, "ADMIN");
    const s = await startedSession(globex, { questions: [{ text: "Long one", time_limit_seconds: 1800 }] });
    const other = await startedSession(hr());
    forgetStorageUsage();
    // The quota is one figure for every company: globex starts empty; HR's company already holds what this file stored.
    const hrUsed = (await companyStorage(await getDb(), hr().companyId)).usedBytes;
    const quota = hrUsed + 1000;
    setEnvForTests({ DATA_DIR: dataDir.path, STORAGE_QUOTA_BYTES_PER_COMPANY: quota });
    try {
      await put(s, 0, quota - 400);
      const full = put(s, 1, 600);
      await expect(full).rejects.toMatchObject({ status: 507, reason: "storage_quota_exceeded" });
      expect(await put(s, 0, quota - 400)).toMatchObject({ stored: false }); // the same bytes again: stores nothing
      // Declared or not, a full quota refuses before the body is read.
      await expect(put(s, 1, 600, { declaredBytes: 600 })).rejects.toMatchObject({ status: 507 });
      await expect(put(s, 1, 400)).resolves.toMatchObject({ stored: true }); // exactly up to the quota
      await expect(put(s, 2, 1, { declaredBytes: 1 })).rejects.toMatchObject({ status: 507 });
      // Another company's uploads count against its own usage.
      expect(await put(other, 0, 600)).toMatchObject({ stored: true });

      const db = await getDb();
      const rows = await db
        .select({ seq: recordingChunks.seq })
        .from(recordingChunks)
        .where(eq(recordingChunks.companyId, globex.companyId));
      expect(rows.map((r) => r.seq).sort()).toEqual([0, 1]);
      expect(filesUnder(path.join(dataDir.path, "recordings", globex.companyId, s.sessionId)).sort()).toEqual([
        "0/chunks/0",
        "0/chunks/1",
      ]);
      expect(filesUnder(path.join(dataDir.path, "recordings", "tmp"))).toEqual([]);
    } finally {
      setEnvForTests({ DATA_DIR: dataDir.path });
      forgetStorageUsage();
    }
  });

  it("counts a finalized answer once (its chunks no longer), and unfinished answers by their chunks", async () => {
    const s = await startedSession(hr());
    forgetStorageUsage();
    const db = await getDb();
    const before = (await companyStorage(db, hr().companyId)).usedBytes;
    const file = Buffer.concat([WEBM_HEAD, Buffer.alloc(991, 1)]); // 1000 bytes
    await putChunk({
      sessionId: s.sessionId,
      questionIndex: 1,
      seq: 0,
      resumeToken: s.resumeToken,
      declaredBytes: null,
      body: Readable.from([file]),
      storage: fsRecordingStorage(),
    });
    await put(s, 0, 250);
    forgetStorageUsage();
    expect((await companyStorage(db, hr().companyId)).usedBytes - before).toBe(1250);
    await finalizeRecording({
      sessionId: s.sessionId,
      questionIndex: 1,
      resumeToken: s.resumeToken,
      body: FinalizeBody.parse({ chunk_count: 1, sha256: sha256(file), mime_type: "video/webm" }),
      storage: fsRecordingStorage(),
    });
    forgetStorageUsage();
    expect((await companyStorage(db, hr().companyId)).usedBytes - before).toBe(1250);
  });
});

describe("putChunk: a session that ends while the chunk streams", () => {
  /** A body that sends its first bytes, then waits until `release` is called before it ends. */
  function heldBody(bytes: Buffer) {
    let release!: () => void;
    let started!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const reading = new Promise<void>((resolve) => (started = resolve));
    const body = Readable.from(
      (async function* () {
        started();
        yield bytes;
        await gate;
      })(),
    );
    return { body, reading, release };
  }

  it.each([
    ["completed", 409, "session_closed"],
    ["revoked", 409, "session_revoked"],
  ] as const)(
    "refuses the chunk when the session was %s mid-upload: no row, no file, nothing staged left behind",
    async (status, httpStatus, reason) => {
      const s = await startedSession(hr());
      const held = heldBody(Buffer.from("0123456"));
      const upload = putChunk({
        sessionId: s.sessionId,
        questionIndex: 0,
        seq: 0,
        resumeToken: s.resumeToken,
        declaredBytes: null,
        body: held.body,
        storage: fsRecordingStorage(),
        limits,
      });
      await held.reading; // the session was checked and the body is streaming
      const db = await getDb();
      await db
        .update(interviewSessions)
        .set({ status, endedAt: new Date() })
        .where(eq(interviewSessions.id, s.sessionId));
      held.release();
      await expect(upload).rejects.toMatchObject({ status: httpStatus, reason });

      expect(await db.select().from(recordings).where(eq(recordings.sessionId, s.sessionId))).toEqual([]);
      expect(filesUnder(path.join(dataDir.path, "recordings", hr().companyId, s.sessionId))).toEqual([]);
      expect(filesUnder(path.join(dataDir.path, "recordings", "tmp"))).toEqual([]);
    },
  );

  it("an upload to a session still in progress records the activity and the answer being recorded", async () => {
    const s = await startedSession(hr());
    const db = await getDb();
    const old = new Date(Date.now() - 60_000);
    await db.update(interviewSessions).set({ lastActivityAt: old }).where(eq(interviewSessions.id, s.sessionId));
    const stored = await putChunk({
      sessionId: s.sessionId,
      questionIndex: 1,
      seq: 0,
      resumeToken: s.resumeToken,
      declaredBytes: null,
      body: Readable.from([Buffer.from("01234")]),
      storage: fsRecordingStorage(),
      limits,
    });
    expect(stored).toMatchObject({ stored: true, size_bytes: 5 });
    const [row] = await db.select().from(interviewSessions).where(eq(interviewSessions.id, s.sessionId));
    expect(row!.currentAnswer).toBe(1);
    expect(row!.lastActivityAt.getTime()).toBeGreaterThan(old.getTime());
  });
});
