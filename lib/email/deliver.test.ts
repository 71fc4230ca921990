import { eq } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { emailOutbox } from "@/db/schema";
import { closedSmtpUrl, smtpReply, startSmtpServer, useSmtpUrl, type TestSmtpServer } from "@/test/smtp-server";
import { useTestDb } from "@/test/use-test-db";
import { deliverEmail, TransientEmailFailure } from "./deliver";
import { inviteEmail } from "./invite-template";
import { queueEmail } from "./outbox";
import { REDACTED_LINK } from "./redact-links";
import { classifySmtpFailure } from "./smtp-failure";

// One delivery attempt against a real SMTP server process: what is sent, what the row records, and which failures are
// left for the job's next attempt. (The job around it: send-email-job.test.ts.)

const handle = useTestDb();
const nextgen = () => handle.people["admin@nextgenai.com"]!.companyId;

const LINK = "http://localhost:3000/interview/Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1u";
const invite = inviteEmail({
  candidateName: "Jane Doe",
  interviewTitle: "Backend Engineer",
  companyName: "NextGen AI",
  expiresAt: new Date("2026-11-24T14:00:00Z"),
  link: LINK,
  now: new Date("2026-11-21T14:00:00Z"),
});

async function queueInvite(to = "jane@example.com") {
  const db = await getDb();
  return db.transaction((tx) =>
    queueEmail(tx, { companyId: nextgen(), to, subject: invite.subject, text: invite.text, html: invite.html }),
  );
}

async function row(id: string) {
  const [found] = await (await getDb()).select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return found!;
}

const servers: TestSmtpServer[] = [];
async function smtp(hooks: Parameters<typeof startSmtpServer>[0] = {}) {
  const server = await startSmtpServer(hooks);
  servers.push(server);
  useSmtpUrl(server.url);
  return server;
}

afterEach(() => useSmtpUrl(undefined));
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe("a delivered email", () => {
  it("arrives once, is marked sent after one attempt, and a second call does not send it again", async () => {
    const server = await smtp();
    const { id } = await queueInvite();
    expect(await deliverEmail(id)).toBe("sent");
    expect(await row(id)).toMatchObject({
      status: "sent",
      error: null,
      attempts: 1,
      sentAt: expect.any(Date),
      lastAttemptAt: expect.any(Date),
    });

    expect(server.received).toHaveLength(1);
    const [mail] = server.received;
    expect(mail!.to).toEqual(["jane@example.com"]);
    expect(mail!.raw).toMatch(/^To: jane@example\.com\r?$/m);
    expect(mail!.raw).toMatch(/^Subject: Your interview for Backend Engineer at NextGen AI\r?$/m);
    expect(mail!.raw).toMatch(/^From: AI Interviewer <no-reply@localhost>\r?$/m);
    // The same Message-ID on every attempt: a copy a lost reply made the job send again is recognisably the same.
    expect(mail!.raw).toMatch(new RegExp(`^Message-ID: <${id}@localhost>\\r?$`, "m"));
    expect(mail!.text).toContain(LINK);

    expect(await deliverEmail(id)).toBe("sent");
    expect(server.received).toHaveLength(1);
  });

  it("keeps no working link: the candidate got it, the stored copy did not", async () => {
    const server = await smtp();
    const { id } = await queueInvite();
    expect(await deliverEmail(id)).toBe("sent");
    expect(server.received[0]!.text).toContain(LINK);
    const stored = await row(id);
    const token = LINK.split("/").pop()!;
    expect(stored.textBody).not.toContain(token);
    expect(stored.htmlBody).not.toContain(token);
    expect(stored.textBody).toContain(REDACTED_LINK);
    expect(stored.htmlBody).toContain(REDACTED_LINK);
    expect(stored.textBody).toContain("Jane"); // the rest of the message stays readable
  });

  it("is sent once when two deliveries race for the row", async () => {
    const server = await smtp();
    const { id } = await queueInvite();
    const results = await Promise.all([deliverEmail(id), deliverEmail(id)]);
    expect(results).toContain("sent");
    expect(server.received).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 1 });
  });
});

