import "server-only";
import { and, count, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { candidateTokens, extensionRequests, interviews, interviewSessions } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { AppError, notFound } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { effectiveExpiry } from "@/lib/invites/status";
import { hashInvite, isWellFormedInvite } from "@/lib/invites/token-value";
import { extensionIneligibility, INELIGIBLE_DETAIL } from "./eligibility";
import { takeExtensionRequestUnit } from "./throttle";

const ONE_PENDING_INDEX = "extension_requests_one_pending_key";

const pendingExists = () =>
  new AppError("CONFLICT", "You have already asked for more time; the company has not answered yet", {
    reason: "extension_pending",
  });

function isOnePendingViolation(error: unknown): boolean {
  const e = error as { code?: string; constraint_name?: string; constraint?: string; cause?: unknown };
  const inner = (e?.cause ?? e) as { code?: string; constraint_name?: string; constraint?: string };
  for (const x of [e, inner]) {
    if (x?.code === "23505" && (x.constraint_name ?? x.constraint ?? ONE_PENDING_INDEX) === ONE_PENDING_INDEX)
      return true;
  }
  return false;
}

/**
 * A candidate holding the link asks for more time. Allowed on an invite that is expired or expires within
 * NEARLY_EXPIRED_HOURS, not revoked, erased, completed, running or out of attempts; at most
 * `extension_requests_allowed` requests per invite (every request counts, whatever its outcome) and one waiting at a
 * time. Decided under the invite's row lock so concurrent requests count correctly; the unique partial index is the
 * last word on "one waiting" (its violation answers 409 `extension_pending` too). The reason stays in the request
 * row: the audit row records only its length.
 */
export async function requestExtension(input: { tokenValue: string; reason: string; meta: RequestMeta }) {
  const reason = input.reason.trim();
  const inviteKey = isWellFormedInvite(input.tokenValue) ? hashInvite(input.tokenValue) : "malformed";
  await takeExtensionRequestUnit({ ip: input.meta.ip, inviteKey });
  if (inviteKey === "malformed") throw notFound("Invitation");
  if (reason.length < 1 || reason.length > 1000)
    throw new AppError("VALIDATION", "Validation error", {
      issues: [{ loc: ["body", "reason"], msg: "must be 1 to 1000 characters", type: "value_error" }],
    });
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ token: candidateTokens, interviewStatus: interviews.status, dbNow: sql<string>`now()` })
        .from(candidateTokens)
        .innerJoin(interviews, eq(interviews.id, candidateTokens.interviewId))
        .where(eq(candidateTokens.tokenHash, inviteKey))
        .for("update", { of: candidateTokens });
      if (!row) throw notFound("Invitation");
      const { token } = row;
      const now = new Date(row.dbNow);
      const sessions = await tx
        .select({ status: interviewSessions.status })
        .from(interviewSessions)
        .where(eq(interviewSessions.tokenId, token.id));
      const why = extensionIneligibility(
        token,
        {
          interviewOpen: row.interviewStatus === "active",
          sessions: {
            inProgress: sessions.some((s) => s.status === "in_progress"),
            completed: sessions.some((s) => s.status === "completed"),
          },
        },
        now,
      );
      if (why) throw new AppError("CONFLICT", INELIGIBLE_DETAIL[why], { reason: "extension_not_eligible" });
      const [pending] = await tx
        .select({ id: extensionRequests.id })
        .from(extensionRequests)
        .where(and(eq(extensionRequests.tokenId, token.id), eq(extensionRequests.status, "pending")))
        .limit(1);
      if (pending) throw pendingExists();
      const [made] = await tx
        .select({ n: count() })
        .from(extensionRequests)
        .where(eq(extensionRequests.tokenId, token.id));
      if ((made?.n ?? 0) >= token.extensionRequestsAllowed) {
        throw new AppError("CONFLICT", "You have already used the requests for more time this invitation allows", {
          reason: "extension_limit_reached",
        });
      }
      const [created] = await tx
        .insert(extensionRequests)
        .values({
          companyId: token.companyId,
          tokenId: token.id,
          reason,
          previousExpiresAt: effectiveExpiry(token),
          createdAt: now,
        })
        .returning();
      await writeAudit(tx, {
        action: "EXTENSION_REQUESTED",
        companyId: token.companyId,
        userId: null,
        resourceType: "extension_request",
        resourceId: created!.id,
        details: {
          token_id: token.id,
          interview_id: token.interviewId,
          expires_at: effectiveExpiry(token).toISOString(),
          reason_length: reason.length,
          request_number: (made?.n ?? 0) + 1,
        },
        meta: input.meta,
        now,
      });
      return created!;
    });
  } catch (error) {
    if (isOnePendingViolation(error)) throw pendingExists();
    throw error;
  }
}
