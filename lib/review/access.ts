import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { candidateTokens, interviews, interviewSessions } from "@/db/schema";
import { assertCan, can } from "@/lib/auth/permissions";
import { forbidden, notFound } from "@/lib/errors";
import { canManageInterview, type InterviewActor } from "@/lib/interviews/access";
import { getInterview } from "@/lib/interviews/queries";

// Who may watch sessions: the "recordings.view" roles, and of those a TEAM_LEAD only for the interviews they own
// (the same rule as managing an interview). Another company's ids answer 404, exactly like unknown ones.

/** A session is live while in progress and the candidate is in the room, or was active this recently. */
export const LIVE_ACTIVITY_WINDOW_S = 120; // seconds

/** Judged by the database clock, like every other time rule that decides something. */
export const liveSql =
  sql<boolean>`(${interviewSessions.status} = 'in_progress' and (${interviewSessions.candidateInRoom} is true
  or ${interviewSessions.lastActivityAt} > now() - make_interval(secs => ${LIVE_ACTIVITY_WINDOW_S})))`.mapWith(Boolean);

export function canReviewInterview(viewer: InterviewActor, interview: { createdBy: string }): boolean {
  return can(viewer.role, "recordings.view") && canManageInterview(viewer, interview);
}

function assertCanReview(viewer: InterviewActor, interview: { createdBy: string }): void {
  if (!canManageInterview(viewer, interview)) throw forbidden("You can only review sessions of interviews you manage");
}

/** The viewer's company's interview, when the viewer may review its sessions. */
export async function reviewableInterview(
  db: DbOrTx,
  { viewer, interviewId }: { viewer: InterviewActor; interviewId: string },
) {
  assertCan(viewer.role, "recordings.view");
  const interview = await getInterview(db, { companyId: viewer.companyId, interviewId });
  assertCanReview(viewer, interview);
  return interview;
}

/** The viewer's company's session with its candidate, interview title and live flag, when the viewer may review it. */
export async function reviewableSession(
  db: DbOrTx,
  { viewer, sessionId }: { viewer: InterviewActor; sessionId: string },
) {
  assertCan(viewer.role, "recordings.view");
  const [row] = await db
    .select({
      id: interviewSessions.id,
      companyId: interviewSessions.companyId,
      interviewId: interviewSessions.interviewId,
      interviewTitle: interviews.title,
      interviewOwner: interviews.createdBy,
      tokenId: interviewSessions.tokenId,
      candidateName: candidateTokens.candidateName,
      candidateEmail: candidateTokens.candidateEmail,
      attemptNumber: interviewSessions.attemptNumber,
      status: interviewSessions.status,
      questions: interviewSessions.questions,
      startedAt: interviewSessions.startedAt,
      endedAt: interviewSessions.endedAt,
      lastActivityAt: interviewSessions.lastActivityAt,
      currentAnswer: interviewSessions.currentAnswer,
      candidateInRoom: interviewSessions.candidateInRoom,
      livekitRoom: interviewSessions.livekitRoom,
      live: liveSql,
    })
    .from(interviewSessions)
    .innerJoin(interviews, eq(interviews.id, interviewSessions.interviewId))
    .innerJoin(candidateTokens, eq(candidateTokens.id, interviewSessions.tokenId))
    .where(and(eq(interviewSessions.id, sessionId), eq(interviewSessions.companyId, viewer.companyId)))
    .limit(1);
  if (!row) throw notFound("Session");
  assertCanReview(viewer, { createdBy: row.interviewOwner });
  return row;
}

export type ReviewableSession = Awaited<ReturnType<typeof reviewableSession>>;
