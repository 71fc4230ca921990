import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { recordings } from "@/db/schema";

/**
 * What a resumed room needs to pick up where the candidate left off: each answer's server-side state (a ready answer
 * is done; an uploading one has a take in progress that a restart replaces).
 */
export async function storedAnswers(db: DbOrTx, sessionId: string) {
  const rows = await db
    .select({ answer: recordings.questionIndex, status: recordings.status, take: recordings.take, retakesUsed: recordings.retakesUsed })
    .from(recordings)
    .where(eq(recordings.sessionId, sessionId))
    .orderBy(asc(recordings.questionIndex));
  return rows.map((r) => ({ answer: r.answer, status: r.status, take: r.take, retakes_used: r.retakesUsed }));
}
