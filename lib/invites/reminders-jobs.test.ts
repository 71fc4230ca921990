import { eq, inArray } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, candidateTokens, emailOutbox, inviteReminders } from "@/db/schema";
import { startBoss } from "@/lib/jobs/boss";
import { enqueue } from "@/lib/jobs/enqueue";
import { JOB_HANDLERS } from "@/lib/jobs/handlers";
import { SEND_EMAIL, SEND_INVITE_REMINDERS } from "@/lib/jobs/queues";
import { startJobs, stopJobs, type JobRuntime } from "@/lib/jobs/runtime";
import { startWorkers } from "@/lib/jobs/worker";
import { FAST_TIMINGS, waitFor } from "@/test/kits/jobs";
import { call, fileClientIp } from "@/test/http";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useSmtpServer } from "@/test/smtp-server";
import { useTestDb } from "@/test/use-test-db";
import { POST } from "@/app/api/candidates/invites/unsubscribe/route";

// The send-invite-reminders job run by two pg-boss instances at once (two workers sharing the queue, two fetch loops
// each), with SMTP: each due reminder is recorded and delivered exactly once, and the delivered message carries the
// RFC 8058 headers, whose address really stops the reminders.

const fixture = useTestDb();
const smtp = useSmtpServer();
const ip = fileClientIp();
const HOUR = 3_600_000;
let runtime: JobRuntime;
let second: PgBoss;

const registrations = JOB_HANDLERS.filter((r) =>
  [SEND_INVITE_REMINDERS.queue, SEND_EMAIL.queue].includes(r.definition.queue),
);

beforeAll(async () => {
  await stopJobs();
  runtime = await startJobs({
    workers: true,
    handle: fixture.db,
    registrations,
    timings: FAST_TIMINGS,
    concurrency: 2,
    catchUp: false,
  });
  second = await startBoss({
    handle: fixture.db,
    connectionString: fixture.db.url,
    supervise: false,
    definitions: [SEND_INVITE_REMINDERS],
    timings: FAST_TIMINGS,
  });
  await startWorkers(
    second,
    registrations.filter((r) => r.definition.queue === SEND_INVITE_REMINDERS.queue),
    { concurrency: 2, pollingIntervalSeconds: 0.5 },
  );
});

afterAll(async () => {
  await second?.stop({ graceful: false, close: true });
  await stopJobs();
});

// A header as delivered: folded lines joined.
const header = (raw: string, name: string) =>
  new RegExp(`^${name}:(.*(?:\\r?\\n[ \\t].*)*)`, "mi")
    .exec(raw)?.[1]
    ?.replace(/\r?\n[ \t]+/g, " ")
    .trim();

describe("send-invite-reminders on two workers", () => {
  it("records and delivers each due reminder once, with List-Unsubscribe headers that work", async () => {
    const hr = actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
    const interview = await makeInterview(hr, { reminder_offsets_hours: [24] });
    const addresses = ["ada@example.org", "grace@example.org", "edsger@example.org"];
    const invites = await Promise.all(
      addresses.map((candidate_email) => makeInvite(hr, interview.id, { candidate_email, expires_in_hours: 10 })),
    );
    const ids = invites.map((i) => i.token.id);
    const db = await getDb();
    // The invitations went out a day ago, so the 24-hour reminder (due 14 hours ago) is owed now.
    await db
      .update(candidateTokens)
      .set({ lastSentAt: new Date(Date.now() - 24 * HOUR) })
      .where(inArray(candidateTokens.id, ids));

    const jobs = await Promise.all(
      ["a", "b", "c", "d"].map((minute) => enqueue(SEND_INVITE_REMINDERS, { minute: `test-${minute}` })),
    );
    for (const { id } of jobs) {
      await waitFor(
        async () => (await runtime.boss.getJobById(SEND_INVITE_REMINDERS.queue, id))?.state === "completed",
        "the reminder jobs to complete",
      );
    }
    const rows = await db.select().from(inviteReminders).where(inArray(inviteReminders.tokenId, ids));
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => !r.skipped && r.emailId)).toBe(true);
    const audits = await db.select().from(auditLogs).where(inArray(auditLogs.resourceId, ids));
    expect(audits.filter((a) => a.action === "INVITE_REMINDER_SENT")).toHaveLength(3);

    const reminders = () => smtp.server.received.filter((m) => m.text.includes("Subject: Reminder: your interview"));
    await waitFor(async () => reminders().length >= 3, "three reminders to arrive");
    await waitFor(
      async () =>
        (
          await db
            .select()
            .from(emailOutbox)
            .where(
              inArray(
                emailOutbox.id,
                rows.map((r) => r.emailId!),
              ),
            )
        ).every((e) => e.status === "sent"),
      "the outbox rows to say sent",
    );
    expect(
      reminders()
        .map((m) => m.to[0])
        .sort(),
    ).toEqual([...addresses].sort());

    const ada = reminders().find((m) => m.to.includes("ada@example.org"))!;
    const adaInvite = invites.find((i) => i.token.candidateEmail === "ada@example.org")!;
    expect(ada.text).toContain(`/interview/${adaInvite.value}`);
    expect(header(ada.raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const listUnsubscribe = header(ada.raw, "List-Unsubscribe")!;
    const url = /^<(https?:\/\/[^>]+\/api\/candidates\/invites\/unsubscribe\?t=[^>]+)>$/.exec(listUnsubscribe.trim());
    expect(url, listUnsubscribe).not.toBeNull();

    // What a mail client's one-click does with that header.
    const res = await call(POST, url![1]!, {
      ip,
      rawBody: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(200);
    const [stopped] = await db
      .select({ at: candidateTokens.remindersUnsubscribedAt })
      .from(candidateTokens)
      .where(eq(candidateTokens.id, adaInvite.token.id));
    expect(stopped!.at).not.toBeNull();
  });
});
