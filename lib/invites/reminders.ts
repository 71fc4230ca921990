import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, type Tx } from "@/lib/db";
import { inviteReminders } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import { writeAudit } from "@/lib/audit/write";
import { queueEmail, type QueuedEmail } from "@/lib/email/outbox";
import { reminderEmail } from "@/lib/email/reminder-template";
import { sendAllLater } from "@/lib/email/send-later";
import { env } from "@/lib/env";
import { openInviteSeal, unsubscribeValue } from "./link-seal";
import { interviewUrl } from "./serialize";

// Reminders before an invite expires, sent by the send-invite-reminders job (lib/jobs/queues.ts). Each one is a row
// of invite_reminders, unique per (invite, offset, expiry): the row is written in the transaction that queues the
// email, so two workers never both send it, and an invite whose expiry moves (an extension) is reminded again.

const BATCH = 500; // invites per run; the next run (5 minutes later) takes the rest
const HOUR_MS = 3_600_000;

// Legacy invites without expires_at expire 7 days after they were made (lib/invites/status.ts).
const EXPIRY = sql`COALESCE(t.expires_at, t.created_at + interval '7 days')`;

// Who may still get a reminder: not started (no attempt used, no session), not revoked, erased or unsubscribed,
// addressed, its interview open, and not expired. A completed or exhausted invite has used an attempt.
const eligible = (now: string): SQL => sql`
  t.revoked_at IS NULL AND t.erased_at IS NULL AND t.reminders_unsubscribed_at IS NULL
  AND t.candidate_email IS NOT NULL AND t.current_attempts = 0
  AND i.status = 'active' AND ${EXPIRY} > ${now}::timestamptz
  AND NOT EXISTS (SELECT 1 FROM interview_sessions s WHERE s.token_id = t.id)`;

/** The public origin of links the job puts in emails (it has no request): APP_URL, which production requires. */
export const reminderBaseUrl = (): string => (env().APP_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, "");

export const unsubscribeApiUrl = (baseUrl: string, tokenId: string) =>
  `${baseUrl}/api/candidates/invites/unsubscribe?t=${encodeURIComponent(unsubscribeValue(tokenId))}`;
export const unsubscribePageUrl = (baseUrl: string, tokenId: string) =>
  `${baseUrl}/reminders/unsubscribe?t=${encodeURIComponent(unsubscribeValue(tokenId))}`;

/**
 * Which offsets to record for an invite now: the due ones not yet recorded. Only the one nearest the expiry is sent
 * (two reminders at once would be noise); the others are passed over, for good. It is passed over too when a nearer
 * reminder already went out, or when the invite email itself went out at or after the moment it was due (an invite
 * minted or resent a few hours before expiry needs no reminder minutes later). Pure.
 */
export function planReminders(input: {
  offsets: readonly number[];
  recorded: readonly number[];
  expiresAt: Date;
  lastSentAt: Date | null;
  now: Date;
}): { send: number | null; skip: number[] } {
  const due = input.offsets.filter((h) => input.expiresAt.getTime() - h * HOUR_MS <= input.now.getTime());
  const fresh = due.filter((h) => !input.recorded.includes(h));
  if (fresh.length === 0) return { send: null, skip: [] };
  const nearest = Math.min(...due);
  const moment = input.expiresAt.getTime() - nearest * HOUR_MS;
  const send = fresh.includes(nearest) && !(input.lastSentAt && input.lastSentAt.getTime() >= moment) ? nearest : null;
  return { send, skip: fresh.filter((h) => h !== send).sort((a, b) => b - a) };
}

interface LockedInvite {
  id: string;
  company_id: string;
  interview_id: string;
  token_hash: string;
  link_sealed: string | null;
  candidate_name: string | null;
  candidate_email: string;
  last_sent_at: string | Date | null;
  expires_at: string | Date;
  title: string;
  offsets: number[] | string;
  company_name: string;
  recorded: number[] | string;
}

const jsonOf = <T>(value: T | string): T => (typeof value === "string" ? (JSON.parse(value) as T) : value);

/** The invite, locked, if it is still eligible (skipped while a start holds it: the next run sees it again). */
async function lockEligible(tx: Tx, tokenId: string, now: string): Promise<LockedInvite | null> {
  const [row] = rowsOf<LockedInvite>(
    await tx.execute(sql`
      SELECT t.id, t.company_id, t.interview_id, t.token_hash, t.link_sealed, t.candidate_name, t.candidate_email,
             t.last_sent_at, ${EXPIRY} AS expires_at, i.title, i.reminder_offsets_hours AS offsets,
             c.name AS company_name,
             (SELECT COALESCE(json_agg(r.offset_hours), '[]'::json) FROM invite_reminders r
               WHERE r.token_id = t.id AND r.expires_at = ${EXPIRY}) AS recorded
        FROM candidate_tokens t
        JOIN interviews i ON i.id = t.interview_id
        JOIN companies c ON c.id = t.company_id
       WHERE t.id = ${tokenId} AND ${eligible(now)}
         FOR UPDATE OF t SKIP LOCKED`),
  );
  return row ?? null;
}

