import "server-only";
import { type AnyColumn, and, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/lib/db";
import {
  auditLogs,
  candidateConsents,
  candidateTokens,
  decisions,
  emailOutbox,
  erasureRequests,
  evaluations,
  extensionRequests,
  interviewSessions,
  observationFlags,
  recordings,
  scorecards,
  scorecardVersions,
  transcripts,
} from "@/db/schema";
import { rowsOf } from "@/db/rows";
import { writeAudit } from "@/lib/audit/write";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { InterviewActor } from "@/lib/interviews/access";
import { JOB_SCHEMA } from "@/lib/jobs/boss";
import { SEND_EMAIL } from "@/lib/jobs/queues";
import { closeRoom } from "@/lib/livekit/room-service";
import { log } from "@/lib/log";
import { recordingStorage } from "@/lib/recordings/recording-storage";
import { type RecordingStorage, sessionPrefix } from "@/lib/recordings/storage";
import { ERASED, redactDetails, type Subject } from "./redact";

// HR or an ADMIN carries out a candidate's erasure request in one action.
//
// Order, and why:
// 1. A short transaction locks the invite, revokes it and ends its attempts in progress the way revoking an invite
//    does (status `revoked`, audited INVITE_REVOKED / SESSION_REVOKED, the LiveKit room closed after the commit). An
//    attempt abandoned in progress can therefore never block the erasure, and nothing can start or upload afterwards
//    (uploads, finalize and resume refuse a revoked session).
// 2. The files go (deleting a session's prefix is idempotent: the same call the retention purge makes).
// 3. One transaction locks the request, the invite and its session rows (FOR UPDATE: a finalize or upload in flight
//    that still holds a row finishes first) and erases the rows and fields.
// 4. After the commit, every session's prefix is deleted once more: a chunk upload that passed its checks before the
//    revocation may have landed a file between step 2 and the commit.
// A crash or storage error before step 3 commits leaves the request pending (the invite revoked), with the invite's
// name and email still there: HR's next "Erase now" deletes whatever is left and finishes. The other order could
// commit "erased" while files survive with nothing left pointing at them. A short window where recording rows point
// at deleted files is harmless: the review answers the recording as missing.
//
// Scope: only this invite and its sessions. Another invite of the same person (a fresh one, same email address) is a
// separate relationship the company keeps until that one is erased: it is not touched.
//
// What goes, and what stays:
// - every file of every session of the invite (final recordings and upload chunks, on disk or in S3), the recording
//   rows (their chunk rows by cascade), the transcripts and the AI evaluations (their evidence quotes the candidate);
// - observers' live notes (they describe the person on the recording); the free text typed about the candidate or by
//   them: the reasons of their extension requests and HR's notes on them, reviewers' private notes (scorecards and
//   submitted versions) and decision reasons become "[erased]" (a hold or reject keeps a non-empty reason, and the
//   append-only trigger allows exactly this change inside the erasure's `aii.audit_erasure` setting); a pending
//   extension request is declined;
// - the invite's name and email (the invite is revoked, so the link can never start an attempt again), the time zone
//   of its expiry rule (a hint at where the person lives), the consent's IP address and browser, and the invite's
//   outbox emails (address, subject, bodies, headers, the delivery error, which quotes the recipient, and the output
//   of their send-email jobs in the job queue);
// - audit rows about the invite, its sessions or its extension requests are anonymised in place (details, and the IP
//   and browser of rows no staff member wrote), inside this transaction's `aii.audit_erasure` setting: the rows,
//   their actions, times and resource ids stay, and DELETE is still refused.
// - Kept: scorecards' scores and decisions themselves. They are the reviewers' own assessment and the record behind a
//   hiring decision (art. 17(3)(e)); with the name, email, notes and recordings gone they no longer identify the
//   candidate.

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
  const { companyId } = input.actor;
  const db = await getDb();
  const [request] = await db
    .select({ id: erasureRequests.id, tokenId: erasureRequests.tokenId, status: erasureRequests.status })
    .from(erasureRequests)
    .where(and(eq(erasureRequests.id, input.requestId), eq(erasureRequests.companyId, companyId)))
    .limit(1);
  if (!request) throw notFound("Erasure request");
  if (request.status !== "pending") throw alreadyDone();

  // 1. Revoke the invite and end its attempts in progress, as revoking it does.
  const { sessions, ended } = await revokeForErasure(db, {
    actor: input.actor,
    tokenId: request.tokenId,
    requestId: request.id,
    meta: input.meta,
  });
  for (const session of ended) void closeRoom(session.room);

  // 2. The files.
  const storage = input.storage ?? recordingStorage();
  const deleteFiles = async (sessionIds: string[]) => {
    for (const sessionId of sessionIds) await storage.deletePrefix(sessionPrefix({ companyId, sessionId }));
  };
  await deleteFiles(sessions);

  // 3. The rows and fields, in one transaction.
  const result = await db.transaction(async (tx) => {
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
    if (!token) throw notFound("Erasure request");
    // The session rows, locked: a finalize or upload that still holds one finishes before the rows go.
    const current = await tx
      .select({ id: interviewSessions.id, status: interviewSessions.status })
      .from(interviewSessions)
      .where(eq(interviewSessions.tokenId, token.id))
      .for("update");
    // The invite is revoked (step 1): nothing can have started or resumed since.
    if (current.some((s) => s.status === "in_progress")) {
      throw new AppError("CONFLICT", "The candidate has an attempt in progress; erase once it has ended", {
        reason: "erasure_session_in_progress",
      });
    }
    const sessionIds = current.map((s) => s.id);
    const summary = await eraseRows(tx, {
      companyId,
      tokenId: token.id,
      sessionIds,
      subject: { email: token.email, name: token.name },
    });
    const [done] = await tx
      .update(erasureRequests)
      .set({ status: "completed", completedBy: input.actor.userId, completedAt: sql`now()`, summary })
      .where(eq(erasureRequests.id, request.id))
      .returning({ completedAt: erasureRequests.completedAt });
    await writeAudit(tx, {
      action: "ERASURE_COMPLETED",
      companyId,
      userId: input.actor.userId,
      resourceType: "candidate_token",
      resourceId: token.id,
      details: { erasure_request_id: request.id, ...summary },
      meta: input.meta,
    });
    return { id: request.id, summary, completedAt: done!.completedAt!, sessionIds };
  });

  // 4. Files an upload in flight may have landed between step 2 and the commit. The erasure is committed either way:
  // a storage error here is logged as erasure.files_left, with the request's id, for an operator to finish.
  try {
    await deleteFiles(result.sessionIds);
  } catch (error) {
    log.error("erasure.files_left", { erasure_request_id: request.id, error: String(error) });
  }
  return { id: result.id, summary: result.summary, completedAt: result.completedAt };
}

