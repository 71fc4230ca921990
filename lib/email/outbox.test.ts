import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { emailOutbox } from "@/db/schema";
import { setEnvForTests } from "@/lib/env";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { inviteEmail } from "./invite-template";
import { deliverEmail, listOutbox, queueEmail } from "./outbox";
import { REDACTED_LINK } from "./redact-links";
import { resetMailTransportForTests } from "./transport";

const handle = useTestDb();
const nextgen = () => handle.people["admin@nextgenai.com"]!.companyId;
const globex = () => handle.people["admin@globex.com"]!.companyId;
const hr = () => actorFrom(handle.people["hr@nextgenai.com"]!, "HR");
const lead = () => actorFrom(handle.people["lead@nextgenai.com"]!, "TEAM_LEAD");
const admin = (company: "nextgenai" | "globex") => actorFrom(handle.people[`admin@${company}.com`]!, "ADMIN");

const LINK = "http://localhost:3000/interview/Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1u";
const invite = inviteEmail({
  candidateName: "Jane Doe",
  interviewTitle: "Backend Engineer",
  companyName: "NextGen AI",
  expiresAt: new Date("2026-11-24T14:00:00Z"),
  link: LINK,
  now: new Date("2026-11-21T14:00:00Z"),
});

async function queueInvite(companyId: string, to = "jane@example.com") {
  const db = await getDb();
  return db.transaction((tx) => queueEmail(tx, { companyId, to, subject: invite.subject, text: invite.text, html: invite.html }));
}

async function row(id: string) {
  const [found] = await (await getDb()).select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return found!;
}

