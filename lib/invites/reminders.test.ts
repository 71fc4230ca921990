import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, candidateTokens, emailOutbox, interviews, interviewSessions, inviteReminders } from "@/db/schema";
import { startSession } from "@/lib/candidate-sessions/start";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { tokenIdOfUnsubscribeValue } from "./link-seal";
import { inviteSessionFlags } from "./queries";
import { planReminders, sendDueReminders } from "./reminders";
import { resendInvite } from "./resend";
import { toInviteJson } from "./serialize";

const fixture = useTestDb();
const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
const HOUR = 3_600_000;
const hoursBefore = (at: Date, hours: number) => new Date(at.getTime() - hours * HOUR);

async function dueInvite(interviewId: string, data: { candidate_email?: string | null; max_attempts?: number } = {}) {
  const minted = await makeInvite(hr(), interviewId, {
    candidate_email:
      "candidate_email" in data ? data.candidate_email : `cand-${Math.random().toString(36).slice(2)}@example.com`,
    expires_in_hours: 72,
    max_attempts: data.max_attempts ?? 1,
  });
  return { ...minted, expiresAt: minted.token.expiresAt! };
}

async function remindersOf(tokenIds: string[]) {
  const db = await getDb();
  return db
    .select()
    .from(inviteReminders)
    .where(inArray(inviteReminders.tokenId, tokenIds))
    .orderBy(inviteReminders.createdAt);
}

async function remindersEmailsTo(to: string) {
  const db = await getDb();
  return (await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to))).filter((e) =>
    e.subject.startsWith("Reminder:"),
  );
}

describe("planReminders", () => {
  const expiresAt = new Date("2026-12-10T12:00:00Z");
  const lastSentAt = new Date("2026-12-01T12:00:00Z");

  it("sends nothing before the first offset is due", () => {
    expect(
      planReminders({ offsets: [48, 24], recorded: [], expiresAt, lastSentAt, now: hoursBefore(expiresAt, 49) }),
    ).toEqual({ send: null, skip: [] });
  });

  it("sends the nearest due offset and passes over the others", () => {
    expect(
      planReminders({ offsets: [72, 48, 24], recorded: [], expiresAt, lastSentAt, now: hoursBefore(expiresAt, 2) }),
    ).toEqual({ send: 24, skip: [72, 48] });
    expect(
      planReminders({ offsets: [48, 24], recorded: [48], expiresAt, lastSentAt, now: hoursBefore(expiresAt, 2) }),
    ).toEqual({ send: 24, skip: [] });
  });

  it("never sends an offset farther than one already sent, nor one due before the invite email went out", () => {
    expect(
      planReminders({ offsets: [48, 24], recorded: [24], expiresAt, lastSentAt, now: hoursBefore(expiresAt, 2) }),
    ).toEqual({ send: null, skip: [48] });
    const sentLate = hoursBefore(expiresAt, 10);
    expect(
      planReminders({ offsets: [24], recorded: [], expiresAt, lastSentAt: sentLate, now: hoursBefore(expiresAt, 9) }),
    ).toEqual({ send: null, skip: [24] });
  });
});

