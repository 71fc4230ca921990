import { and, eq, lt, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { emailOutbox } from "@/db/schema";
import { enqueue } from "@/lib/jobs/enqueue";
import { SEND_EMAIL } from "@/lib/jobs/queues";
import { log } from "@/lib/log";

// Emails sent by the job queue rather than inside the request: the request commits the outbox row, then enqueues
// its delivery. An enqueue lost to a crash in between is picked up by the sweep, and the row's claim (deliverEmail)
// makes a second job for the same email harmless.

const SWEEP_LIMIT = 500; // emails per sweep; the next sweep takes the rest
const SWEEP_AFTER_S = 60; // seconds a queued SMTP email is left to the job enqueued right after its commit

/** Best effort right after the commit: a failure is logged and left to the sweep. */
export async function sendLater(input: { companyId: string; emailId: string }): Promise<{ jobId: string } | null> {
  try {
    const job = await enqueue(SEND_EMAIL, { company_id: input.companyId, email_id: input.emailId });
    return { jobId: job.id };
  } catch (error) {
    log.warn("email.enqueue_failed", { job: SEND_EMAIL.queue, email_id: input.emailId, error: String(error) });
    return null;
  }
}

/** SMTP emails still queued a minute after they were written: their delivery job never made it onto the queue. */
export async function sweepUnsentEmail(): Promise<{ emails: number }> {
  const db = await getDb();
  const rows = await db
    .select({ id: emailOutbox.id, companyId: emailOutbox.companyId })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.status, "queued"),
        eq(emailOutbox.transport, "smtp"),
        lt(emailOutbox.createdAt, sql`now() - make_interval(secs => ${SWEEP_AFTER_S})`),
      ),
    )
    .orderBy(emailOutbox.createdAt)
    .limit(SWEEP_LIMIT);
  for (const row of rows) await enqueue(SEND_EMAIL, { company_id: row.companyId, email_id: row.id });
  return { emails: rows.length };
}
