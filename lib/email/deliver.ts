import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { emailOutbox, type OutboxEmail } from "@/db/schema";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { redactInviteLinks } from "./redact-links";
import { classifySmtpFailure, smtpFailureMessage } from "./smtp-failure";
import { getMailTransport } from "./transport";

// One delivery attempt of an outbox row, run by the send-email job (lib/jobs/handlers.ts).
//
// A row is claimed by moving it from "queued" to "sending" in one conditional update, so two jobs (a retry racing a
// second job, the sweep's re-enqueue) never both send it. A process that dies mid-send leaves it "sending": visible in
// the dashboard, and never resent automatically. A transient failure hands the row back to "queued" for the job's
// next attempt; the claim of that attempt is a new one.

/** What became of the row: "outbox" means it stays queued for the dashboard (it was written without SMTP). */
export type DeliveryResult = OutboxEmail["status"] | "outbox";

/** Thrown after a transient SMTP failure put the row back in the queue: the job's retry (with backoff) sends it. */
export class TransientEmailFailure extends Error {
  constructor(emailId: string, reason: string) {
    super(`email ${emailId} will be retried: ${reason}`);
    this.name = "TransientEmailFailure";
  }
}

// The same Message-ID on every attempt: should a reply be lost after the server accepted the message (a timeout after
// the body went out), the retry's copy is recognisably the same message, which mail systems drop as a duplicate.
const messageId = (id: string) =>
  `<${id}@${/@([^>\s]+)>?\s*$/.exec(env().EMAIL_FROM)?.[1] ?? "ai-interviewer.invalid"}>`;

/**
 * Sends a queued SMTP row. A permanent refusal (5xx, a bad address) or a failure on the last attempt (`lastAttempt`,
 * the default for callers outside the queue) marks it failed with the reason; a transient one before the last
 * attempt requeues it and throws TransientEmailFailure. Database errors propagate, so the job is retried.
 */
export async function deliverEmail(
  id: string,
  { lastAttempt = true }: { lastAttempt?: boolean } = {},
): Promise<DeliveryResult> {
  const db = await getDb();
  const transport = getMailTransport();
  if (!transport) return unsendable(id);
  const [claimed] = await db
    .update(emailOutbox)
    .set({ status: "sending", attempts: sql`${emailOutbox.attempts} + 1`, lastAttemptAt: sql`now()` })
    .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, "queued"), eq(emailOutbox.transport, "smtp")))
    .returning();
  if (!claimed) return currentState(id);
  try {
    await transport.sendMail({
      from: env().EMAIL_FROM,
      to: claimed.toAddress,
      subject: claimed.subject,
      text: claimed.textBody,
      html: claimed.htmlBody ?? undefined,
      headers: claimed.headers ?? undefined,
      messageId: messageId(claimed.id),
    });
  } catch (error) {
    const reason = smtpFailureMessage(error);
    const transient = classifySmtpFailure(error) === "transient" && !lastAttempt;
    // Only a row that is still the message this attempt claimed goes back to the queue; one the candidate's erasure
    // rewrote meanwhile (address "erased", bodies redacted) is failed, keeping no server reply (it may name the
    // address), and its redacted fields stay as they are.
    const [after] = await db
      .update(emailOutbox)
      .set({
        status: transient
          ? sql`CASE WHEN ${unchanged(claimed)} THEN 'queued' ELSE 'failed' END::outbox_status`
          : "failed",
        error: sql`CASE WHEN ${unchanged(claimed)} THEN ${reason}::text ELSE ${ERASED_WHILE_SENDING} END`,
      })
      .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, "sending")))
      .returning({ status: emailOutbox.status, error: emailOutbox.error });
    const retry = after?.status === "queued";
    log.warn(retry ? "email.delivery_retrying" : "email.delivery_failed", {
      emailId: id,
      attempt: claimed.attempts,
      error: after?.error ?? reason,
    });
    if (retry) throw new TransientEmailFailure(id, reason);
    return "failed";
  }
  // Delivered: the candidate has the link now, so the stored copy keeps none. Only the hash of an invite is stored
  // anywhere, and nobody can copy a working link out of the dashboard once the candidate has it. The bodies are
  // replaced only if they are still the ones this attempt claimed: an erasure that redacted the row while it was being
  // sent keeps its redaction (writing the claimed bodies back would restore what it erased).
  await db
    .update(emailOutbox)
    .set({
      status: "sent",
      error: null,
      sentAt: sql`now()`,
      textBody: sql`CASE WHEN ${unchanged(claimed)} THEN ${redactInviteLinks(claimed.textBody)}::text ELSE ${emailOutbox.textBody} END`,
      htmlBody:
        claimed.htmlBody === null
          ? sql`CASE WHEN ${unchanged(claimed)} THEN NULL ELSE ${emailOutbox.htmlBody} END`
          : sql`CASE WHEN ${unchanged(claimed)} THEN ${redactInviteLinks(claimed.htmlBody)}::text ELSE ${emailOutbox.htmlBody} END`,
    })
    .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, "sending")));
  log.info("email sent", { emailId: id, attempt: claimed.attempts });
  return "sent";
}

/** What a failed row says when the candidate's data was erased while it was being sent. */
const ERASED_WHILE_SENDING = "Not sent: the candidate's data was erased";

/** SQL: the row still holds the address and bodies this attempt claimed (an erasure rewrites all of them). */
const unchanged = (claimed: OutboxEmail) =>
  sql`(${emailOutbox.toAddress} = ${claimed.toAddress} AND ${emailOutbox.textBody} = ${claimed.textBody} AND ${emailOutbox.htmlBody} IS NOT DISTINCT FROM ${claimed.htmlBody})`;

async function readState(id: string) {
  const db = await getDb();
  const [row] = await db
    .select({ status: emailOutbox.status, transport: emailOutbox.transport })
    .from(emailOutbox)
    .where(eq(emailOutbox.id, id))
    .limit(1);
  if (!row) throw new Error(`email ${id} is not in the outbox`);
  return row;
}

// A row someone else already handled reports its outcome; an outbox-only row stays in the outbox.
const stateOf = (row: { status: OutboxEmail["status"]; transport: string }): DeliveryResult =>
  row.status === "queued" && row.transport !== "smtp" ? "outbox" : row.status;

const currentState = async (id: string) => stateOf(await readState(id));

// This process has no SMTP_URL. An SMTP row (queued by an instance that had one) must not pass for delivered: the
// job fails, is retried, and then waits in the failed-jobs list until the worker is configured and someone retries it.
async function unsendable(id: string): Promise<DeliveryResult> {
  const row = await readState(id);
  if (row.status === "queued" && row.transport === "smtp")
    throw new Error(`email ${id} needs SMTP_URL, which this worker does not have`);
  return stateOf(row);
}