/**
 * Locks the invite, revokes it (if it was not already) and ends its attempts in progress, audited like a revocation;
 * answers every session of the invite and the ended ones' rooms (closed by the caller after this commits).
 */
async function revokeForErasure(
  db: Awaited<ReturnType<typeof getDb>>,
  input: { actor: InterviewActor; tokenId: string; requestId: string; meta?: RequestMeta },
) {
  return db.transaction(async (tx) => {
    const [token] = await tx
      .select({
        id: candidateTokens.id,
        interviewId: candidateTokens.interviewId,
        revokedAt: candidateTokens.revokedAt,
      })
      .from(candidateTokens)
      .where(and(eq(candidateTokens.id, input.tokenId), eq(candidateTokens.companyId, input.actor.companyId)))
      .for("update");
    if (!token) throw notFound("Erasure request");
    const now = new Date();
    const ended = await tx
      .update(interviewSessions)
      .set({ status: "revoked", endedAt: now })
      .where(and(eq(interviewSessions.tokenId, token.id), eq(interviewSessions.status, "in_progress")))
      .returning({
        id: interviewSessions.id,
        room: interviewSessions.livekitRoom,
        attempt: interviewSessions.attemptNumber,
      });
    const audit = { companyId: input.actor.companyId, userId: input.actor.userId, meta: input.meta, now };
    if (!token.revokedAt) {
      await tx.update(candidateTokens).set({ revokedAt: now, updatedAt: now }).where(eq(candidateTokens.id, token.id));
      await writeAudit(tx, {
        ...audit,
        action: "INVITE_REVOKED",
        resourceType: "candidate_token",
        resourceId: token.id,
        details: {
          interview_id: token.interviewId,
          sessions_ended: ended.length,
          erasure_request_id: input.requestId,
        },
      });
    }
    for (const session of ended) {
      await writeAudit(tx, {
        ...audit,
        action: "SESSION_REVOKED",
        resourceType: "interview_session",
        resourceId: session.id,
        details: { token_id: token.id, attempt: session.attempt, erasure_request_id: input.requestId },
      });
    }
    const sessions = await tx
      .select({ id: interviewSessions.id })
      .from(interviewSessions)
      .where(eq(interviewSessions.tokenId, token.id));
    return { sessions: sessions.map((s) => s.id), ended };
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
  // Free text staff typed about the candidate. Submitted versions and decisions are append-only; the trigger lets
  // exactly these columns change inside this transaction's `aii.audit_erasure` setting.
  await tx
    .update(scorecards)
    .set({ privateNote: ERASED })
    .where(and(inSessions(scorecards.sessionId), isNotNull(scorecards.privateNote)));
  await tx
    .update(scorecardVersions)
    .set({ privateNote: ERASED })
    .where(and(inSessions(scorecardVersions.sessionId), isNotNull(scorecardVersions.privateNote)));
  await tx
    .update(decisions)
    .set({ reason: ERASED })
    .where(and(inSessions(decisions.sessionId), isNotNull(decisions.reason)));
  await tx
    .update(candidateConsents)
    .set({ ipAddress: null, userAgent: null })
    .where(eq(candidateConsents.tokenId, tokenId));
  // A request still waiting is declined: nobody can be told the answer any more.
  await tx
    .update(extensionRequests)
    .set({ status: "declined", decidedAt: sql`now()`, decisionNote: ERASED })
    .where(and(eq(extensionRequests.tokenId, tokenId), eq(extensionRequests.status, "pending")));
  await tx
    .update(extensionRequests)
    .set({
      reason: ERASED,
      decisionNote: sql`CASE WHEN ${extensionRequests.decisionNote} IS NULL THEN NULL ELSE ${ERASED} END`,
    })
    .where(eq(extensionRequests.tokenId, tokenId));
  await tx
    .update(candidateTokens)
    .set({
      candidateName: null,
      candidateEmail: null,
      // The sealed copy of the link (reminders) goes too: nothing is left to send them.
      linkSealed: null,
      // The instant stays; a rule's time zone hints at where the person lives.
      expiryRule: { kind: "at" },
      erasedAt: sql`now()`,
      revokedAt: sql`COALESCE(${candidateTokens.revokedAt}, now())`,
      updatedAt: sql`now()`,
    })
    .where(eq(candidateTokens.id, tokenId));

  // Only this invite's emails: another invite of the same address is another, live relationship.
  const redactedEmails = await tx
    .update(emailOutbox)
    .set({
      toAddress: "erased",
      subject: ERASED,
      textBody: ERASED,
      htmlBody: null,
      headers: null,
      // An email still waiting would otherwise be delivered to "erased". A delivery error quotes the recipient.
      status: sql`CASE WHEN ${emailOutbox.status} = 'queued' THEN 'failed'::outbox_status ELSE ${emailOutbox.status} END`,
      error: null,
    })
    .where(and(eq(emailOutbox.companyId, companyId), eq(emailOutbox.tokenId, tokenId)))
    .returning({ id: emailOutbox.id });
  await clearSendEmailJobOutput(
    tx,
    redactedEmails.map((e) => e.id),
  );

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

/**
 * The job queue keeps each send-email job's output (a failed delivery's SMTP error quotes the recipient) in its job
 * table and, once archived, in its archive table. Both are cleared for the erased emails. Either table may not exist
 * yet (the queue creates its schema when it first starts), so each is looked up first.
 */
async function clearSendEmailJobOutput(tx: Tx, emailIds: string[]) {
  if (emailIds.length === 0) return;
  const [tables] = rowsOf<{ job: string | null; archive: string | null }>(
    await tx.execute(
      sql`SELECT to_regclass(${`${JOB_SCHEMA}.job`})::text AS job, to_regclass(${`${JOB_SCHEMA}.archive`})::text AS archive`,
    ),
  );
  const ids = sql.join(
    emailIds.map((id) => sql`${id}`),
    sql`, `,
  );
  for (const table of [tables?.job, tables?.archive]) {
    if (!table) continue;
    await tx.execute(
      sql`UPDATE ${sql.raw(table)} SET output = NULL
           WHERE name = ${SEND_EMAIL.queue} AND output IS NOT NULL AND data->>'email_id' IN (${ids})`,
    );
  }
}

/** Rewrites the audit rows about the invite (needs `aii.audit_erasure` set in `tx`); answers how many changed. */
async function anonymiseAudit(
  tx: Tx,
  input: { companyId: string; tokenId: string; sessionIds: string[]; subject: Subject },
): Promise<number> {
  const { companyId, tokenId, sessionIds, subject } = input;
  const ids = [tokenId, ...sessionIds];
  const extensionIds = (
    await tx.select({ id: extensionRequests.id }).from(extensionRequests).where(eq(extensionRequests.tokenId, tokenId))
  ).map((r) => r.id);
  const listed = (values: string[]) =>
    sql.join(
      values.map((id) => sql`${id}`),
      sql`, `,
    );
  // Rows about this invite, its sessions or its extension requests: never matched by email text alone (a newer
  // invite of the same person is not this erasure's business). Inside them, every mention of the email or name goes.
  const about = or(
    and(eq(auditLogs.resourceType, "candidate_token"), eq(auditLogs.resourceId, tokenId)),
    sessionIds.length > 0
      ? and(eq(auditLogs.resourceType, "interview_session"), inArray(auditLogs.resourceId, sessionIds))
      : undefined,
    extensionIds.length > 0
      ? and(eq(auditLogs.resourceType, "extension_request"), inArray(auditLogs.resourceId, extensionIds))
      : undefined,
    sql`${auditLogs.details}->>'token_id' = ${tokenId}`,
    sql`${auditLogs.details}->>'session_id' IN (${listed(ids)})`,
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
