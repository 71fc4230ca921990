import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { interviewSessions, recordings } from "@/db/schema";
import { actorFrom } from "@/test/interview-fixtures";
import { s3Installed, useS3Server } from "@/test/s3-server";
import { useTestDb } from "@/test/use-test-db";
import { FinalizeBody, finalizeRecording } from "./finalize";
import { fsRecordingStorage } from "./fs-storage";
import { putChunk } from "./put-chunk";
import { s3RecordingStorage } from "./s3-storage";
import { type RecordingStorage, recordingKey } from "./storage";
import { WEBM_HEAD, sha256, startedSession, useTempDataDir } from "@/test/kits/recordings";

// Finalize against a session that ends between the moment the assembled file is put in place and the transaction that
// would mark the recording ready: the refusal must leave no file behind, on either backend.

const fixture = useTestDb();
useTempDataDir();
const s3 = s3Installed ? useS3Server() : null;
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");

/** `storage`, except that right after the assembled file is committed, `afterCommit` runs (the racing request). */
function racing(storage: RecordingStorage, afterCommit: () => Promise<void>): RecordingStorage {
  return {
    ...storage,
    async concat(keys, options) {
      const staged = await storage.concat(keys, options);
      return {
        ...staged,
        async commit(key: string) {
          await staged.commit(key);
          await afterCommit();
        },
      };
    },
  };
}

const backends: { name: string; storage: () => RecordingStorage }[] = [
  { name: "the local disk", storage: () => fsRecordingStorage() },
  ...(s3 ? [{ name: "S3 (versitygw)", storage: () => s3RecordingStorage(s3.settings()) }] : []),
];

describe.each(backends)("finalize on $name when the session ends meanwhile", ({ storage }) => {
  it.each([
    ["completed", "session_closed"],
    ["revoked", "session_revoked"],
  ] as const)(
    "a session %s before the recording turns ready: 409 %s, and the assembled file is deleted",
    async (status, reason) => {
      const s = await startedSession(hr());
      const file = Buffer.concat([WEBM_HEAD, Buffer.alloc(500, 7)]);
      await putChunk({
        sessionId: s.sessionId,
        questionIndex: 0,
        seq: 0,
        resumeToken: s.resumeToken,
        declaredBytes: null,
        body: Readable.from([file]),
        storage: storage(),
      });
      const db = await getDb();
      const endSession = async () => {
        await db
          .update(interviewSessions)
          .set({ status, endedAt: new Date() })
          .where(eq(interviewSessions.id, s.sessionId));
      };
      const key = recordingKey({ companyId: hr().companyId, sessionId: s.sessionId, questionIndex: 0 });
      await expect(
        finalizeRecording({
          sessionId: s.sessionId,
          questionIndex: 0,
          resumeToken: s.resumeToken,
          body: FinalizeBody.parse({ chunk_count: 1, sha256: sha256(file), mime_type: "video/webm" }),
          storage: racing(storage(), endSession),
        }),
      ).rejects.toMatchObject({ status: 409, reason });

      expect(await storage().exists(key)).toBe(false);
      const [recording] = await db.select().from(recordings).where(eq(recordings.sessionId, s.sessionId));
      expect(recording).toMatchObject({ status: "uploading", storageKey: null, finalizingAt: null });
    },
  );

  it("a finalize that is not refused keeps its file", async () => {
    const s = await startedSession(hr());
    const file = Buffer.concat([WEBM_HEAD, Buffer.alloc(300, 3)]);
    await putChunk({
      sessionId: s.sessionId,
      questionIndex: 0,
      seq: 0,
      resumeToken: s.resumeToken,
      declaredBytes: null,
      body: Readable.from([file]),
      storage: storage(),
    });
    const key = recordingKey({ companyId: hr().companyId, sessionId: s.sessionId, questionIndex: 0 });
    const result = await finalizeRecording({
      sessionId: s.sessionId,
      questionIndex: 0,
      resumeToken: s.resumeToken,
      body: FinalizeBody.parse({ chunk_count: 1, sha256: sha256(file), mime_type: "video/webm" }),
      storage: racing(storage(), async () => {}),
    });
    expect(result).toMatchObject({ status: "ready", sha256: sha256(file) });
    expect(await storage().exists(key)).toBe(true);
  });
});
