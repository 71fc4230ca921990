import "server-only";
import { type SQL, inArray, sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { evaluations, recordings } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import { writeAudit } from "@/lib/audit/write";
import { RETENTION_MONTHS } from "@/lib/consent/text";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { recordingStorage } from "./recording-storage";
import { type RecordingStorage, sessionPrefix } from "./storage";

// Keeps the promise the consent makes: recordings are deleted at most RETENTION_MONTHS after their session ended (or
// started, for one never completed). An abandoned attempt (the candidate started the invite again) was never
// submitted, so its recordings go after ABANDONED_RECORDINGS_RETENTION_DAYS; a revoked session is evidence of why it
// was revoked and keeps the normal rule. Files go first, then the rows, so a failure half-way leaves rows to retry,
// never bytes nobody tracks. Each purged session is audited; the audit log itself never holds a recording.
//
// Staged files (uploads and assemblies in progress) that a crash left behind are swept once they are STAGED_MAX_AGE
// old by their last write (a file's mtime, an object's LastModified, an unfinished multipart upload's start): an
// upload still streaming keeps writing its file, and no request runs anywhere near that long.

const BATCH_SESSIONS = 100;
export const STAGED_MAX_AGE_MS = 60 * 60 * 1000; // milliseconds (1 hour) untouched before a staged file is swept

export interface PurgeResult {
  sessions: number;
  recordings: number;
}

/**
 * Deletes the files and recording rows of the sessions `due` selects (a condition on `s`, the session), in batches,
 * auditing each session with `details`. A session whose rows another instance deleted first is not audited twice.
 */
async function purgeSessions(
  storage: RecordingStorage,
  due: SQL,
  details: Record<string, unknown>,
): Promise<PurgeResult> {
  const db = await getDb();
  const result = { sessions: 0, recordings: 0 };
  for (;;) {
    const batch = rowsOf<{ session_id: string; company_id: string }>(
      await db.execute(sql`
        SELECT DISTINCT r.session_id, r.company_id
          FROM recordings r JOIN interview_sessions s ON s.id = r.session_id
         WHERE ${due}
         LIMIT ${BATCH_SESSIONS}`),
    );
    if (batch.length === 0) break;
    for (const row of batch)
      await storage.deletePrefix(sessionPrefix({ companyId: row.company_id, sessionId: row.session_id }));
    await db.transaction(async (tx) => {
      // What was derived from the recordings goes with them: transcripts and per-answer scores by cascade, and here the
      // evaluation versions, whose summaries quote the candidate.
      await tx.delete(evaluations).where(
        inArray(
          evaluations.sessionId,
          batch.map((r) => r.session_id),
        ),
      );
      const deleted = await tx
        .delete(recordings)
        .where(
          inArray(
            recordings.sessionId,
            batch.map((r) => r.session_id),
          ),
        )
        .returning({ sessionId: recordings.sessionId });
      for (const row of batch) {
        const n = deleted.filter((d) => d.sessionId === row.session_id).length;
        if (n === 0) continue;
        await writeAudit(tx, {
          action: "RECORDINGS_PURGED",
          companyId: row.company_id,
          userId: null,
          resourceType: "interview_session",
          resourceId: row.session_id,
          details: { recordings: n, ...details },
        });
        result.sessions += 1;
        result.recordings += n;
      }
    });
  }
  return result;
}

/** The 12-month rule: every session, whatever its status, RETENTION_MONTHS after it ended (or started). */
export async function purgeExpiredRecordings(
  options: { storage?: RecordingStorage; months?: number } = {},
): Promise<PurgeResult> {
  const months = options.months ?? RETENTION_MONTHS;
  const result = await purgeSessions(
    options.storage ?? recordingStorage(),
    sql`COALESCE(s.ended_at, s.started_at) < now() - make_interval(months => ${months})`,
    { retention_months: months },
  );
  if (result.sessions > 0) log.info("recordings.purged", { ...result, retention_months: months });
  return result;
}

/** Abandoned attempts (never submitted, replaced by a newer attempt) `days` after they were abandoned. */
export async function purgeAbandonedRecordings(
  options: { storage?: RecordingStorage; days?: number } = {},
): Promise<PurgeResult> {
  const days = options.days ?? env().ABANDONED_RECORDINGS_RETENTION_DAYS;
  const result = await purgeSessions(
    options.storage ?? recordingStorage(),
    sql`s.status = 'abandoned' AND COALESCE(s.ended_at, s.started_at) < now() - make_interval(days => ${days})`,
    { reason: "abandoned", retention_days: days },
  );
  if (result.sessions > 0) log.info("recordings.abandoned_purged", { ...result, retention_days: days });
  return result;
}

/** Deletes staged files left by a crash (untouched for STAGED_MAX_AGE_MS); answers how many. */
export async function sweepStagedFiles(options: { storage?: RecordingStorage; now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const removed = await (options.storage ?? recordingStorage()).sweepStaged(
    new Date(now.getTime() - STAGED_MAX_AGE_MS),
  );
  if (removed > 0) log.info("recordings.staged_swept", { files: removed });
  return removed;
}

/**
 * Every retention task once (the daily `purge-recordings` job, `npm run recordings:purge`). A failing task is logged
 * and does not stop the others; the run then throws, so the job is retried and, past its retries, listed as failed.
 */
export async function runRecordingRetention(): Promise<void> {
  const tasks = {
    staged_sweep: sweepStagedFiles,
    purge: purgeExpiredRecordings,
    abandoned_purge: purgeAbandonedRecordings,
  };
  const failed: string[] = [];
  for (const [task, run] of Object.entries(tasks)) {
    await run().catch((error: unknown) => {
      log.error("recordings.retention_failed", { task, error });
      failed.push(task);
    });
  }
  if (failed.length > 0) throw new Error(`recording retention failed: ${failed.join(", ")}`);
}
