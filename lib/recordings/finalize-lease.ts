import "server-only";
import { and, eq, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { recordings } from "@/db/schema";
import { AppError } from "@/lib/errors";

// One finalize per answer at a time: recordings.finalizing_at is a lease taken by a conditional UPDATE (no lock held
// while the bytes are assembled). A finalize that crashed leaves a stamp that expires after FINALIZE_LEASE_S, so it
// never blocks the answer for long; a finalize that outlives its lease still cannot corrupt anything, since chunks
// are immutable and the step to `ready` is itself conditional.

export const FINALIZE_LEASE_S = 120; // seconds: far longer than assembling 200 MiB takes
export const FINALIZE_RETRY_AFTER_S = 2; // seconds a client waits before asking again

export const finalizeInProgress = () =>
  new AppError("CONFLICT", "This answer is being finalized by another request; ask again in a moment", {
    reason: "finalize_in_progress",
    retryAfterSeconds: FINALIZE_RETRY_AFTER_S,
  });

/** Takes the lease on an unready take; answers its stamp, or null when another finalize holds it (or none is due). */
export async function acquireFinalizeLease(
  db: DbOrTx,
  input: { recordingId: string; take: number },
): Promise<Date | null> {
  const [lease] = await db
    .update(recordings)
    // Milliseconds, so the stamp survives the trip through a JS Date and release can match it exactly.
    .set({ finalizingAt: sql`date_trunc('milliseconds', now())` })
    .where(
      and(
        eq(recordings.id, input.recordingId),
        eq(recordings.take, input.take),
        ne(recordings.status, "ready"),
        or(
          isNull(recordings.finalizingAt),
          lt(recordings.finalizingAt, sql`now() - make_interval(secs => ${FINALIZE_LEASE_S})`),
        ),
      ),
    )
    .returning({ at: recordings.finalizingAt });
  return lease?.at ?? null;
}

/** Gives the lease back, unless it expired and another finalize holds it now. */
export async function releaseFinalizeLease(db: DbOrTx, input: { recordingId: string; stamp: Date }): Promise<void> {
  await db
    .update(recordings)
    .set({ finalizingAt: null })
    .where(and(eq(recordings.id, input.recordingId), eq(recordings.finalizingAt, input.stamp)));
}