describe("a refused email", () => {
  it("is failed at once with the server's reason on a permanent refusal (550), even before the last attempt", async () => {
    await smtp({ onRcptTo: (_address, _session, callback) => callback(smtpReply(550, "Mailbox unavailable")) });
    const { id } = await queueInvite();
    expect(await deliverEmail(id, { lastAttempt: false })).toBe("failed");
    const failed = await row(id);
    expect(failed).toMatchObject({ status: "failed", sentAt: null, attempts: 1 });
    expect(failed.error).toMatch(/550.*Mailbox unavailable|Mailbox unavailable/);
  });

  it("goes back to the queue with its error on a temporary refusal (451), and the next attempt sends it", async () => {
    let refusals = 1;
    const server = await smtp({
      onRcptTo: (_address, _session, callback) =>
        refusals-- > 0 ? callback(smtpReply(451, "Greylisted, try again later")) : callback(),
    });
    const { id } = await queueInvite();
    await expect(deliverEmail(id, { lastAttempt: false })).rejects.toBeInstanceOf(TransientEmailFailure);
    const waiting = await row(id);
    expect(waiting).toMatchObject({ status: "queued", attempts: 1, sentAt: null });
    expect(waiting.error).toContain("Greylisted");
    expect(waiting.textBody).toContain(LINK); // not delivered: the link stays for the next attempt

    expect(await deliverEmail(id, { lastAttempt: false })).toBe("sent");
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2, error: null });
    expect(server.received).toHaveLength(1);
  });

  it("is failed on the last attempt even when the failure is temporary", async () => {
    await smtp({ onRcptTo: (_address, _session, callback) => callback(smtpReply(421, "Service not available")) });
    const { id } = await queueInvite();
    expect(await deliverEmail(id, { lastAttempt: true })).toBe("failed");
    expect(await row(id)).toMatchObject({ status: "failed", attempts: 1 });
  });

  it("is retried, fast, when nothing listens at SMTP_URL", async () => {
    useSmtpUrl(await closedSmtpUrl());
    const { id } = await queueInvite();
    const started = Date.now();
    await expect(deliverEmail(id, { lastAttempt: false })).rejects.toBeInstanceOf(TransientEmailFailure);
    expect(Date.now() - started).toBeLessThan(5_000);
    const waiting = await row(id);
    expect(waiting).toMatchObject({ status: "queued", attempts: 1 });
    expect(waiting.error).toMatch(/ECONNREFUSED|connect/i);
  });

  it("stays 'sending' when a worker died mid-send: never claimed, so never sent, again", async () => {
    const server = await smtp();
    const { id } = await queueInvite();
    await (await getDb()).update(emailOutbox).set({ status: "sending", attempts: 1 }).where(eq(emailOutbox.id, id));
    expect(await deliverEmail(id, { lastAttempt: false })).toBe("sending");
    expect(server.received).toHaveLength(0);
    expect(await row(id)).toMatchObject({ status: "sending", attempts: 1 });
  });
});

describe("an email whose candidate is erased while it is being sent", () => {
  // What lib/erasure/carry-out.ts does to a row that is "sending": address and bodies replaced, status left alone.
  const erase = async (id: string) => {
    await (
      await getDb()
    )
      .update(emailOutbox)
      .set({ toAddress: "erased", subject: "[erased]", textBody: "[erased]", htmlBody: null, headers: null })
      .where(eq(emailOutbox.id, id));
  };
  const erasedRow = { toAddress: "erased", subject: "[erased]", textBody: "[erased]", htmlBody: null, headers: null };

  it("stays redacted once delivered: the sender does not write the original body back", async () => {
    let id = "";
    const server = await smtp({
      onRcptTo: (_address, _session, callback) => void erase(id).then(() => callback(), callback),
    });
    ({ id } = await queueInvite());
    expect(await deliverEmail(id)).toBe("sent");
    expect(server.received).toHaveLength(1); // it was on its way already
    expect(await row(id)).toMatchObject({ ...erasedRow, status: "sent", sentAt: expect.any(Date), error: null });
  });

  it("is not queued again after a temporary failure, and keeps no server reply", async () => {
    let id = "";
    const server = await smtp({
      onRcptTo: (_address, _session, callback) =>
        void erase(id).then(() => callback(smtpReply(451, "Greylisted jane@example.com")), callback),
    });
    ({ id } = await queueInvite());
    expect(await deliverEmail(id, { lastAttempt: false })).toBe("failed");
    expect(server.received).toHaveLength(0);
    const failed = await row(id);
    expect(failed).toMatchObject({ ...erasedRow, status: "failed", sentAt: null, attempts: 1 });
    expect(failed.error).not.toContain("jane@example.com");
  });

  it("stays redacted after a permanent failure", async () => {
    let id = "";
    await smtp({
      onRcptTo: (_address, _session, callback) =>
        void erase(id).then(() => callback(smtpReply(550, "No such user jane@example.com")), callback),
    });
    ({ id } = await queueInvite());
    expect(await deliverEmail(id, { lastAttempt: false })).toBe("failed");
    const failed = await row(id);
    expect(failed).toMatchObject({ ...erasedRow, status: "failed" });
    expect(failed.error).not.toContain("jane@example.com");
  });
});

describe("which SMTP failures are worth another attempt", () => {
  it("4xx replies and unreachable servers are transient; 5xx replies and malformed messages are not", () => {
    expect(classifySmtpFailure({ responseCode: 421, code: "EENVELOPE" })).toBe("transient");
    expect(classifySmtpFailure({ responseCode: 452, code: "EMESSAGE" })).toBe("transient");
    expect(classifySmtpFailure({ code: "ETIMEDOUT" })).toBe("transient");
    expect(classifySmtpFailure({ code: "ECONNECTION" })).toBe("transient");
    expect(classifySmtpFailure({ code: "ESOCKET" })).toBe("transient");
    expect(classifySmtpFailure({ responseCode: 550, code: "EENVELOPE" })).toBe("permanent");
    expect(classifySmtpFailure({ responseCode: 554, code: "EMESSAGE" })).toBe("permanent");
    expect(classifySmtpFailure({ code: "EENVELOPE" })).toBe("permanent"); // an address nodemailer refuses to send to
    expect(classifySmtpFailure(new Error("anything else"))).toBe("permanent");
  });
});
