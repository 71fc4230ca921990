import "server-only";
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/lib/db";
import { candidateTokens, companies, interviewQuestions, interviews, interviewSessions } from "@/db/schema";
import { log } from "@/lib/log";
import { describeExtension, type ExtensionView } from "@/lib/extensions/landing";
import { type SessionReceipt, sessionReceipt } from "@/lib/review/receipt";
import type { ExpiryRule } from "./expiry-rules";
import { attemptsLeft, effectiveExpiry, isExpired } from "./status";
import { type StatusPageFacts, statusPageFacts } from "./status-page";
import { hashInvite, isWellFormedInvite } from "./token-value";

export type InviteState =
  "open" | "in_progress" | "completed" | "expired" | "exhausted" | "revoked" | "closed" | "erased" | "unknown";

export interface InviteView {
  state: InviteState;
  companyName?: string;
  interviewTitle?: string;
  position?: string | null;
  candidateName?: string | null;
  questionCount?: number;
  attemptsLeft?: number;
  expiresAt?: string;
  /** How the expiry was chosen, for the words beside it (lib/invites/expiry-rules.ts). */
  expiryRule?: ExpiryRule | null;
  /** The interview offers a practice question before the attempt starts. */
  practiceQuestion?: boolean;
  /** What was received, once the interview is completed; the candidate can come back to it at the link. */
  receipt?: SessionReceipt;
  /**
   * The status page's facts, read for every known invite: shown under the state message once the invite has ended
   * (completed, expired, exhausted, revoked, closed), as the erasure panel while in progress, and as the attempts
   * used on an open invite that was started before.
   */
  status?: StatusPageFacts;
  /** When HR carried out the candidate's erasure request: the page then shows only that. */
  erasedAt?: string;
  /** Asking for more time: shown when the invite is expired or nearly so, or once a request was made. */
  extension?: ExtensionView;
}

/**
 * The analytics funnel's "opened": stamps the first visit only (the condition makes later visits write nothing). A
 * mail scanner that follows the link counts as opening it; nothing tells the two apart. Never fails the page.
 */
async function markOpened(db: DbOrTx, tokenId: string): Promise<void> {
  try {
    await db
      .update(candidateTokens)
      .set({ openedAt: sql`now()` })
      .where(and(eq(candidateTokens.id, tokenId), isNull(candidateTokens.openedAt)));
  } catch (error) {
    log.warn("invite.mark_opened_failed", { token_id: tokenId, error });
  }
}

/**
 * What the candidate landing page shows for an invite. Opening it never consumes an attempt (mail scanners follow
 * links); it only records the first visit (markOpened). The states follow the start endpoint's precedence.
 */
export async function describeInvite(value: string): Promise<InviteView> {
  if (!isWellFormedInvite(value)) return { state: "unknown" };
  const db = await getDb();
  const [row] = await db
    .select({ token: candidateTokens, interview: interviews, companyName: companies.name, dbNow: sql<string>`now()` })
    .from(candidateTokens)
    .innerJoin(interviews, eq(interviews.id, candidateTokens.interviewId))
    .innerJoin(companies, eq(companies.id, candidateTokens.companyId))
    .where(eq(candidateTokens.tokenHash, hashInvite(value)))
    .limit(1);
  if (!row) return { state: "unknown" };
  const { token, interview } = row;
  // After an erasure the link says so and shows nothing else (the company's name is not the candidate's data).
  if (token.erasedAt) return { state: "erased", companyName: row.companyName, erasedAt: token.erasedAt.toISOString() };
  if (!token.openedAt) await markOpened(db, token.id);
  const [questions] = await db
    .select({ n: count() })
    .from(interviewQuestions)
    .where(eq(interviewQuestions.interviewId, interview.id));
  const sessions = await db
    .select({ id: interviewSessions.id, status: interviewSessions.status })
    .from(interviewSessions)
    .where(and(eq(interviewSessions.tokenId, token.id)));
  const view: InviteView = {
    state: "open",
    companyName: row.companyName,
    interviewTitle: interview.title,
    position: interview.position,
    candidateName: token.candidateName,
    questionCount: questions?.n ?? 0,
    attemptsLeft: attemptsLeft(token),
    expiresAt: effectiveExpiry(token).toISOString(),
    expiryRule: token.expiryRule ?? null,
    practiceQuestion: interview.practiceQuestion,
  };
  const now = new Date(row.dbNow);
  view.extension = await describeExtension(db, {
    token,
    now,
    facts: {
      interviewOpen: interview.status === "active",
      sessions: {
        inProgress: sessions.some((s) => s.status === "in_progress"),
        completed: sessions.some((s) => s.status === "completed"),
      },
    },
  });
  view.status = await statusPageFacts(db, token);
  if (token.revokedAt) return { ...view, state: "revoked" };
  if (interview.status !== "active") return { ...view, state: "closed" };
  const completed = sessions.find((s) => s.status === "completed");
  if (completed) return { ...view, state: "completed", receipt: await sessionReceipt(db, { sessionId: completed.id }) };
  if (sessions.some((s) => s.status === "in_progress")) return { ...view, state: "in_progress" };
  if (isExpired(token, now)) return { ...view, state: "expired" };
  if (attemptsLeft(token) === 0) return { ...view, state: "exhausted" };
  return view;
}
