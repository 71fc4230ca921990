import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { emailOutbox } from "@/db/schema";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useSmtpUrl } from "@/test/smtp-server";
import { useTestDb } from "@/test/use-test-db";
import { deliverEmail } from "./deliver";
import { inviteEmail } from "./invite-template";
import { latestInviteEmails, listOutbox, queueEmail } from "./outbox";

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
  return db.transaction((tx) =>
    queueEmail(tx, { companyId, to, subject: invite.subject, text: invite.text, html: invite.html }),
  );
}

async function row(id: string) {
  const [found] = await (await getDb()).select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return found!;
}

afterEach(() => useSmtpUrl(undefined));

describe("without SMTP_URL", () => {
  it("keeps the email queued in the outbox for the dashboard", async () => {
    const queued = await queueInvite(nextgen());
    expect(queued).toEqual({ id: expect.any(String), companyId: nextgen(), transport: "outbox" });
    expect(await deliverEmail(queued.id)).toBe("outbox");
    expect(await row(queued.id)).toMatchObject({
      status: "queued",
      transport: "outbox",
      sentAt: null,
      error: null,
      attempts: 0,
      lastAttemptAt: null,
    });
  });

  it("records SMTP as the transport when SMTP_URL is set, whether or not the server is up", async () => {
    useSmtpUrl("smtp://127.0.0.1:9");
    expect((await queueInvite(nextgen())).transport).toBe("smtp");
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
    expect(all.items.find((i) => i.id === second.id)).toMatchObject({
      toAddress: "second@example.com",
      subject: invite.subject,
    });
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
    expect(
      (await listOutbox(db, { viewer: admin("globex"), page: 1, pageSize: 100 })).items.map((i) => i.toAddress),
    ).not.toContain("mine@example.com");
  });
});

describe("an invite's latest email", () => {
  it("is the newest email of each invite asked for, of the company only", async () => {
    const db = await getDb();
    const interview = await makeInterview(hr());
    const emailed = await makeInvite(hr(), interview.id, { candidate_email: "latest@example.com" });
    const silent = await makeInvite(hr(), interview.id, { candidate_name: "No address" });
    const newer = await db.transaction((tx) =>
      queueEmail(tx, {
        companyId: nextgen(),
        tokenId: emailed.token.id,
        to: "latest@example.com",
        subject: "Again",
        text: "t",
      }),
    );
    await db
      .update(emailOutbox)
      .set({ status: "failed", error: "550 unknown user", attempts: 1 })
      .where(eq(emailOutbox.id, newer.id));

    const states = await latestInviteEmails(db, {
      companyId: nextgen(),
      tokenIds: [emailed.token.id, silent.token.id],
    });
    expect([...states.keys()]).toEqual([emailed.token.id]);
    expect(states.get(emailed.token.id)).toMatchObject({
      status: "failed",
      error: "550 unknown user",
      attempts: 1,
      transport: "outbox",
    });
    expect((await latestInviteEmails(db, { companyId: globex(), tokenIds: [emailed.token.id] })).size).toBe(0);
    expect((await latestInviteEmails(db, { companyId: nextgen(), tokenIds: [] })).size).toBe(0);
  });
});
