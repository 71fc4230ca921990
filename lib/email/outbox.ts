import "server-only";
import { randomUUID } from "node:crypto";
import { and, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/db";
import type { DbOrTx } from "@/db";
import { candidateTokens, emailOutbox, interviews, type OutboxEmail } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import type { InterviewActor } from "@/lib/interviews/access";

// Every email is a row first. It is written inside the caller's transaction, so a message exists exactly when the
// thing it announces (a minted token) committed. With SMTP, the send-email job delivers it after the commit
// (send-later.ts, deliver.ts) and records the outcome on the row; without, it stays here for the dashboard.

export type EmailTransport = "smtp" | "outbox";

/** A row just written: the delivery state the caller reports after commit follows from its transport. */
export interface QueuedEmail {
  id: string;
  companyId: string;
  transport: EmailTransport;
}

export interface EmailInput {
  companyId: string;
  tokenId?: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra message headers, such as a reminder's RFC 8058 List-Unsubscribe pair. */
  headers?: Record<string, string>;
}

export async function queueEmail(db: DbOrTx, input: EmailInput): Promise<QueuedEmail> {
  const [email] = await queueEmails(db, [input]);
  return email!;
}

/** Writes many emails in one statement (a bulk upload's invites), answered in the order given. */
export async function queueEmails(db: DbOrTx, inputs: readonly EmailInput[]): Promise<QueuedEmail[]> {
  if (inputs.length === 0) return [];
  const transport: EmailTransport = env().SMTP_URL ? "smtp" : "outbox";
  // Ids made here, so the answer follows the input's order without relying on the order RETURNING reports.
  const emails = inputs.map((input) => ({ id: randomUUID(), companyId: input.companyId, transport }));
  await db.insert(emailOutbox).values(
    inputs.map((input, i) => ({
      id: emails[i]!.id,
      companyId: input.companyId,
      tokenId: input.tokenId ?? null,
      toAddress: input.to,
      subject: input.subject,
      textBody: input.text,
      htmlBody: input.html ?? null,
      headers: input.headers ?? null,
      transport,
    })),
  );
  return emails;
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
  attempts: emailOutbox.attempts,
  lastAttemptAt: emailOutbox.lastAttemptAt,
  createdAt: emailOutbox.createdAt,
  sentAt: emailOutbox.sentAt,
};

export type OutboxListItem = Omit<OutboxEmail, "companyId" | "htmlBody" | "headers">;

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

/**
 * The newest email of each of these invites (its delivery state, no body): the interview page shows it beside the
 * invite. For people who manage the interview, as the outbox itself.
 */
export async function latestInviteEmails(
  db: DbOrTx,
  { companyId, tokenIds }: { companyId: string; tokenIds: string[] },
) {
  if (tokenIds.length === 0) return new Map<string, InviteEmailState>();
  const rows = await db
    .selectDistinctOn([emailOutbox.tokenId], {
      tokenId: emailOutbox.tokenId,
      status: emailOutbox.status,
      transport: emailOutbox.transport,
      error: emailOutbox.error,
      attempts: emailOutbox.attempts,
      lastAttemptAt: emailOutbox.lastAttemptAt,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.companyId, companyId), inArray(emailOutbox.tokenId, tokenIds)))
    .orderBy(emailOutbox.tokenId, desc(emailOutbox.createdAt), desc(emailOutbox.id));
  return new Map(rows.map(({ tokenId, ...state }) => [tokenId!, state]));
}

export type InviteEmailState = Pick<
  OutboxEmail,
  "status" | "transport" | "error" | "attempts" | "lastAttemptAt" | "sentAt"
>;

/** listOutbox on the app's database (the outbox page). */
export async function outboxPage(input: { viewer: InterviewActor; page: number; pageSize: number }) {
  return listOutbox(await getDb(), input);
}

/** latestInviteEmails on the app's database (the interview page). */
export async function inviteEmailStates(input: { companyId: string; tokenIds: string[] }) {
  return latestInviteEmails(await getDb(), input);
}
