import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { emailOutbox } from "@/db/schema";
import { enqueueMany } from "@/lib/jobs/enqueue";
import { SEND_EMAIL } from "@/lib/jobs/queues";
import { log } from "@/lib/log";
import type { QueuedEmail } from "./outbox";

// Emails are sent by the job queue, never inside the request: the request commits the outbox row, then enqueues its
// delivery. An enqueue lost to a crash in between is picked up by the email sweep (the sweep-email queue), and the
// row's claim (deliver.ts) makes a second job for the same email harmless.

const SWEEP_LIMIT = 500; // emails per sweep; the next sweep takes the rest
const SWEEP_AFTER_S = 60; // seconds a queued SMTP email is left to the job enqueued right after its commit

/**
 * What a response can truthfully say right after the commit: "queued" (SMTP: a job sends it in the background; the
 * outbox row shows its progress) or "outbox" (no SMTP: it waits in the dashboard's Outbox, where the link is copied).
 */
export type DeliveryState = "queued" | "outbox";

export const deliveryStateOf = (email: QueuedEmail): DeliveryState =>
  email.transport === "smtp" ? "queued" : "outbox";

const payloadOf = (email: { id: string; companyId: string }) => ({ company_id: email.companyId, email_id: email.id });

/**
 * Enqueues the delivery of committed SMTP emails, all in one statement; outbox-only emails have nothing to deliver.
 * Best effort: a failure is logged and left to the sweep, so the answer is the emails' state either way.
 */
export async function sendAllLater(emails: readonly QueuedEmail[]): Promise<{ jobIds: Map<string, string> }> {
  const smtp = emails.filter((email) => email.transport === "smtp");
  const jobIds = new Map<string, string>();
  if (smtp.length === 0) return { jobIds };
  try {
    const ids = await enqueueMany(SEND_EMAIL, smtp.map(payloadOf));
    smtp.forEach((email, i) => jobIds.set(email.id, ids[i]!));
  } catch (error) {
    log.warn("email.enqueue_failed", {
      job: SEND_EMAIL.queue,
      emails: smtp.length,
      email_id: smtp[0]!.id,
      error: String(error),
    });
  }
  return { jobIds };
}

/** One email: its delivery state and, for SMTP, the id of the job that sends it (null if the enqueue failed). */
export async function sendLater(email: QueuedEmail): Promise<{ delivery: DeliveryState; jobId: string | null }> {
  const { jobIds } = await sendAllLater([email]);
  return { delivery: deliveryStateOf(email), jobId: jobIds.get(email.id) ?? null };
}

/**
 * SMTP emails still queued and never tried a minute after they were written: their delivery job never made it onto
 * the queue. (A row requeued after a transient failure has tried, and its job's retry is already waiting.)
 */
export async function sweepUnsentEmail(): Promise<{ emails: number }> {
  const db = await getDb();
  const rows = await db
    .select({ id: emailOutbox.id, companyId: emailOutbox.companyId })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.status, "queued"),
        eq(emailOutbox.transport, "smtp"),
        eq(emailOutbox.attempts, 0),
        lt(emailOutbox.createdAt, sql`now() - make_interval(secs => ${SWEEP_AFTER_S})`),
      ),
    )
    .orderBy(emailOutbox.createdAt)
    .limit(SWEEP_LIMIT);
  // A job already queued for a row (its key is the email) is left alone, so a row the sweep finds twice is sent once.
  await enqueueMany(SEND_EMAIL, rows.map(payloadOf));
  return { emails: rows.length };
}
