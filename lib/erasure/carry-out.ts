import "server-only";
import { type AnyColumn, and, eq, inArray, or, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/lib/db";
import {
  auditLogs,
  candidateConsents,
  candidateTokens,
  emailOutbox,
  erasureRequests,
  evaluations,
  extensionRequests,
  interviewSessions,
  observationFlags,
  recordings,
  transcripts,
} from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { InterviewActor } from "@/lib/interviews/access";
import { recordingStorage } from "@/lib/recordings/recording-storage";
import { type RecordingStorage, sessionPrefix } from "@/lib/recordings/storage";
import { ERASED, redactDetails, type Subject } from "./redact";

// HR or an ADMIN carries out a candidate's erasure request in one action.
//
// Order, and why: the files go first, then one database transaction. Deleting a session's prefix is idempotent (the
// same call the retention purge makes), so a crash or storage error before the transaction commits leaves the request
// pending, with the invite's name and email still there: HR's next "Erase now" deletes whatever is left and finishes.
// The other order could commit "erased" while files survive with nothing left pointing at them. A short window where
// recording rows point at deleted files is harmless: the review answers the recording as missing.
//
// What goes, and what stays:
// - every file of every session of the invite (final recordings and upload chunks, on disk or in S3), the recording
//   rows (their chunk rows by cascade), the transcripts and the AI evaluations (their evidence quotes the candidate);
// - observers' live notes (they describe the person on the recording) and the reasons the candidate typed when asking
//   for more time;
// - the invite's name and email (the invite is also revoked, so the link can never start an attempt again), the
//   consent's IP address and browser, and every outbox email to the candidate (address, subject, bodies, headers);
// - audit rows about the invite, its sessions or the candidate's address are anonymised in place (details, and the IP
//   and browser of rows no staff member wrote), inside this transaction's `aii.audit_erasure` setting: the rows,
//   their actions, times and resource ids stay, and DELETE is still refused.
// - Kept: scorecards and decisions. They are the reviewers' own assessment and the record behind a hiring decision
//   (art. 17(3)(e)); submitted versions and decisions are append-only in the database, and with the name, email and
//   recordings gone they no longer identify the candidate.

export interface ErasureSummary extends Record<string, number> {
  sessions: number;
  recordings: number;
  transcripts: number;
  evaluations: number;
  observation_notes: number;
  emails_redacted: number;
  audit_rows_anonymised: number;
}

const alreadyDone = () =>
  new AppError("CONFLICT", "This erasure was already carried out", { reason: "erasure_not_pending" });

export async function carryOutErasure(input: {
  actor: InterviewActor;
  requestId: string;
  meta?: RequestMeta;
  storage?: RecordingStorage;
}): Promise<{ id: string; summary: ErasureSummary; completedAt: Date }> {
  assertCan(input.actor.role, "erasure.manage");
  const db = await getDb();
  const [request] = await db
    .select({ id: erasureRequests.id, tokenId: erasureRequests.tokenId, status: erasureRequests.status })
    .from(erasureRequests)
    .where(and(eq(erasureRequests.id, input.requestId), eq(erasureRequests.companyId, input.actor.companyId)))
    .limit(1);
  if (!request) throw notFound("Erasure request");
  if (request.status !== "pending") throw alreadyDone();
  const sessions = await db
    .select({ id: interviewSessions.id, status: interviewSessions.status })
    .from(interviewSessions)
    .where(and(eq(interviewSessions.tokenId, request.tokenId), eq(interviewSessions.companyId, input.actor.companyId)));
  // An attempt still uploading would write new files after the deletion.
  if (sessions.some((s) => s.status === "in_progress")) {
    throw new AppError("CONFLICT", "The candidate has an attempt in progress; erase once it has ended", {
      reason: "erasure_session_in_progress",
    });
  }

  const storage = input.storage ?? recordingStorage();
  for (const session of sessions)
    await storage.deletePrefix(sessionPrefix({ companyId: input.actor.companyId, sessionId: session.id }));

  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL aii.audit_erasure = 'on'`);
    const [locked] = await tx
      .select({ status: erasureRequests.status })
      .from(erasureRequests)
      .where(eq(erasureRequests.id, request.id))
      .for("update");
    if (locked?.status !== "pending") throw alreadyDone();
    const [token] = await tx
      .select({ id: candidateTokens.id, email: candidateTokens.candidateEmail, name: candidateTokens.candidateName })
      .from(candidateTokens)
      .where(eq(candidateTokens.id, request.tokenId))
      .for("update");
    // The lock above waits for a start in flight; one that committed since the check is refused here too.
    const current = await tx
      .select({ id: interviewSessions.id, status: interviewSessions.status })
      .from(interviewSessions)
      .where(eq(interviewSessions.tokenId, request.tokenId));
    if (current.some((s) => s.status === "in_progress") || current.length !== sessions.length) {
      throw new AppError("CONFLICT", "The candidate has an attempt in progress; erase once it has ended", {
        reason: "erasure_session_in_progress",
      });
    }
    const sessionIds = sessions.map((s) => s.id);
    const summary = await eraseRows(tx, {
      companyId: input.actor.companyId,
      tokenId: token!.id,
      sessionIds,
      subject: { email: token!.email, name: token!.name },
    });
    const [done] = await tx
      .update(erasureRequests)
      .set({ status: "completed", completedBy: input.actor.userId, completedAt: sql`now()`, summary })
      .where(eq(erasureRequests.id, request.id))
      .returning({ completedAt: erasureRequests.completedAt });
    await writeAudit(tx, {
      action: "ERASURE_COMPLETED",
      companyId: input.actor.companyId,
      userId: input.actor.userId,
      resourceType: "candidate_token",
      resourceId: token!.id,
      details: { erasure_request_id: request.id, ...summary },
      meta: input.meta,
    });
    return { id: request.id, summary, completedAt: done!.completedAt! };
  });
}

async function eraseRows(
  tx: Tx,
  input: { companyId: string; tokenId: string; sessionIds: string[]; subject: Subject },
): Promise<ErasureSummary> {
  const { companyId, tokenId, sessionIds, subject } = input;
  // An empty list matches nothing (drizzle writes `false`): an invite never started has no session rows.
  const inSessions = (column: AnyColumn) => inArray(column, sessionIds);

  const deletedEvaluations = await tx
    .delete(evaluations)
    .where(inSessions(evaluations.sessionId))
    .returning({ id: evaluations.id });
  const deletedTranscripts = await tx
    .delete(transcripts)
    .where(inSessions(transcripts.sessionId))
    .returning({ id: transcripts.id });
  const deletedRecordings = await tx
    .delete(recordings)
    .where(inSessions(recordings.sessionId))
    .returning({ id: recordings.id });
  const deletedNotes = await tx
    .delete(observationFlags)
    .where(inSessions(observationFlags.sessionId))
    .returning({ id: observationFlags.id });
  await tx
    .update(candidateConsents)
    .set({ ipAddress: null, userAgent: null })
    .where(eq(candidateConsents.tokenId, tokenId));
  await tx.update(extensionRequests).set({ reason: ERASED }).where(eq(extensionRequests.tokenId, tokenId));
  await tx
    .update(candidateTokens)
    .set({
      candidateName: null,
      candidateEmail: null,
      // The sealed copy of the link (reminders) goes too: nothing is left to send them.
      linkSealed: null,
      erasedAt: sql`now()`,
      revokedAt: sql`COALESCE(${candidateTokens.revokedAt}, now())`,
      updatedAt: sql`now()`,
    })
    .where(eq(candidateTokens.id, tokenId));

  const toCandidate = subject.email
    ? or(eq(emailOutbox.tokenId, tokenId), sql`lower(${emailOutbox.toAddress}) = lower(${subject.email})`)
    : eq(emailOutbox.tokenId, tokenId);
  const redactedEmails = await tx
    .update(emailOutbox)
    .set({
      toAddress: "erased",
      subject: ERASED,
      textBody: ERASED,
      htmlBody: null,
      headers: null,
      // An email still waiting would otherwise be delivered to "erased".
      status: sql`CASE WHEN ${emailOutbox.status} = 'queued' THEN 'failed'::outbox_status ELSE ${emailOutbox.status} END`,
      error: sql`CASE WHEN ${emailOutbox.status} = 'queued' THEN 'Not sent: the candidate''s data was erased' ELSE ${emailOutbox.error} END`,
    })
    .where(and(eq(emailOutbox.companyId, companyId), toCandidate))
    .returning({ id: emailOutbox.id });

  const auditRowsAnonymised = await anonymiseAudit(tx, { companyId, tokenId, sessionIds, subject });
  return {
    sessions: sessionIds.length,
    recordings: deletedRecordings.length,
    transcripts: deletedTranscripts.length,
    evaluations: deletedEvaluations.length,
    observation_notes: deletedNotes.length,
    emails_redacted: redactedEmails.length,
    audit_rows_anonymised: auditRowsAnonymised,
  };
}

/** Rewrites the audit rows about the candidate (needs `aii.audit_erasure` set in `tx`); answers how many changed. */
async function anonymiseAudit(
  tx: Tx,
  input: { companyId: string; tokenId: string; sessionIds: string[]; subject: Subject },
): Promise<number> {
  const { companyId, tokenId, sessionIds, subject } = input;
  const ids = [tokenId, ...sessionIds];
  const about = or(
    and(eq(auditLogs.resourceType, "candidate_token"), eq(auditLogs.resourceId, tokenId)),
    sessionIds.length > 0
      ? and(eq(auditLogs.resourceType, "interview_session"), inArray(auditLogs.resourceId, sessionIds))
      : undefined,
    sql`${auditLogs.details}->>'token_id' = ${tokenId}`,
    sql`${auditLogs.details}->>'session_id' IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
    subject.email ? sql`strpos(lower(${auditLogs.details}::text), lower(${subject.email})) > 0` : undefined,
  );
  const rows = await tx
    .select({
      id: auditLogs.id,
      userId: auditLogs.userId,
      details: auditLogs.details,
      ipAddress: auditLogs.ipAddress,
      userAgent: auditLogs.userAgent,
    })
    .from(auditLogs)
    .where(and(eq(auditLogs.companyId, companyId), about));
  let changed = 0;
  for (const row of rows) {
    const details = redactDetails(row.details as Record<string, unknown> | null, subject);
    // The candidate's own requests (and system work) carry no staff member: their address and browser are the
    // candidate's. A staff member's stay, as the record of who did what from where.
    const candidateMeta = row.userId === null && (row.ipAddress !== null || row.userAgent !== null);
    if (details === row.details && !candidateMeta) continue;
    await tx
      .update(auditLogs)
      .set({
        details,
        ...(candidateMeta ? { ipAddress: null, userAgent: null } : {}),
      })
      .where(eq(auditLogs.id, row.id));
    changed += 1;
  }
  return changed;
}
