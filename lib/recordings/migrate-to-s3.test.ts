import fs from "node:fs";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { expect, it } from "vitest";
import { recordAnswer, webmOf } from "@/test/kits/review";
import { actorFrom } from "@/test/interview-fixtures";
import { describeWithS3, useS3Server } from "@/test/s3-server";
import { useTestDb } from "@/test/use-test-db";
import { migrateRecordingsToS3 } from "./migrate-to-s3";
import { s3RecordingStorage } from "./s3-storage";
import { chunkKey, recordingKey } from "./storage";
import { startedSession, useTempDataDir } from "@/test/kits/recordings";

const fixture = useTestDb();
const dataDir = useTempDataDir();
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");

describeWithS3("npm run storage:migrate (disk to S3)", () => {
  const s3 = useS3Server();
  const root = () => path.join(dataDir.path, "recordings");
  const migrate = (dryRun = false) =>
    migrateRecordingsToS3({ root: root(), client: s3.client(), bucket: s3.server.bucket, dryRun });
  const bucketKeys = async () =>
    ((await s3.client().send(new ListObjectsV2Command({ Bucket: s3.server.bucket }))).Contents ?? [])
      .map((o) => o.Key!)
      .sort();

  it("copies ready recordings and in-progress chunks with their checksums verified, and a second run copies nothing", async () => {
    const s = await startedSession(hr());
    const ready = webmOf(3000, 1);
    await recordAnswer(s, 0, ready);
    await recordAnswer(s, 1, webmOf(500, 2), { finalize: false });
    const ref = (questionIndex: number) => ({ companyId: hr().companyId, sessionId: s.sessionId, questionIndex });
    const expected = [recordingKey(ref(0)), chunkKey(ref(1), 0)].sort();

    expect(await migrate(true)).toMatchObject({ objects: 2, wouldCopy: 2, copied: 0, failures: [] });
    expect(await bucketKeys()).toEqual([]);

    expect(await migrate()).toMatchObject({ objects: 2, copied: 2, present: 0, bytesCopied: 3500, failures: [] });
    expect(await bucketKeys()).toEqual(expected);
    const storage = s3RecordingStorage(s3.settings());
    expect((await buffer(storage.read(recordingKey(ref(0))))).equals(ready)).toBe(true);
    // The finalized answer's chunk files were deleted when it was assembled; nothing else on the disk is copied.
    expect(await storage.exists(chunkKey(ref(0), 0))).toBe(false);

    expect(await migrate()).toMatchObject({ objects: 2, copied: 0, present: 2, failures: [] });
  });

  it("replaces a bucket object whose bytes differ, and reports (without copying) a disk file that does not match the database", async () => {
    const s = await startedSession(hr());
    const ready = webmOf(2000, 3);
    await recordAnswer(s, 0, ready);
    await recordAnswer(s, 1, webmOf(700, 4), { finalize: false });
    const ref = (questionIndex: number) => ({ companyId: hr().companyId, sessionId: s.sessionId, questionIndex });
    await migrate();

    // Same size, other bytes: only the checksum tells.
    await s3
      .client()
      .send(new PutObjectCommand({ Bucket: s3.server.bucket, Key: recordingKey(ref(0)), Body: webmOf(2000, 9) }));
    const damaged = path.join(root(), chunkKey(ref(1), 0));
    fs.writeFileSync(damaged, webmOf(700, 5));
    await s3
      .client()
      .send(new PutObjectCommand({ Bucket: s3.server.bucket, Key: chunkKey(ref(1), 0), Body: Buffer.from("stale") }));

    const summary = await migrate();
    expect(summary).toMatchObject({
      copied: 1,
      failures: [{ key: chunkKey(ref(1), 0), reason: expect.stringMatching(/disk's copy does not match/) }],
    });
    expect((await buffer(s3RecordingStorage(s3.settings()).read(recordingKey(ref(0))))).equals(ready)).toBe(true);
  });
});
