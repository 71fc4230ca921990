import "server-only";
import { and, desc, eq, inArray, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type DbOrTx } from "@/lib/db";
import { candidateTokens, extensionRequests, users } from "@/db/schema";
import { assertCanManageInterview, type InterviewActor } from "@/lib/interviews/access";
import { getInterview } from "@/lib/interviews/queries";
import { effectiveExpiry } from "@/lib/invites/status";

export const RECENT_DECIDED = 20; // decided requests listed under the waiting ones

const deciders = alias(users, "deciders");

const columns = {
  request: extensionRequests,
  candidateName: candidateTokens.candidateName,
  candidateEmail: candidateTokens.candidateEmail,
  expiresAt: candidateTokens.expiresAt,
  createdAt: candidateTokens.createdAt,
  deciderFirst: deciders.firstName,
  deciderLast: deciders.lastName,
  deciderEmail: deciders.email,
};

export interface ExtensionListItem {
  request: typeof extensionRequests.$inferSelect;
  candidateName: string | null;
  candidateEmail: string | null;
  /** The invite's effective expiry now. */
  currentExpiresAt: Date;
  decidedByName: string | null;
}

const toItem = (row: {
  request: typeof extensionRequests.$inferSelect;
  candidateName: string | null;
  candidateEmail: string | null;
  expiresAt: Date | null;
  createdAt: Date;
  deciderFirst: string | null;
  deciderLast: string | null;
  deciderEmail: string | null;
}): ExtensionListItem => ({
  request: row.request,
  candidateName: row.candidateName,
  candidateEmail: row.candidateEmail,
  currentExpiresAt: effectiveExpiry(row),
  decidedByName: [row.deciderFirst, row.deciderLast].filter(Boolean).join(" ") || row.deciderEmail,
});

/**
 * An interview's extension requests: every waiting one (oldest first: they have waited longest), then the most
 * recent decided ones. For who manages the interview (HR, ADMIN, its owning TEAM_LEAD); another company's answers 404.
 */
export async function interviewExtensionRequests(input: { viewer: InterviewActor; interviewId: string }) {
  const db = await getDb();
  const interview = await getInterview(db, { companyId: input.viewer.companyId, interviewId: input.interviewId });
  assertCanManageInterview(input.viewer, interview);
  const base = () =>
    db
      .select(columns)
      .from(extensionRequests)
      .innerJoin(candidateTokens, eq(candidateTokens.id, extensionRequests.tokenId))
      .leftJoin(deciders, eq(deciders.id, extensionRequests.decidedBy));
  const scope = and(
    eq(extensionRequests.companyId, input.viewer.companyId),
    eq(candidateTokens.interviewId, interview.id),
  );
  const [pending, decided] = await Promise.all([
    base()
      .where(and(scope, eq(extensionRequests.status, "pending")))
      .orderBy(extensionRequests.createdAt),
    base()
      .where(and(scope, ne(extensionRequests.status, "pending")))
      .orderBy(desc(extensionRequests.decidedAt), desc(extensionRequests.id))
      .limit(RECENT_DECIDED),
  ]);
  return { pending: pending.map(toItem), decided: decided.map(toItem) };
}

/** Which of these invites have a request waiting (the invite row's "extension requested" badge). */
export async function pendingExtensionTokenIds(input: { companyId: string; tokenIds: string[] }) {
  if (input.tokenIds.length === 0) return new Set<string>();
  const db = await getDb();
  const rows = await db
    .select({ tokenId: extensionRequests.tokenId })
    .from(extensionRequests)
    .where(
      and(
        eq(extensionRequests.companyId, input.companyId),
        inArray(extensionRequests.tokenId, input.tokenIds),
        eq(extensionRequests.status, "pending"),
      ),
    );
  return new Set(rows.map((r) => r.tokenId));
}

/** The requests of one invite, newest first (the candidate's landing page). */
export async function inviteExtensionRequests(db: DbOrTx, tokenId: string) {
  return db
    .select()
    .from(extensionRequests)
    .where(eq(extensionRequests.tokenId, tokenId))
    .orderBy(desc(extensionRequests.createdAt));
}
