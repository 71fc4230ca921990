import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, interviewSessions, recordings } from "@/db/schema";
import { recordAnswer, webmOf } from "@/lib/review/test-kit";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { purgeExpiredRecordings } from "./retention";
import { filesUnder, startedSession, useTempDataDir } from "./test-kit";

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
      .set({ status: "completed", startedAt: sql`now() - interval '13 months'`, endedAt: sql`now() - interval '12 months 1 day'` })
      .where(eq(interviewSessions.id, old.sessionId));
    expect(filesOf(old.sessionId).length).toBeGreaterThan(0);

    expect(await purgeExpiredRecordings()).toEqual({ sessions: 1, recordings: 2 });
    expect(filesOf(old.sessionId)).toEqual([]);
    expect(await db.select().from(recordings).where(eq(recordings.sessionId, old.sessionId))).toEqual([]);
    expect(filesOf(recent.sessionId).length).toBeGreaterThan(0);
    expect(await db.select().from(recordings).where(eq(recordings.sessionId, recent.sessionId))).toHaveLength(1);
    const [audit] = await db.select().from(auditLogs).where(and(eq(auditLogs.resourceId, old.sessionId), eq(auditLogs.action, "RECORDINGS_PURGED")));
    expect(audit?.details).toEqual({ recordings: 2, retention_months: 12 });

    expect(await purgeExpiredRecordings()).toEqual({ sessions: 0, recordings: 0 }); // nothing left to do
  });
});
