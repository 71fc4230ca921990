import "server-only";
import { getDb, type Tx } from "@/lib/db";
import { candidateTokens, type Interview } from "@/db/schema";
import { writeAudits } from "@/lib/audit/write";
import { sendLater } from "@/lib/email/send-later";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { assertCanManageInterview, type InterviewActor } from "@/lib/interviews/access";
import { getInterview } from "@/lib/interviews/queries";
import { queueInviteEmails } from "./invite-email";
import { companyHolidays } from "@/lib/companies/holidays";
import { chooseExpiry, needsHolidays } from "./expiry-choice";
import type { MintInviteInput } from "./schemas";
import { DEFAULT_EXPIRY_HOURS } from "./status";
import { sealInviteValue } from "./link-seal";
import { hashInvite, newInviteValue } from "./token-value";

interface MintContext {
  actor: InterviewActor;
  meta: RequestMeta;
  /** Origin for the link in the invite email. */
  baseUrl: string;
  now: Date;
}

/** The interview the actor may invite candidates to (404 for another company, 403 if not theirs, 409 archived). */
export async function invitableInterview(tx: Tx, actor: InterviewActor, interviewId: string): Promise<Interview> {
  const interview = await getInterview(tx, { companyId: actor.companyId, interviewId });
  assertCanManageInterview(actor, interview);
  if (interview.status === "archived")
    throw new AppError("CONFLICT", "This interview is archived; reopen it to invite candidates");
  return interview;
}

/**
 * Inserts invites (one per `data`) with their audit rows and, for those with an email, their queued invite emails,
 * inside the caller's transaction: four statements whatever their number, so a bulk upload of 500 rows is as quick
 * as a few. Answered in the order of `data`; `sendAllLater` the emails after the commit.
 */
export async function insertInvites(tx: Tx, ctx: MintContext, interview: Interview, data: readonly MintInviteInput[]) {
  const values = data.map(() => newInviteValue());
  const hashes = values.map(hashInvite);
  // Each rule resolves once, here, to the instant stored in expires_at: the start statement compares only that.
  const holidays = data.some(needsHolidays) ? await companyHolidays(tx, ctx.actor.companyId) : [];
  const expiries = data.map((d) => chooseExpiry(d, { now: ctx.now, holidays, fallbackHours: DEFAULT_EXPIRY_HOURS })!);
  const inserted = await tx
    .insert(candidateTokens)
    .values(
      data.map((d, i) => ({
        companyId: ctx.actor.companyId,
        interviewId: interview.id,
        tokenHash: hashes[i]!,
        linkSealed: sealInviteValue(values[i]!),
        candidateName: d.candidate_name ?? null,
        candidateEmail: d.candidate_email?.toLowerCase() ?? null,
        expiresAt: expiries[i]!.expiresAt,
        expiryRule: expiries[i]!.rule,
        maxAttempts: d.max_attempts ?? 1,
        createdBy: ctx.actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        // The invite email is queued below, in this transaction.
        lastSentAt: d.candidate_email ? ctx.now : null,
      })),
    )
    .returning();
  const byHash = new Map(inserted.map((row) => [row.tokenHash, row]));
  const invites = hashes.map((hash, i) => ({ token: byHash.get(hash)!, value: values[i]! }));
  await writeAudits(
    tx,
    invites.map(({ token }) => ({
      action: "INVITE_MINTED" as const,
      companyId: ctx.actor.companyId,
      userId: ctx.actor.userId,
      resourceType: "candidate_token",
      resourceId: token.id,
      details: {
        interview_id: interview.id,
        candidate_email: token.candidateEmail,
        max_attempts: token.maxAttempts,
        expires_at: token.expiresAt?.toISOString(),
        expiry_rule: token.expiryRule,
      },
      meta: ctx.meta,
      now: ctx.now,
    })),
  );
  const emails = await queueInviteEmails(tx, {
    invites,
    interviewTitle: interview.title,
    baseUrl: ctx.baseUrl,
    reissued: false,
    now: ctx.now,
  });
  return invites.map(({ token, value }) => ({ token, value, email: emails.get(token.id) ?? null }));
}

/**
 * Mints one invite. The raw value is returned here and never again: only its hash is stored. The insert, its audit
 * row and the queued invite email commit together; a job delivers the email after the commit. `delivery` is
 * "queued" (SMTP), "outbox" (no SMTP) or null (no candidate email).
 */
export async function mintInvite(
  input: Omit<MintContext, "now"> & { interviewId: string; data: MintInviteInput; now?: Date },
) {
  const ctx = { ...input, now: input.now ?? new Date() };
  const db = await getDb();
  const [minted] = await db.transaction(async (tx) =>
    insertInvites(tx, ctx, await invitableInterview(tx, ctx.actor, input.interviewId), [input.data]),
  );
  const { token, value, email } = minted!;
  const delivery = email ? (await sendLater(email)).delivery : null;
  return { token, value, delivery };
}
