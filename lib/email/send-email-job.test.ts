import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { candidateTokens, emailOutbox } from "@/db/schema";
import { jobIdFor, type JobPolicy } from "@/lib/jobs/define";
import { JOB_HANDLERS } from "@/lib/jobs/handlers";
import { SEND_EMAIL, SWEEP_EMAIL } from "@/lib/jobs/queues";
import type { JobRegistration } from "@/lib/jobs/registry";
import { getBoss, startJobs, stopJobs } from "@/lib/jobs/runtime";
import { drainQueue, FAST_TIMINGS } from "@/test/kits/jobs";
import { bulkMint, MAX_BULK_ROWS } from "@/lib/invites/bulk";
import { resendInvite } from "@/lib/invites/resend";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { smtpReply, useSmtpServer } from "@/test/smtp-server";
import { useTestDb } from "@/test/use-test-db";
import { queueEmail } from "./outbox";
import { sweepUnsentEmail } from "./send-later";

// Email through the queue: a request writes the outbox row and enqueues its job, and never talks to the mail server;
// the send-email job (the real handler, run by workers in this process) delivers it, retrying what may pass and
// recording what will not. A real SMTP server process answers, scripted per recipient.

const fixture = useTestDb();
const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const baseUrl = "http://localhost:3000";
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");

// Per recipient: the replies to give before accepting (a 4xx or 5xx code each), and how long to stall the RCPT.
const scripts = new Map<string, { replies: number[]; stallMs?: number }>();
const rcpts = new Map<string, number>();
const smtp = useSmtpServer({
  onRcptTo(address, _session, callback) {
    const to = address.address;
    rcpts.set(to, (rcpts.get(to) ?? 0) + 1);
    const script = scripts.get(to);
    const code = script?.replies.shift();
    const answer = () =>
      code ? callback(smtpReply(code, code < 500 ? "Greylisted, try again later" : "No such user here")) : callback();
    if (script?.stallMs) setTimeout(answer, script.stallMs);
    else answer();
  },
});
const receivedBy = (to: string) => smtp.server.received.filter((m) => m.to.includes(to));

const handlerOf = (queue: string) => JOB_HANDLERS.find((r) => r.definition.queue === queue)!.handler;

/** Workers for the email queues: the real handlers, with retries a test can wait for and no cron firing mid-test. */
async function startEmailWorkers({
  concurrency = 4,
  policy = {},
}: { concurrency?: number; policy?: Partial<JobPolicy> } = {}) {
  await stopJobs();
  const registrations: JobRegistration[] = [
    {
      definition: {
        ...SEND_EMAIL,
        policy: { ...SEND_EMAIL.policy, retryDelaySeconds: 1, retryBackoff: false, ...policy },
      },
      handler: handlerOf(SEND_EMAIL.queue),
    },
    { definition: { ...SWEEP_EMAIL, cron: undefined }, handler: handlerOf(SWEEP_EMAIL.queue) },
  ];
  return startJobs({
    workers: true,
    handle: fixture.db,
    registrations,
    timings: FAST_TIMINGS,
    concurrency,
    catchUp: false,
  });
}

async function outboxRows(ids: string[]) {
  return fixture.db.db.select().from(emailOutbox).where(inArray(emailOutbox.id, ids));
}

async function emailOf(tokenId: string) {
  const [row] = await fixture.db.db
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.tokenId, tokenId))
    .orderBy(sql`${emailOutbox.createdAt} DESC`)
    .limit(1);
  return row!;
}

afterAll(async () => {
  await stopJobs();
});

