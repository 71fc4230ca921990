import fs from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { answerEvaluations, auditLogs, evaluations, interviewSessions, recordings, transcripts } from "@/db/schema";
import { recordAnswer, webmOf } from "@/test/kits/review";
import { setEnvForTests } from "@/lib/env";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import {
  STAGED_MAX_AGE_MS,
  purgeAbandonedRecordings,
  purgeExpiredRecordings,
  runRecordingRetention,
  sweepStagedFiles,
} from "./retention";
import { filesUnder, startedSession, useTempDataDir } from "@/test/kits/recordings";

const fixture = useTestDb();
const dataDir = useTempDataDir();
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");

const filesOf = (sessionId: string) => filesUnder(path.join(dataDir.path, "recordings", hr().companyId, sessionId));

describe("recording retention", () => {
  it("deletes the files and rows of sessions that ended more than 12 months ago, audits it, and keeps the rest", async () => {
    const old = await startedSession(hr());
    const recent = await startedSession(hr());
    await recordAnswer(old, 0, webmOf(1024));
    await recordAnswer(old, 1, webmOf(1024), { finalize: false });
    await recordAnswer(recent, 0, webmOf(1024));
    const db = await getDb();
    await db
      .update(interviewSessions)
      .set({
        status: "completed",
        startedAt: sql`now() - interval '13 months'`,
        endedAt: sql`now() - interval '12 months 1 day'`,
      })
      .where(eq(interviewSessions.id, old.sessionId));
    expect(filesOf(old.sessionId).length).toBeGreaterThan(0);

    expect(await purgeExpiredRecordings()).toEqual({ sessions: 1, recordings: 2 });
    expect(filesOf(old.sessionId)).toEqual([]);
    expect(await db.select().from(recordings).where(eq(recordings.sessionId, old.sessionId))).toEqual([]);
    expect(filesOf(recent.sessionId).length).toBeGreaterThan(0);
    expect(await db.select().from(recordings).where(eq(recordings.sessionId, recent.sessionId))).toHaveLength(1);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, old.sessionId), eq(auditLogs.action, "RECORDINGS_PURGED")));
    expect(audit?.details).toEqual({ recordings: 2, retention_months: 12 });

    expect(await purgeExpiredRecordings()).toEqual({ sessions: 0, recordings: 0 }); // nothing left to do
  });

  it("takes what was derived from the recordings with them: transcripts, per-answer scores and evaluation versions", async () => {
    const old = await startedSession(hr());
    const kept = await startedSession(hr());
    await recordAnswer(old, 0, webmOf(1024));
    await recordAnswer(kept, 0, webmOf(1024));
    const db = await getDb();
    for (const s of [old, kept]) {
      const [recording] = await db.select().from(recordings).where(eq(recordings.sessionId, s.sessionId));
      const [transcript] = await db
        .insert(transcripts)
        .values({
          companyId: hr().companyId,
          sessionId: s.sessionId,
          recordingId: recording!.id,
          questionIndex: 0,
          take: recording!.take,
          engine: "openai-compatible",
          model: "whisper-1",
          durationMs: 1000,
          text: "I said something quotable.",
          segments: [{ start: 0, end: 1, text: "I said something quotable." }],
          words: [],
        })
        .returning();
      const [evaluation] = await db
        .insert(evaluations)
        .values({
          companyId: hr().companyId,
          sessionId: s.sessionId,
          version: 1,
          promptVersion: "p",
          model: "m",
          status: "completed",
          summary: { strengths: ["I said something quotable."] },
        })
        .returning();
      await db.insert(answerEvaluations).values({
        companyId: hr().companyId,
        evaluationId: evaluation!.id,
        questionIndex: 0,
        transcriptId: transcript!.id,
        criteria: [],
        promptVersion: "p",
        model: "m",
      });
    }
    await db
      .update(interviewSessions)
      .set({
        status: "completed",
        startedAt: sql`now() - interval '13 months'`,
        endedAt: sql`now() - interval '12 months 1 day'`,
      })
      .where(eq(interviewSessions.id, old.sessionId));

    expect(await purgeExpiredRecordings()).toEqual({ sessions: 1, recordings: 1 });
    expect(await db.select().from(transcripts).where(eq(transcripts.sessionId, old.sessionId))).toEqual([]);
    expect(await db.select().from(evaluations).where(eq(evaluations.sessionId, old.sessionId))).toEqual([]);
    expect(await db.select().from(transcripts).where(eq(transcripts.sessionId, kept.sessionId))).toHaveLength(1);
    expect(await db.select().from(evaluations).where(eq(evaluations.sessionId, kept.sessionId))).toHaveLength(1);
    expect(await db.select().from(answerEvaluations)).toHaveLength(1);
  });
});

