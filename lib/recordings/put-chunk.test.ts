import path from "node:path";
import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { recordingChunks } from "@/db/schema";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { fsRecordingStorage } from "./fs-storage";
import { putChunk } from "./put-chunk";
import { filesUnder, startedSession, useTempDataDir } from "./test-kit";

const fixture = useTestDb();
const dataDir = useTempDataDir();
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
const limits = { chunkMaxBytes: 10, recordingMaxBytes: 25, maxChunks: 4 }; // bytes, bytes, chunks

describe("putChunk limits", () => {
  it("refuses a chunk that would take the recording past its total with 413, writing nothing for it", async () => {
    const s = await startedSession(hr());
    const put = (seq: number, text: string) =>
      putChunk({ sessionId: s.sessionId, answer: 0, seq, resumeToken: s.resumeToken, declaredBytes: null, body: Readable.from([Buffer.from(text)]), storage: fsRecordingStorage(), limits });
    await put(0, "0123456789");
    await put(1, "0123456789");
    await expect(put(2, "012345")).rejects.toMatchObject({ status: 413 });
    await expect(put(4, "0")).rejects.toMatchObject({ status: 413 }); // seq past maxChunks
    await put(2, "01234");

    const db = await getDb();
    expect((await db.select({ seq: recordingChunks.seq }).from(recordingChunks)).map((r) => r.seq).sort()).toEqual([0, 1, 2]);
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
    const base = { sessionId: s.sessionId, answer: 0, seq: 0, resumeToken: s.resumeToken, declaredBytes: null, storage: fsRecordingStorage(), limits };
    await expect(putChunk({ ...base, body: dropped })).rejects.toMatchObject({ status: 400, message: "The request body was cut off before it ended" });
    expect(filesUnder(path.join(dataDir.path, "recordings", hr().companyId, s.sessionId))).toEqual([]);
    expect(filesUnder(path.join(dataDir.path, "recordings", "tmp"))).toEqual([]);
    expect(await putChunk({ ...base, body: Readable.from([Buffer.from("0123456")]) })).toMatchObject({ stored: true, size_bytes: 7 });
  });
});