describe("requests only enqueue", () => {
  it("mint and resend answer 'queued' without contacting the mail server; the job then delivers both links", async () => {
    await stopJobs(); // nothing runs the queue: whatever reaches the server now came from the request itself
    const interview = await makeInterview(hr(), { title: "Queue check" });
    const minted = await makeInvite(hr(), interview.id, {
      candidate_email: "queued@example.com",
      candidate_name: "Queued",
    });
    const other = await makeInvite(hr(), interview.id, { candidate_email: "resent@example.com" });
    // The resend cooldown counts from the last send: move it back instead of waiting a minute.
    await fixture.db.db
      .update(candidateTokens)
      .set({ lastSentAt: new Date(Date.now() - 120_000) })
      .where(eq(candidateTokens.id, other.token.id));
    const resent = await resendInvite({
      actor: hr(),
      interviewId: interview.id,
      tokenId: other.token.id,
      baseUrl,
      meta,
    });

    expect(minted.delivery).toBe("queued");
    expect(resent.delivery).toBe("queued");
    expect(smtp.server.connections()).toBe(0);
    const mintedEmail = await emailOf(minted.token.id);
    expect(mintedEmail).toMatchObject({ status: "queued", transport: "smtp", attempts: 0 });
    const boss = await getBoss();
    expect(await boss.getJobById(SEND_EMAIL.queue, jobIdFor(SEND_EMAIL.queue, mintedEmail.id))).toMatchObject({
      state: "created",
      data: { email_id: mintedEmail.id },
    });

    const runtime = await startEmailWorkers();
    await drainQueue(runtime.boss, SEND_EMAIL.queue);
    expect(receivedBy("queued@example.com")[0]!.text).toContain(`/interview/${minted.value}`);
    expect(receivedBy("resent@example.com").map((m) => m.text.includes(`/interview/${resent.value}`))).toContain(true);
    expect(await emailOf(minted.token.id)).toMatchObject({ status: "sent", attempts: 1 });
    expect(await emailOf(other.token.id)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it(`a bulk upload of ${MAX_BULK_ROWS} rows answers before any email is sent, and the emails then drain in the background`, async () => {
    await stopJobs();
    const interview = await makeInterview(hr(), { title: "Bulk queue check" });
    const addresses = Array.from({ length: MAX_BULK_ROWS }, (_, i) => `bulk${i}@example.com`);
    const csv = ["name,email", ...addresses.map((a, i) => `Candidate ${i},${a}`)].join("\n");
    const connectionsBefore = smtp.server.connections();

    const invites = await bulkMint({ actor: hr(), interviewId: interview.id, csv, baseUrl, meta });

    expect(invites).toHaveLength(MAX_BULK_ROWS);
    expect(new Set(invites.map((i) => i.email_delivery))).toEqual(new Set(["queued"]));
    expect(smtp.server.connections()).toBe(connectionsBefore);
    const boss = await getBoss();
    expect(await boss.getQueueSize(SEND_EMAIL.queue, { before: "completed" })).toBe(MAX_BULK_ROWS);

    const runtime = await startEmailWorkers({ concurrency: 25 });
    await drainQueue(runtime.boss, SEND_EMAIL.queue, 180_000);
    expect(new Set(smtp.server.received.flatMap((m) => m.to).filter((to) => to.startsWith("bulk")))).toEqual(
      new Set(addresses),
    );
    const tokens = await fixture.db.db
      .select({ id: candidateTokens.id })
      .from(candidateTokens)
      .where(eq(candidateTokens.interviewId, interview.id));
    const rows = await fixture.db.db
      .select({ status: emailOutbox.status, attempts: emailOutbox.attempts })
      .from(emailOutbox)
      .where(
        inArray(
          emailOutbox.tokenId,
          tokens.map((t) => t.id),
        ),
      );
    expect(rows).toHaveLength(MAX_BULK_ROWS);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  }, 240_000);
});

describe("retries", () => {
  it("a temporary refusal (451) is retried by the queue and then delivered, once", async () => {
    scripts.set("greylisted@example.com", { replies: [451, 451] });
    const runtime = await startEmailWorkers({ policy: { retryLimit: 3 } });
    const interview = await makeInterview(hr());
    const minted = await makeInvite(hr(), interview.id, { candidate_email: "greylisted@example.com" });
    const email = await emailOf(minted.token.id);
    await drainQueue(runtime.boss, SEND_EMAIL.queue);

    expect(await emailOf(minted.token.id)).toMatchObject({ status: "sent", attempts: 3, error: null });
    expect(receivedBy("greylisted@example.com")).toHaveLength(1);
    expect(await runtime.boss.getJobById(SEND_EMAIL.queue, jobIdFor(SEND_EMAIL.queue, email.id))).toMatchObject({
      state: "completed",
      retryCount: 2,
    });
  });

  it("a permanent refusal (550) is failed with the server's reason at once, never retried", async () => {
    scripts.set("unknown@example.com", { replies: [550, 550, 550, 550] });
    const runtime = await startEmailWorkers({ policy: { retryLimit: 3 } });
    const interview = await makeInterview(hr());
    const minted = await makeInvite(hr(), interview.id, { candidate_email: "unknown@example.com" });
    const email = await emailOf(minted.token.id);
    await drainQueue(runtime.boss, SEND_EMAIL.queue);

    const failed = await emailOf(minted.token.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 1, sentAt: null });
    expect(failed.error).toContain("No such user here");
    expect(rcpts.get("unknown@example.com")).toBe(1);
    expect(await runtime.boss.getJobById(SEND_EMAIL.queue, jobIdFor(SEND_EMAIL.queue, email.id))).toMatchObject({
      state: "completed",
      retryCount: 0,
    });
  });

  it("temporary refusals through the last attempt leave it failed with the last reason, after every attempt", async () => {
    scripts.set("always-busy@example.com", { replies: [421, 421, 421, 421, 421] });
    const runtime = await startEmailWorkers({ policy: { retryLimit: 2 } });
    const interview = await makeInterview(hr());
    const minted = await makeInvite(hr(), interview.id, { candidate_email: "always-busy@example.com" });
    await drainQueue(runtime.boss, SEND_EMAIL.queue);

    const failed = await emailOf(minted.token.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 3 });
    expect(failed.error).toContain("Greylisted");
    expect(rcpts.get("always-busy@example.com")).toBe(3);
    expect(receivedBy("always-busy@example.com")).toHaveLength(0);
  });
});

describe("never twice", () => {
  it("three jobs for one row, on four workers, send it once", async () => {
    scripts.set("once@example.com", { replies: [], stallMs: 500 }); // the first send is still going while the others run
    const runtime = await startEmailWorkers({ concurrency: 4 });
    const companyId = hr().companyId;
    const email = await queueEmail(fixture.db.db, {
      companyId,
      to: "once@example.com",
      subject: "Once",
      text: "Only once",
    });
    // Distinct job ids (not the email's key), as a sweep after archival or an operator's retry could make.
    await Promise.all(
      [1, 2, 3].map(() => runtime.boss.send(SEND_EMAIL.queue, { company_id: companyId, email_id: email.id })),
    );
    await drainQueue(runtime.boss, SEND_EMAIL.queue);

    expect(receivedBy("once@example.com")).toHaveLength(1);
    expect(rcpts.get("once@example.com")).toBe(1);
    expect((await outboxRows([email.id]))[0]).toMatchObject({ status: "sent", attempts: 1 });
  });
});

describe("the email sweep", () => {
  it("enqueues an SMTP email whose job a crash lost, once; leaves recent and retrying ones to their own job", async () => {
    const runtime = await startEmailWorkers();
    const companyId = hr().companyId;
    const db = fixture.db.db;
    const lost = await queueEmail(db, { companyId, to: "lost@example.org", subject: "Lost", text: "Lost job" });
    const recent = await queueEmail(db, { companyId, to: "recent@example.org", subject: "Recent", text: "Own job" });
    const retrying = await queueEmail(db, {
      companyId,
      to: "retrying@example.org",
      subject: "Retrying",
      text: "Retry pending",
    });
    const old = new Date(Date.now() - 5 * 60_000);
    await db.update(emailOutbox).set({ createdAt: old }).where(eq(emailOutbox.id, lost.id));
    await db
      .update(emailOutbox)
      .set({ createdAt: old, attempts: 1, error: "451 try later" })
      .where(eq(emailOutbox.id, retrying.id));

    // The sweep job on its own queue (the workers' schedule runs it every minute).
    await runtime.boss.send(SWEEP_EMAIL.queue, { minute: "test" });
    await drainQueue(runtime.boss, SWEEP_EMAIL.queue);
    await drainQueue(runtime.boss, SEND_EMAIL.queue);
    expect(receivedBy("lost@example.org")).toHaveLength(1);
    const rows = new Map((await outboxRows([lost.id, recent.id, retrying.id])).map((r) => [r.id, r.status]));
    expect(Object.fromEntries(rows)).toEqual({ [lost.id]: "sent", [recent.id]: "queued", [retrying.id]: "queued" });

    // A second sweep finds nothing new to send.
    expect(await sweepUnsentEmail()).toEqual({ emails: 0 });
    await drainQueue(runtime.boss, SEND_EMAIL.queue);
    expect(receivedBy("lost@example.org")).toHaveLength(1);
  });
});
