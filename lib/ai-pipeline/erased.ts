import "server-only";
import { eq, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { candidateTokens, interviewSessions } from "@/db/schema";

// A candidate's erasure (lib/erasure) deletes the recordings, transcripts and evaluations of every session of the
// invite. A pipeline job already queued (or running) for one of those sessions must not bring any of it back, nor send
// what is left to a model: it checks this before it starts and again when it writes.

/** Whether the session's invite was erased (a session that no longer exists counts as erased). */
export async function sessionErased(db: DbOrTx, sessionId: string): Promise<boolean> {
  const [row] = await db
    .select({ erasedAt: candidateTokens.erasedAt })
    .from(interviewSessions)
    .innerJoin(candidateTokens, eq(candidateTokens.id, interviewSessions.tokenId))
    .where(eq(interviewSessions.id, sessionId))
    .limit(1);
  return !row || row.erasedAt !== null;
}

/** A WHERE condition that holds while the session's invite is not erased (for guarding a write in one statement). */
export const sessionNotErased = (sessionId: string): SQL =>
  sql`NOT EXISTS (SELECT 1 FROM interview_sessions s JOIN candidate_tokens t ON t.id = s.token_id
    WHERE s.id = ${sessionId} AND t.erased_at IS NOT NULL)`;