describe("sendDueReminders", () => {
  it("sends a due reminder once, with the same link, RFC 8058 headers and an audit row", async () => {
    const interview = await makeInterview(hr(), { reminder_offsets_hours: [24] });
    const invite = await dueInvite(interview.id);
    const email = invite.token.candidateEmail!;

    expect(await sendDueReminders({ now: hoursBefore(invite.expiresAt, 25) })).toMatchObject({ sent: 0 });
    expect(await remindersEmailsTo(email)).toHaveLength(0);

    const now = hoursBefore(invite.expiresAt, 23);
    expect(await sendDueReminders({ now })).toEqual({ sent: 1, skipped: 0 });
    expect(await sendDueReminders({ now })).toEqual({ sent: 0, skipped: 0 });
    expect(await sendDueReminders({ now: hoursBefore(invite.expiresAt, 1) })).toEqual({ sent: 0, skipped: 0 });

    const [message] = await remindersEmailsTo(email);
    expect(message!.subject).toBe(`Reminder: your interview for ${interview.title} at NextGen AI`);
    // The link the candidate already holds: a reminder never rotates it.
    expect(message!.textBody).toContain(`Start your interview: http://localhost:3000/interview/${invite.value}`);
    expect(message!.textBody).toContain("This is the same link as in your invitation");
    expect(message!.textBody).toMatch(/Your link expires on .+ UTC \(in 23 hours\)\./);
    expect(message!.htmlBody).toContain(`href="http://localhost:3000/interview/${invite.value}"`);
    const unsubscribe = /<(http:\/\/localhost:\d+\/api\/candidates\/invites\/unsubscribe\?t=([^>]+))>/.exec(
      message!.headers!["List-Unsubscribe"]!,
    );
    expect(unsubscribe).not.toBeNull();
    expect(tokenIdOfUnsubscribeValue(decodeURIComponent(unsubscribe![2]!))).toBe(invite.token.id);
    expect(message!.headers!["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(message!.textBody).toContain("/reminders/unsubscribe?t=");

    const rows = await remindersOf([invite.token.id]);
    expect(rows).toMatchObject([
      { offsetHours: 24, expiresAt: invite.expiresAt, skipped: false, emailId: message!.id, createdAt: now },
    ]);
    const db = await getDb();
    const audits = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "INVITE_REMINDER_SENT"), eq(auditLogs.resourceId, invite.token.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      userId: null,
      companyId: invite.token.companyId,
      details: { offset_hours: 24, expires_at: invite.expiresAt.toISOString(), link_included: true },
    });
    // HR sees it on the invite.
    const json = toInviteJson(
      invite.token,
      await inviteSessionFlags({ companyId: invite.token.companyId, tokenId: invite.token.id }),
      now,
    );
    expect(json.reminders).toEqual([{ offset_hours: 24, sent_at: now.toISOString() }]);
    expect(json.reminders_unsubscribed_at).toBeNull();
  });

  it("reminds only candidates who have not started, on open invites with an email", async () => {
    const interview = await makeInterview(hr(), { reminder_offsets_hours: [24] });
    const db = await getDb();
    const eligible = await dueInvite(interview.id);
    const revoked = await dueInvite(interview.id);
    await db.update(candidateTokens).set({ revokedAt: new Date() }).where(eq(candidateTokens.id, revoked.token.id));
    const exhausted = await dueInvite(interview.id);
    await db.update(candidateTokens).set({ currentAttempts: 1 }).where(eq(candidateTokens.id, exhausted.token.id));
    const started = await dueInvite(interview.id, { max_attempts: 2 });
    await startSession({ invite: started.value, meta });
    const completed = await dueInvite(interview.id, { max_attempts: 2 });
    await startSession({ invite: completed.value, meta });
    await db
      .update(interviewSessions)
      .set({ status: "completed", endedAt: new Date() })
      .where(eq(interviewSessions.tokenId, completed.token.id));
    const unsubscribed = await dueInvite(interview.id);
    await db
      .update(candidateTokens)
      .set({ remindersUnsubscribedAt: new Date() })
      .where(eq(candidateTokens.id, unsubscribed.token.id));
    const erased = await dueInvite(interview.id);
    await db.update(candidateTokens).set({ erasedAt: new Date() }).where(eq(candidateTokens.id, erased.token.id));
    const noEmail = await dueInvite(interview.id, { candidate_email: null });

    const closed = await makeInterview(hr(), { reminder_offsets_hours: [24] });
    const inClosed = await dueInvite(closed.id);
    await db.update(interviews).set({ status: "archived" }).where(eq(interviews.id, closed.id));
    const none = await makeInterview(hr(), { reminder_offsets_hours: [] });
    const noReminders = await dueInvite(none.id);

    const all = [
      eligible,
      revoked,
      exhausted,
      started,
      completed,
      unsubscribed,
      erased,
      noEmail,
      inClosed,
      noReminders,
    ];
    await sendDueReminders({ now: hoursBefore(eligible.expiresAt, 23) });
    // Past the expiry nobody is reminded, the eligible one included (it already was).
    await sendDueReminders({ now: new Date(eligible.expiresAt.getTime() + HOUR) });
    const rows = await remindersOf(all.map((i) => i.token.id));
    const names = new Map(
      Object.entries({
        eligible,
        revoked,
        exhausted,
        started,
        completed,
        unsubscribed,
        erased,
        noEmail,
        inClosed,
        noReminders,
      }).map(([name, i]) => [i.token.id, name]),
    );
    expect(rows.map((r) => names.get(r.tokenId))).toEqual(["eligible"]);
  });

  it("sends only the nearest of several offsets that came due together, and never the others later", async () => {
    const interview = await makeInterview(hr(), { reminder_offsets_hours: [24, 72, 48] });
    const invite = await dueInvite(interview.id);
    // The invite email went out at mint, 72 h before expiry; a worker that was down for two days catches up.
    const now = hoursBefore(invite.expiresAt, 20);
    expect(await sendDueReminders({ now })).toEqual({ sent: 1, skipped: 2 });
    expect(await sendDueReminders({ now: hoursBefore(invite.expiresAt, 1) })).toEqual({ sent: 0, skipped: 0 });
    const rows = await remindersOf([invite.token.id]);
    expect(rows.map((r) => [r.offsetHours, r.skipped]).sort()).toEqual([
      [24, false],
      [48, true],
      [72, true],
    ]);
    expect(await remindersEmailsTo(invite.token.candidateEmail!)).toHaveLength(1);
    const flags = await inviteSessionFlags({ companyId: invite.token.companyId, tokenId: invite.token.id });
    expect(toInviteJson(invite.token, flags, now).reminders).toEqual([
      { offset_hours: 24, sent_at: now.toISOString() },
    ]);
  });

  it("reminds again when the invite's expiry moves (an extension), and carries a rotated link after a resend", async () => {
    const interview = await makeInterview(hr(), { reminder_offsets_hours: [24] });
    const invite = await dueInvite(interview.id);
    const email = invite.token.candidateEmail!;
    expect(await sendDueReminders({ now: hoursBefore(invite.expiresAt, 23) })).toMatchObject({ sent: 1 });

    const db = await getDb();
    const later = new Date(invite.expiresAt.getTime() + 48 * HOUR);
    await db.update(candidateTokens).set({ expiresAt: later }).where(eq(candidateTokens.id, invite.token.id));
    await db
      .update(candidateTokens)
      .set({ lastSentAt: new Date(Date.now() - 61_000) })
      .where(eq(candidateTokens.id, invite.token.id));
    const resent = await resendInvite({
      actor: hr(),
      interviewId: interview.id,
      tokenId: invite.token.id,
      baseUrl: "http://localhost:3000",
      meta,
    });
    expect(await sendDueReminders({ now: hoursBefore(later, 30) })).toMatchObject({ sent: 0 });
    expect(await sendDueReminders({ now: hoursBefore(later, 23) })).toMatchObject({ sent: 1 });

    const rows = await remindersOf([invite.token.id]);
    expect(rows.map((r) => r.expiresAt)).toEqual([invite.expiresAt, later]);
    const messages = await remindersEmailsTo(email);
    expect(messages).toHaveLength(2);
    const second = messages.find((m) => m.id === rows[1]!.emailId)!;
    expect(second.textBody).toContain(`/interview/${resent.value}`);
    expect(second.textBody).not.toContain(invite.value);
  });

  it("without a sealed link (an invite minted before reminders) points to the invitation instead", async () => {
    const interview = await makeInterview(hr(), { reminder_offsets_hours: [24] });
    const invite = await dueInvite(interview.id);
    const db = await getDb();
    await db.update(candidateTokens).set({ linkSealed: null }).where(eq(candidateTokens.id, invite.token.id));
    expect(await sendDueReminders({ now: hoursBefore(invite.expiresAt, 23) })).toMatchObject({ sent: 1 });
    const [message] = await remindersEmailsTo(invite.token.candidateEmail!);
    expect(message!.textBody).toContain("Please open the link in the invitation email we sent you earlier.");
    expect(message!.textBody).not.toContain("/interview/");
  });

  it("two runs at once send each due reminder exactly once", async () => {
    const interview = await makeInterview(hr(), { reminder_offsets_hours: [24] });
    const invites = await Promise.all([1, 2, 3].map(() => dueInvite(interview.id)));
    const now = hoursBefore(invites[0]!.expiresAt, 23);
    const runs = await Promise.all([sendDueReminders({ now }), sendDueReminders({ now }), sendDueReminders({ now })]);
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(3);
    const rows = await remindersOf(invites.map((i) => i.token.id));
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.tokenId)).size).toBe(3);
    for (const invite of invites) expect(await remindersEmailsTo(invite.token.candidateEmail!)).toHaveLength(1);
  });
});