// A real SMTP server process on a random local port, recording what it accepted.
const servers: SMTPServer[] = [];
async function startSmtp(hooks: Pick<SMTPServerOptions, "onRcptTo"> = {}) {
  const received: { rcptTo: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // smtp-server's STARTTLS uses a self-signed certificate that nodemailer would rightly refuse.
    disabledCommands: ["STARTTLS"],
    logger: false,
    ...hooks,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({ rcptTo: session.envelope.rcptTo.map((a) => a.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  useSmtp(`smtp://127.0.0.1:${port}`);
  return received;
}

function useSmtp(url: string | undefined) {
  setEnvForTests(url ? { SMTP_URL: url } : undefined);
  resetMailTransportForTests();
}

// Bodies go out quoted-printable, which wraps long lines and escapes "=".
const decodeQuotedPrintable = (raw: string) =>
  raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

afterEach(() => useSmtp(undefined));
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

describe("without SMTP_URL", () => {
  it("keeps the email queued in the outbox for the dashboard", async () => {
    const { id } = await queueInvite(nextgen());
    expect(await deliverEmail(id)).toBe("outbox");
    expect(await row(id)).toMatchObject({ status: "queued", transport: "outbox", sentAt: null, error: null });
  });

  it("writes nothing when the caller's transaction rolls back", async () => {
    const db = await getDb();
    const before = (await listOutbox(db, { viewer: admin("nextgenai"), page: 1, pageSize: 100 })).total;
    await expect(
      db.transaction(async (tx) => {
        await queueEmail(tx, { companyId: nextgen(), to: "x@example.com", subject: "s", text: "t" });
        throw new Error("mint failed");
      }),
    ).rejects.toThrow("mint failed");
    expect((await listOutbox(db, { viewer: admin("nextgenai"), page: 1, pageSize: 100 })).total).toBe(before);
  });

  it("lists only the company's own emails, newest first, by page", async () => {
    const db = await getDb();
    const first = await queueInvite(nextgen(), "first@example.com");
    const second = await queueInvite(nextgen(), "second@example.com");
    const foreign = await queueInvite(globex(), "other@example.com");

    const all = await listOutbox(db, { viewer: admin("nextgenai"), page: 1, pageSize: 100 });
    const ids = all.items.map((i) => i.id);
    expect(ids).not.toContain(foreign.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    expect(all.items.find((i) => i.id === second.id)).toMatchObject({ toAddress: "second@example.com", subject: invite.subject });
    expect(all.items[0]!.textBody).toContain(LINK);

    const pageOne = await listOutbox(db, { viewer: admin("nextgenai"), page: 1, pageSize: 1 });
    const pageTwo = await listOutbox(db, { viewer: admin("nextgenai"), page: 2, pageSize: 1 });
    expect(pageOne.total).toBe(all.total);
    expect(pageOne.items.map((i) => i.id)).toEqual([ids[0]]);
    expect(pageTwo.items.map((i) => i.id)).toEqual([ids[1]]);

    const other = await listOutbox(db, { viewer: admin("globex"), page: 1, pageSize: 100 });
    expect(other.items.map((i) => i.id)).toEqual([foreign.id]);
  });
});

describe("who sees an invite email", () => {
  it("a TEAM_LEAD sees only the emails of interviews they own; HR and ADMIN see every one of the company", async () => {
    const db = await getDb();
    const hrInterview = await makeInterview(hr());
    const theirs = await makeInvite(hr(), hrInterview.id, { candidate_email: "someone-else@example.com" });
    const leadInterview = await makeInterview(lead());
    const own = await makeInvite(lead(), leadInterview.id, { candidate_email: "mine@example.com" });

    const seenByLead = await listOutbox(db, { viewer: lead(), page: 1, pageSize: 100 });
    expect(seenByLead.items.map((i) => i.toAddress)).toEqual(["mine@example.com"]);
    expect(seenByLead.total).toBe(1);
    // Nothing of the other candidate's message reaches the lead: not the address, not the text, not the link.
    expect(JSON.stringify(seenByLead)).not.toContain(theirs.value);
    expect(JSON.stringify(seenByLead)).not.toContain("someone-else@example.com");
    expect(seenByLead.items[0]!.textBody).toContain(own.value); // still queued (no SMTP): the manager may copy it

    for (const viewer of [hr(), admin("nextgenai")]) {
      const seen = (await listOutbox(db, { viewer, page: 1, pageSize: 100 })).items.map((i) => i.toAddress);
      expect(seen).toEqual(expect.arrayContaining(["mine@example.com", "someone-else@example.com"]));
    }
    expect((await listOutbox(db, { viewer: admin("globex"), page: 1, pageSize: 100 })).items.map((i) => i.toAddress)).not.toContain("mine@example.com");
  });
});

describe("with a real SMTP server", () => {
  it("keeps no working link once the invite is delivered: the candidate got it, the stored copy did not", async () => {
    const received = await startSmtp();
    const { id } = await queueInvite(nextgen());
    expect((await row(id)).textBody).toContain(LINK);
    expect(await deliverEmail(id)).toBe("sent");
    expect(decodeQuotedPrintable(received[0]!.raw)).toContain(LINK);
    const stored = await row(id);
    const token = LINK.split("/").pop()!;
    expect(stored.textBody).not.toContain(token);
    expect(stored.htmlBody).not.toContain(token);
    expect(stored.textBody).toContain(REDACTED_LINK);
    expect(stored.htmlBody).toContain(REDACTED_LINK);
    expect(stored.textBody).toContain("Jane"); // the rest of the message stays readable
  });

  it("delivers the invite once and marks the row sent", async () => {
    const received = await startSmtp();
    const { id } = await queueInvite(nextgen());
    expect((await row(id)).transport).toBe("smtp");

    expect(await deliverEmail(id)).toBe("sent");
    const sent = await row(id);
    expect(sent.status).toBe("sent");
    expect(sent.sentAt).toBeInstanceOf(Date);
    expect(sent.error).toBeNull();

    expect(received).toHaveLength(1);
    expect(received[0]!.rcptTo).toEqual(["jane@example.com"]);
    expect(received[0]!.raw).toMatch(/^To: jane@example\.com\r?$/m);
    expect(received[0]!.raw).toMatch(/^Subject: Your interview for Backend Engineer at NextGen AI\r?$/m);
    expect(received[0]!.raw).toMatch(/^From: AI Interviewer <no-reply@localhost>\r?$/m);
    expect(decodeQuotedPrintable(received[0]!.raw)).toContain(LINK);

    // A second call (a retry, a double click) must not send the message again.
    expect(await deliverEmail(id)).toBe("sent");
    expect(received).toHaveLength(1);
  });

  it("sends a row once when two deliveries race for it", async () => {
    const received = await startSmtp();
    const { id } = await queueInvite(nextgen());
    await Promise.all([deliverEmail(id), deliverEmail(id)]);
    expect(received).toHaveLength(1);
    expect((await row(id)).status).toBe("sent");
  });

  it("records a rejection as failed with the server's error, without throwing", async () => {
    await startSmtp({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
      },
    });
    const { id } = await queueInvite(nextgen());
    expect(await deliverEmail(id)).toBe("failed");
    const failed = await row(id);
    expect(failed.status).toBe("failed");
    expect(failed.sentAt).toBeNull();
    expect(failed.error).toContain("Mailbox unavailable");
  });

  it("fails fast when nothing listens at SMTP_URL", async () => {
    const server = new SMTPServer({ logger: false });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    useSmtp(`smtp://127.0.0.1:${port}`);

    const { id } = await queueInvite(nextgen());
    expect(await deliverEmail(id)).toBe("failed");
    expect((await row(id)).error).toMatch(/ECONNREFUSED|connect/i);
  });
});
