import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { candidateTokens, erasureRequests } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { notFound } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { hashInvite, isWellFormedInvite } from "@/lib/invites/token-value";
import { toCandidateErasureJson } from "./serialize";
import { takeErasureRequestUnit } from "./throttle";

/**
 * A candidate holding the link asks the company to delete their recordings and personal data (GDPR art. 17). Any
 * invite the link finds may ask, whatever its state: the right does not end with the invite. Idempotent: while a
 * request is pending (or after the erasure was carried out) asking again answers that request and writes nothing. The
 * invite's row lock serialises two presses; the unique partial index (one pending per invite) is the last word.
 */
export async function requestErasure(input: { tokenValue: string; meta: RequestMeta }) {
  const inviteKey = isWellFormedInvite(input.tokenValue) ? hashInvite(input.tokenValue) : "malformed";
  await takeErasureRequestUnit({ ip: input.meta.ip, inviteKey });
  if (inviteKey === "malformed") throw notFound("Invitation");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [token] = await tx
      .select({ id: candidateTokens.id, companyId: candidateTokens.companyId, erasedAt: candidateTokens.erasedAt })
      .from(candidateTokens)
      .where(eq(candidateTokens.tokenHash, inviteKey))
      .for("update");
    if (!token) throw notFound("Invitation");
    const [existing] = await tx
      .select()
      .from(erasureRequests)
      .where(
        token.erasedAt
          ? eq(erasureRequests.tokenId, token.id)
          : and(eq(erasureRequests.tokenId, token.id), eq(erasureRequests.status, "pending")),
      )
      .orderBy(desc(erasureRequests.createdAt))
      .limit(1);
    if (existing) return { created: false, request: toCandidateErasureJson(existing) };
    const [created] = await tx
      .insert(erasureRequests)
      .values({ companyId: token.companyId, tokenId: token.id })
      .returning();
    await writeAudit(tx, {
      action: "ERASURE_REQUESTED",
      companyId: token.companyId,
      userId: null,
      resourceType: "candidate_token",
      resourceId: token.id,
      details: { erasure_request_id: created!.id },
      meta: input.meta,
    });
    return { created: true, request: toCandidateErasureJson(created!) };
  });
}