describe("abandoned attempts and staged leftovers", () => {
  it("deletes the recordings of attempts abandoned more than 7 days ago, audited; keeps recent, revoked, completed and open ones", async () => {
    const db = await getDb();
    const ended = (days: number) => sql`now() - make_interval(days => ${days})`;
    const make = async (status: "abandoned" | "revoked" | "completed" | "in_progress", daysAgo: number) => {
      const s = await startedSession(hr());
      await recordAnswer(s, 0, webmOf(1024));
      await recordAnswer(s, 1, webmOf(1024), { finalize: false });
      await db
        .update(interviewSessions)
        .set({ status, endedAt: status === "in_progress" ? null : ended(daysAgo), startedAt: ended(daysAgo + 1) })
        .where(eq(interviewSessions.id, s.sessionId));
      return s.sessionId;
    };
    const stale = await make("abandoned", 8);
    const fresh = await make("abandoned", 2);
    const revoked = await make("revoked", 30);
    const completed = await make("completed", 30);
    const open = await make("in_progress", 30);

    expect(await purgeAbandonedRecordings()).toEqual({ sessions: 1, recordings: 2 });
    expect(filesOf(stale)).toEqual([]);
    expect(await db.select().from(recordings).where(eq(recordings.sessionId, stale))).toEqual([]);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, stale), eq(auditLogs.action, "RECORDINGS_PURGED")));
    expect(audit?.details).toEqual({ recordings: 2, reason: "abandoned", retention_days: 7 });
    for (const kept of [fresh, revoked, completed, open]) {
      expect(filesOf(kept).length).toBeGreaterThan(0);
      expect(await db.select().from(recordings).where(eq(recordings.sessionId, kept))).toHaveLength(2);
    }

    // The setting moves the line; a second run finds nothing more and writes no second audit row.
    setEnvForTests({ DATA_DIR: dataDir.path, ABANDONED_RECORDINGS_RETENTION_DAYS: 1 });
    try {
      expect(await purgeAbandonedRecordings()).toEqual({ sessions: 1, recordings: 2 });
      expect(await purgeAbandonedRecordings()).toEqual({ sessions: 0, recordings: 0 });
    } finally {
      setEnvForTests({ DATA_DIR: dataDir.path });
    }
    expect(filesOf(fresh)).toEqual([]);
    expect(
      await db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.resourceId, stale), eq(auditLogs.action, "RECORDINGS_PURGED"))),
    ).toHaveLength(1);
    expect(await db.select().from(recordings).where(eq(recordings.sessionId, revoked))).toHaveLength(2);
  });

  it("the daily run sweeps staged files a crash left (untouched for an hour) and keeps uploads in flight", async () => {
    const tmp = path.join(dataDir.path, "recordings", "tmp");
    fs.mkdirSync(tmp, { recursive: true });
    const age = (name: string, ms: number) => {
      fs.writeFileSync(path.join(tmp, name), "x");
      const at = new Date(Date.now() - ms);
      fs.utimesSync(path.join(tmp, name), at, at);
    };
    age("crashed-upload", STAGED_MAX_AGE_MS + 60_000);
    age("slow-upload", STAGED_MAX_AGE_MS - 60_000);
    age("streaming-now", 0);
    await runRecordingRetention();
    expect(filesUnder(tmp).sort()).toEqual(["slow-upload", "streaming-now"]);
    expect(await sweepStagedFiles({ now: new Date(Date.now() + 2 * STAGED_MAX_AGE_MS) })).toBe(2);
  });
});