/** One invite's reminder, in one transaction: the once-only row(s), the email and its audit row commit together. */
async function remindOne(tx: Tx, tokenId: string, now: Date, baseUrl: string) {
  const invite = await lockEligible(tx, tokenId, now.toISOString());
  if (!invite) return null;
  const expiresAt = new Date(invite.expires_at);
  const plan = planReminders({
    offsets: jsonOf(invite.offsets),
    recorded: jsonOf(invite.recorded),
    expiresAt,
    lastSentAt: invite.last_sent_at ? new Date(invite.last_sent_at) : null,
    now,
  });
  const offsets = [...plan.skip, ...(plan.send === null ? [] : [plan.send])];
  if (offsets.length === 0) return null;
  const claimed = await tx
    .insert(inviteReminders)
    .values(
      offsets.map((h) => ({
        companyId: invite.company_id,
        tokenId: invite.id,
        offsetHours: h,
        expiresAt,
        skipped: h !== plan.send,
        createdAt: now,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: inviteReminders.id, offsetHours: inviteReminders.offsetHours });
  const sending = claimed.find((row) => row.offsetHours === plan.send);
  if (!sending) return { email: null, skipped: claimed.length };

  const value = openInviteSeal(invite.link_sealed, invite.token_hash);
  const message = reminderEmail({
    candidateName: invite.candidate_name,
    interviewTitle: invite.title,
    companyName: invite.company_name,
    expiresAt,
    link: value ? interviewUrl(baseUrl, value) : null,
    unsubscribeUrl: unsubscribePageUrl(baseUrl, invite.id),
    now,
  });
  const email = await queueEmail(tx, {
    companyId: invite.company_id,
    tokenId: invite.id,
    to: invite.candidate_email,
    ...message,
    // RFC 8058: a mail client's one-click "unsubscribe" POSTs `List-Unsubscribe=One-Click` to this address.
    headers: {
      "List-Unsubscribe": `<${unsubscribeApiUrl(baseUrl, invite.id)}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  });
  await tx.execute(sql`UPDATE invite_reminders SET email_id = ${email.id} WHERE id = ${sending.id}`);
  await writeAudit(tx, {
    action: "INVITE_REMINDER_SENT",
    companyId: invite.company_id,
    userId: null,
    resourceType: "candidate_token",
    resourceId: invite.id,
    details: {
      interview_id: invite.interview_id,
      offset_hours: plan.send,
      expires_at: expiresAt.toISOString(),
      passed_over_offsets: plan.skip,
      link_included: value !== null,
      email_id: email.id,
    },
    now,
  });
  return { email, skipped: claimed.length - 1 };
}

/**
 * Sends the reminders due at `now`: for each invite with a due offset not yet recorded, its own transaction. Safe to
 * run from any number of workers at once (row lock, SKIP LOCKED, and the unique row). Emails are enqueued after the
 * commits; a crash in between is picked up by the email sweep.
 */
export async function sendDueReminders({ now = new Date() }: { now?: Date } = {}) {
  const db = await getDb();
  const at = now.toISOString();
  const due = rowsOf<{ id: string }>(
    await db.execute(sql`
      SELECT t.id FROM candidate_tokens t JOIN interviews i ON i.id = t.interview_id
       WHERE ${eligible(at)}
         AND EXISTS (
           SELECT 1 FROM jsonb_array_elements_text(i.reminder_offsets_hours) o(h)
            WHERE ${EXPIRY} - make_interval(hours => o.h::int) <= ${at}::timestamptz
              AND NOT EXISTS (SELECT 1 FROM invite_reminders r
                               WHERE r.token_id = t.id AND r.offset_hours = o.h::int AND r.expires_at = ${EXPIRY}))
       ORDER BY ${EXPIRY}
       LIMIT ${BATCH}`),
  );
  const baseUrl = reminderBaseUrl();
  const emails: QueuedEmail[] = [];
  let skipped = 0;
  for (const { id } of due) {
    const outcome = await db.transaction((tx) => remindOne(tx, id, now, baseUrl));
    if (outcome?.email) emails.push(outcome.email);
    skipped += outcome?.skipped ?? 0;
  }
  await sendAllLater(emails);
  return { sent: emails.length, skipped };
}
