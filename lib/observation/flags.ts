import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { type DbOrTx, getDb } from "@/lib/db";
import { observationFlags, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { InterviewActor } from "@/lib/interviews/access";
import { reviewableSession } from "@/lib/review/access";

// Flags an observer drops while watching a session live: a short note, the question the candidate was on, and the
// server's time. The review places each one on that answer's recording.

export const FlagBody = z.object({
  note: z.string().trim().min(1, "Write a short note").max(500, "Use at most 500 characters"),
});

export interface FlagJson {
  id: string;
  answer: number | null;
  note: string;
  created_at: string;
  author: string;
}

const authorName = (u: { firstName: string | null; lastName: string | null; email: string }) =>
  [u.firstName, u.lastName].filter(Boolean).join(" ") || u.email;

/** Adds a flag to a live (in-progress) session the viewer may review; audited in the same transaction. */
export async function addFlag(input: {
  viewer: InterviewActor;
  sessionId: string;
  note: string;
  meta: RequestMeta;
}): Promise<FlagJson> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const session = await reviewableSession(tx, { viewer: input.viewer, sessionId: input.sessionId });
    if (session.status !== "in_progress")
      throw new AppError("CONFLICT", "Flags can be added only while the interview is in progress");
    const [flag] = await tx
      .insert(observationFlags)
      .values({
        companyId: session.companyId,
        sessionId: session.id,
        userId: input.viewer.userId,
        answer: session.currentAnswer,
        note: input.note,
      })
      .returning();
    await writeAudit(tx, {
      action: "OBSERVATION_FLAGGED",
      companyId: session.companyId,
      userId: input.viewer.userId,
      resourceType: "interview_session",
      resourceId: session.id,
      details: { flag_id: flag!.id, answer: flag!.answer },
      meta: input.meta,
    });
    const [author] = await tx
      .select({ firstName: users.firstName, lastName: users.lastName, email: users.email })
      .from(users)
      .where(eq(users.id, input.viewer.userId));
    return {
      id: flag!.id,
      answer: flag!.answer,
      note: flag!.note,
      created_at: flag!.createdAt.toISOString(),
      author: author ? authorName(author) : "",
    };
  });
}

/** A session's flags, oldest first. The caller has authorized the viewer for the session (reviewableSession). */
export async function flagsOf(
  db: DbOrTx,
  { companyId, sessionId }: { companyId: string; sessionId: string },
): Promise<FlagJson[]> {
  const rows = await db
    .select({ flag: observationFlags, firstName: users.firstName, lastName: users.lastName, email: users.email })
    .from(observationFlags)
    .innerJoin(users, eq(users.id, observationFlags.userId))
    .where(and(eq(observationFlags.companyId, companyId), eq(observationFlags.sessionId, sessionId)))
    .orderBy(asc(observationFlags.createdAt), asc(observationFlags.id));
  return rows.map((r) => ({
    id: r.flag.id,
    answer: r.flag.answer,
    note: r.flag.note,
    created_at: r.flag.createdAt.toISOString(),
    author: authorName(r),
  }));
}

/** The viewer's flags listing for a session they may review. */
export async function listFlags(input: { viewer: InterviewActor; sessionId: string }): Promise<FlagJson[]> {
  const db = await getDb();
  const session = await reviewableSession(db, input);
  return flagsOf(db, { companyId: session.companyId, sessionId: session.id });
}

/**
 * Where a flag falls in its answer's recording, in ms from the start, or null when it cannot be placed. The recording
 * is taken to end when it was verified (ready_at, normally within a second of "I'm done") and to last duration_ms.
 */
export function flagPositionMs(
  flagAt: string,
  recording: { ready_at: string | null; duration_ms: number | null } | null,
): number | null {
  if (!recording?.ready_at || recording.duration_ms === null) return null;
  const start = new Date(recording.ready_at).getTime() - recording.duration_ms;
  const offset = new Date(flagAt).getTime() - start;
  return Math.min(Math.max(0, offset), recording.duration_ms);
}
