import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { candidateConsents, candidateTokens, companies, interviews } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { AppError, notFound } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { hashInvite, isWellFormedInvite } from "@/lib/invites/token-value";
import { CONSENT_VERSION, consentStatement } from "./text";

export const ConsentBody = z.object({
  token: z.string().min(1).max(512),
  version: z.string().min(1).max(40),
  accepted: z.literal(true, { error: "must be true: consent is given by ticking the box" }),
});

/**
 * Stores the candidate's consent with the server's timestamp and the exact statement shown, before any attempt is
 * used. One row per invite and wording: agreeing again (another device, a reload, a script) answers the consent
 * already on record and writes nothing, so anyone holding a link cannot grow the table or the audit log.
 */
export async function recordConsent(input: { body: z.infer<typeof ConsentBody>; meta: RequestMeta }) {
  if (!isWellFormedInvite(input.body.token)) throw notFound("Invitation");
  if (input.body.version !== CONSENT_VERSION)
    throw new AppError("CONFLICT", "The consent wording has changed; reload the page to read the current version");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .select({
        id: candidateTokens.id,
        companyId: candidateTokens.companyId,
        revokedAt: candidateTokens.revokedAt,
        companyName: companies.name,
        interviewStatus: interviews.status,
      })
      .from(candidateTokens)
      .innerJoin(companies, eq(companies.id, candidateTokens.companyId))
      .innerJoin(interviews, eq(interviews.id, candidateTokens.interviewId))
      .where(eq(candidateTokens.tokenHash, hashInvite(input.body.token)))
      .limit(1);
    if (!invite || invite.revokedAt) throw notFound("Invitation");
    if (invite.interviewStatus !== "active") throw new AppError("BAD_REQUEST", "This interview is not open right now");
    const statement = consentStatement(invite.companyName);
    const [created] = await tx
      .insert(candidateConsents)
      .values({
        companyId: invite.companyId,
        tokenId: invite.id,
        version: CONSENT_VERSION,
        statement: { ...statement },
        ipAddress: input.meta.ip,
        userAgent: input.meta.userAgent,
      })
      .onConflictDoNothing({ target: [candidateConsents.tokenId, candidateConsents.version] })
      .returning();
    if (!created) {
      const [existing] = await tx
        .select()
        .from(candidateConsents)
        .where(and(eq(candidateConsents.tokenId, invite.id), eq(candidateConsents.version, CONSENT_VERSION)));
      return { created: false, consent: toConsentJson(existing!) };
    }
    await writeAudit(tx, {
      action: "CONSENT_GIVEN",
      companyId: invite.companyId,
      userId: null,
      resourceType: "candidate_token",
      resourceId: invite.id,
      details: { version: CONSENT_VERSION },
      meta: input.meta,
    });
    return { created: true, consent: toConsentJson(created) };
  });
}

const toConsentJson = (row: typeof candidateConsents.$inferSelect) => ({
  consent_id: row.id,
  version: row.version,
  accepted_at: row.acceptedAt.toISOString(),
});
