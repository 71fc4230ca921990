import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import type { DbOrTx } from "@/db";
import { rowsOf } from "@/db/rows";
import { listInvites } from "./queries";
import { deriveInviteStatus, effectiveExpiry, effectiveMaxAttempts } from "./status";

export interface InviteDiagnostic {
  id: string;
  candidate: string | null;
  /** As stored: null for legacy invites (then 7 days after creation). */
  expires_at_stored: string | null;
  expires_at_utc: string;
  seconds_left: number;
  current_attempts: number;
  max_attempts: number;
  max_attempts_stored: number | null;
  status: string;
  why: string;
}

/**
 * Seed 004's lesson: when an invite "looks expired", show every number involved. Judged against the DATABASE clock,
 * the one the start statement uses, and the app server's clock is shown beside it so skew is visible.
 */
export async function inviteDiagnostics(
  db: DbOrTx,
  { companyId, interviewId, skip, limit }: { companyId: string; interviewId: string; skip: number; limit: number },
) {
  const [clock] = rowsOf<{ now: string | Date }>(await db.execute(sql`SELECT now() AS now`));
  const dbNow = new Date(clock!.now);
  const appNow = new Date();
  const { items, total } = await listInvites(db, { companyId, interviewId, skip, limit });
  const invites: InviteDiagnostic[] = items.map(({ token, sessions }) => {
    const { status, reason } = deriveInviteStatus(token, sessions, dbNow);
    const expiry = effectiveExpiry(token);
    return {
      id: token.id,
      candidate: token.candidateEmail ?? token.candidateName,
      expires_at_stored: token.expiresAt?.toISOString() ?? null,
      expires_at_utc: expiry.toISOString(),
      seconds_left: Math.round((expiry.getTime() - dbNow.getTime()) / 1000),
      current_attempts: token.currentAttempts,
      max_attempts: effectiveMaxAttempts(token),
      max_attempts_stored: token.maxAttempts,
      status,
      why: reason,
    };
  });
  return {
    database_now: dbNow.toISOString(),
    app_server_now: appNow.toISOString(),
    clock_skew_ms: appNow.getTime() - dbNow.getTime(),
    invites,
    total,
  };
}

/** inviteDiagnostics on the app's database (the diagnostics page). */
export async function interviewInviteDiagnostics(input: {
  companyId: string;
  interviewId: string;
  skip: number;
  limit: number;
}) {
  return inviteDiagnostics(await getDb(), input);
}
