import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { candidateTokens, emailOutbox, interviews, type OutboxEmail } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import type { InterviewActor } from "@/lib/interviews/access";
import { log } from "@/lib/log";
import { redactInviteLinks } from "./redact-links";
import { getMailTransport } from "./transport";

// Every email is a row first. It is written inside the caller's transaction, so a message exists exactly when the
// thing it announces (a minted token) committed; delivery happens afterwards and records its outcome on the row.

/** "sending": another caller holds the claim and is sending it right now. */
export type DeliveryResult = "sent" | "sending" | "failed" | "outbox";

// A row is claimed by moving it from "queued" to "sending" in one conditional update, so it is never sent twice. A
// process that dies mid-send leaves it "sending": visible in the dashboard, and never resent automatically.

export async function queueEmail(
  db: DbOrTx,
  input: { companyId: string; tokenId?: string; to: string; subject: string; text: string; html?: string },
): Promise<{ id: string }> {
  const [row] = await db
    .insert(emailOutbox)
    .values({
      companyId: input.companyId,
      tokenId: input.tokenId ?? null,
      toAddress: input.to,
      subject: input.subject,
      textBody: input.text,
      htmlBody: input.html ?? null,
      transport: env().SMTP_URL ? "smtp" : "outbox",
    })
    .returning({ id: emailOutbox.id });
  return { id: row!.id };
}

/**
 * Sends a queued SMTP row after its transaction committed. Never throws: the caller's write already succeeded and a
 * mail problem must not turn it into an error. "outbox" means the row stays queued for the dashboard to show.
 */
export async function deliverEmail(id: string): Promise<DeliveryResult> {
  try {
    const db = await getDb();
    const transport = getMailTransport();
    if (!transport) return "outbox";
    // Claim with one conditional update so two callers (a retry, a double click) cannot both send the message.
    const [claimed] = await db
      .update(emailOutbox)
      .set({ status: "sending" })
      .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, "queued"), eq(emailOutbox.transport, "smtp")))
      .returning();
    if (!claimed) return await currentState(id);
    try {
      await transport.sendMail({
        from: env().EMAIL_FROM,
        to: claimed.toAddress,
        subject: claimed.subject,
        text: claimed.textBody,
        html: claimed.htmlBody ?? undefined,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await db.update(emailOutbox).set({ status: "failed", error: message }).where(eq(emailOutbox.id, id));
      log.warn("email delivery failed", { emailId: id, error: message });
      return "failed";
    }
    // Delivered: the candidate has the link now, so the stored copy keeps none. Only the hash of an invite is stored
    // anywhere, and nobody can copy a working link out of the dashboard once the candidate has it.
    await db
      .update(emailOutbox)
      .set({
        status: "sent",
        error: null,
        sentAt: sql`now()`,
        textBody: redactInviteLinks(claimed.textBody),
        htmlBody: claimed.htmlBody === null ? null : redactInviteLinks(claimed.htmlBody),
      })
      .where(eq(emailOutbox.id, id));
    log.info("email sent", { emailId: id });
    return "sent";
  } catch (error) {
    log.error("email delivery crashed", { emailId: id, error });
    return "failed";
  }
}

// A row someone else already handled reports its outcome; an outbox-only row (queued before SMTP was configured)
// stays in the outbox.
async function currentState(id: string): Promise<DeliveryResult> {
  const db = await getDb();
  const [row] = await db.select({ status: emailOutbox.status }).from(emailOutbox).where(eq(emailOutbox.id, id)).limit(1);
  if (!row) {
    log.error("email delivery asked for an unknown outbox row", { emailId: id });
    return "failed";
  }
  return row.status === "queued" ? "outbox" : row.status;
}

// The link inside text_body is the candidate's credential. Until it is delivered (no SMTP: local setups hand the link
// over from the dashboard outbox) only people who manage the interview may see it; once delivered it is redacted.
// htmlBody stays out so nothing renders raw markup.
const listColumns = {
  id: emailOutbox.id,
  tokenId: emailOutbox.tokenId,
  toAddress: emailOutbox.toAddress,
  subject: emailOutbox.subject,
  textBody: emailOutbox.textBody,
  status: emailOutbox.status,
  transport: emailOutbox.transport,
  error: emailOutbox.error,
  createdAt: emailOutbox.createdAt,
  sentAt: emailOutbox.sentAt,
};

export type OutboxListItem = Omit<OutboxEmail, "companyId" | "htmlBody">;

/**
 * The emails of the interviews the viewer may manage, newest first; `page` counts from 1. HR and ADMIN manage every
 * interview of their company; a TEAM_LEAD sees only the emails of interviews they own (the same rule as managing
 * them, lib/interviews/access.ts), and never another company's.
 */
export async function listOutbox(
  db: DbOrTx,
  { viewer, page, pageSize }: { viewer: InterviewActor; page: number; pageSize: number },
): Promise<{ items: OutboxListItem[]; total: number }> {
  const scoped = can(viewer.role, "interviews.manage_any");
  const where: SQL = scoped
    ? eq(emailOutbox.companyId, viewer.companyId)
    : and(eq(emailOutbox.companyId, viewer.companyId), eq(interviews.createdBy, viewer.userId))!;
  // An email without an invite (none today) belongs to no interview: only HR and ADMIN see it.
  const [items, [totals]] = await Promise.all([
    db
      .select(listColumns)
      .from(emailOutbox)
      .leftJoin(candidateTokens, eq(candidateTokens.id, emailOutbox.tokenId))
      .leftJoin(interviews, eq(interviews.id, candidateTokens.interviewId))
      .where(where)
      .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
      .offset((page - 1) * pageSize)
      .limit(pageSize),
    db
      .select({ total: count() })
      .from(emailOutbox)
      .leftJoin(candidateTokens, eq(candidateTokens.id, emailOutbox.tokenId))
      .leftJoin(interviews, eq(interviews.id, candidateTokens.interviewId))
      .where(where),
  ]);
  return { items, total: totals?.total ?? 0 };
}
