import { inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { recordings } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import { writeAudit } from "@/lib/audit/write";
import { RETENTION_MONTHS } from "@/lib/consent/text";
import { log } from "@/lib/log";
import { fsRecordingStorage } from "./fs-storage";
import { type RecordingStorage, sessionPrefix } from "./storage";

// Keeps the promise the consent makes: recordings are deleted at most RETENTION_MONTHS after their session ended (or
// started, for one never completed). Files go first, then the rows, so a failure half-way leaves rows to retry, never
// bytes nobody tracks. Each purged session is audited; the audit log itself never holds a recording.

const BATCH_SESSIONS = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function purgeExpiredRecordings(options: { storage?: RecordingStorage; months?: number } = {}): Promise<{ sessions: number; recordings: number }> {
  const storage = options.storage ?? fsRecordingStorage();
  const months = options.months ?? RETENTION_MONTHS;
  const db = await getDb();
  let sessions = 0;
  let purged = 0;
  for (;;) {
    const expired = rowsOf<{ session_id: string; company_id: string; n: number }>(
      await db.execute(sql`
        SELECT r.session_id, r.company_id, count(*)::int AS n
          FROM recordings r JOIN interview_sessions s ON s.id = r.session_id
         WHERE COALESCE(s.ended_at, s.started_at) < now() - make_interval(months => ${months})
         GROUP BY r.session_id, r.company_id
         LIMIT ${BATCH_SESSIONS}`),
    );
    if (expired.length === 0) break;
    for (const row of expired) await storage.deletePrefix(sessionPrefix({ companyId: row.company_id, sessionId: row.session_id }));
    await db.transaction(async (tx) => {
      await tx.delete(recordings).where(inArray(recordings.sessionId, expired.map((r) => r.session_id)));
      for (const row of expired) {
        await writeAudit(tx, {
          action: "RECORDINGS_PURGED",
          companyId: row.company_id,
          userId: null,
          resourceType: "interview_session",
          resourceId: row.session_id,
          details: { recordings: row.n, retention_months: months },
        });
      }
    });
    sessions += expired.length;
    purged += expired.reduce((n, r) => n + r.n, 0);
  }
  if (sessions > 0) log.info("recordings.purged", { sessions, recordings: purged });
  return { sessions, recordings: purged };
}

/** Runs the purge a minute after boot and then daily, in the background of the server process. */
export function scheduleRetention(): void {
  const run = () => void purgeExpiredRecordings().catch((error: unknown) => log.error("recordings.purge_failed", { error }));
  setTimeout(run, 60_000).unref();
  setInterval(run, DAY_MS).unref();
}
