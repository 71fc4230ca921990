import { randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, candidateTokens, emailOutbox, extensionRequests, interviewSessions, interviews } from "@/db/schema";
import { startSession } from "@/lib/candidate-sessions/start";
import { describeInvite } from "@/lib/invites/landing";
import { revokeInvite, updateInvite } from "@/lib/invites/manage";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { decideExtension } from "./decide";
import { NEARLY_EXPIRED_HOURS } from "./eligibility";
import { interviewExtensionRequests, pendingExtensionTokenIds } from "./queries";
import { requestExtension } from "./request";
import { EXTENSION_INVITE_RULE, EXTENSION_IP_RULE } from "./throttle";

const fixture = useTestDb();
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const baseUrl = "http://localhost:3000";
// A fresh client address per call keeps the per-address throttle out of the tests that are not about it.
const meta = () => ({ ip: `10.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 254)}`, userAgent: "vitest" });
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
const lead = () => actorFrom(fixture.people["lead@nextgenai.com"]!, "TEAM_LEAD");
const globex = () => actorFrom(fixture.people["admin@globex.com"]!, "ADMIN");

async function inviteExpiringIn(ms: number, owner = hr(), email = "cand@example.com") {
  const interview = await makeInterview(owner);
  const minted = await makeInvite(owner, interview.id, { candidate_email: email, candidate_name: "Cara Candidate" });
  const db = await getDb();
  const expiresAt = new Date(Date.now() + ms);
  await db.update(candidateTokens).set({ expiresAt }).where(eq(candidateTokens.id, minted.token.id));
  return { interview, token: minted.token, value: minted.value, expiresAt };
}

const ask = (value: string, reason = "I was travelling for work") =>
  requestExtension({ tokenValue: value, reason, meta: meta() });

const auditOf = async (action: "EXTENSION_REQUESTED" | "EXTENSION_APPROVED" | "EXTENSION_DECLINED", id: string) =>
  (await getDb())
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.action, action), eq(auditLogs.resourceId, id)));

describe("asking for more time", () => {
  it("is refused far from expiry, allowed when nearly expired or expired, refused when revoked or exhausted", async () => {
    const far = await inviteExpiringIn(NEARLY_EXPIRED_HOURS * HOUR + DAY);
    await expect(ask(far.value)).rejects.toMatchObject({ status: 409, reason: "extension_not_eligible" });

    const near = await inviteExpiringIn(NEARLY_EXPIRED_HOURS * HOUR - HOUR);
    await expect(ask(near.value)).resolves.toMatchObject({ status: "pending", tokenId: near.token.id });

    const expired = await inviteExpiringIn(-HOUR);
    const made = await ask(expired.value, "  Ill that week  ");
    expect(made).toMatchObject({ status: "pending", reason: "Ill that week" });
    expect(made.previousExpiresAt?.getTime()).toBeLessThan(Date.now());

    const revoked = await inviteExpiringIn(-HOUR);
    await revokeInvite({ actor: hr(), interviewId: revoked.interview.id, tokenId: revoked.token.id, meta: meta() });
    await expect(ask(revoked.value)).rejects.toMatchObject({ status: 409, reason: "extension_not_eligible" });

    const exhausted = await inviteExpiringIn(HOUR);
    await (
      await getDb()
    )
      .update(candidateTokens)
      .set({ currentAttempts: 1, isUsed: true })
      .where(eq(candidateTokens.id, exhausted.token.id));
    await expect(ask(exhausted.value)).rejects.toMatchObject({ status: 409, reason: "extension_not_eligible" });

    await expect(ask("x".repeat(43))).rejects.toMatchObject({ status: 404 });
    await expect(ask("not-a-link")).rejects.toMatchObject({ status: 404 });
  });

  it("audits the request without its reason, and the landing page shows it", async () => {
    const { value } = await inviteExpiringIn(-HOUR);
    expect((await describeInvite(value)).extension).toMatchObject({ status: null, can_request: true });
    const made = await ask(value, "My child was ill; I need a few more days");
    const [audit] = await auditOf("EXTENSION_REQUESTED", made.id);
    expect(audit).toMatchObject({ userId: null, details: { reason_length: 40, request_number: 1 } });
    expect(JSON.stringify(audit!.details)).not.toContain("ill");
    const view = await describeInvite(value);
    expect(view.state).toBe("expired");
    expect(view.extension).toMatchObject({ status: "pending", can_request: false });
    expect(view.extension?.requested_at).toBe(made.createdAt.toISOString());
  });

  it("allows one waiting request, one in all by default, and more once HR raises the limit", async () => {
    const { interview, token, value } = await inviteExpiringIn(-HOUR);
    const first = await ask(value);
    await expect(ask(value)).rejects.toMatchObject({ status: 409, reason: "extension_pending" });
    await decideExtension({ actor: hr(), requestId: first.id, decision: "decline", baseUrl, meta: meta() });
    await expect(ask(value)).rejects.toMatchObject({ status: 409, reason: "extension_limit_reached" });

    // A team lead decides requests, but the allowance is HR's.
    const led = await inviteExpiringIn(-HOUR, lead());
    await expect(
      updateInvite({
        actor: lead(),
        interviewId: led.interview.id,
        tokenId: led.token.id,
        data: { extension_requests_allowed: 3 },
        meta: meta(),
      }),
    ).rejects.toMatchObject({ status: 403 });

    const raised = await updateInvite({
      actor: hr(),
      interviewId: interview.id,
      tokenId: token.id,
      data: { extension_requests_allowed: 2 },
      meta: meta(),
    });
    expect(raised.extensionRequestsAllowed).toBe(2);
    const [audit] = await (
      await getDb()
    )
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "INVITE_EXTENDED"), eq(auditLogs.resourceId, token.id)));
    expect(audit?.details).toMatchObject({ extension_requests_allowed: { from: 1, to: 2 } });
    await expect(ask(value)).resolves.toMatchObject({ status: "pending" });
    await expect(ask(value)).rejects.toMatchObject({ status: 409, reason: "extension_pending" });
  });

  it("two requests at once: one is recorded, the other answers extension_pending", async () => {
    const { token, value } = await inviteExpiringIn(-HOUR);
    const results = await Promise.allSettled([ask(value), ask(value)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")?.reason).toMatchObject({
      status: 409,
      reason: "extension_pending",
    });
    const rows = await (await getDb()).select().from(extensionRequests).where(eq(extensionRequests.tokenId, token.id));
    expect(rows).toHaveLength(1);
  });

  it("is throttled per invite and per client address", async () => {
    const far = await inviteExpiringIn(10 * DAY);
    for (let i = 0; i < EXTENSION_INVITE_RULE.limit; i++)
      await expect(ask(far.value)).rejects.toMatchObject({ status: 409 });
    await expect(ask(far.value)).rejects.toMatchObject({
      status: 429,
      extra: { retryAfterSeconds: expect.any(Number) },
    });

    const { ip } = meta(); // a new address each run: CI's Redis keeps counters between runs for their hour
    for (let i = 0; i < EXTENSION_IP_RULE.limit; i++) {
      await expect(
        requestExtension({ tokenValue: `${"a".repeat(42)}${i}`, reason: "x", meta: { ip, userAgent: "vitest" } }),
      ).rejects.toMatchObject({ status: 404 });
    }
    const fresh = await inviteExpiringIn(-HOUR);
    await expect(
      requestExtension({ tokenValue: fresh.value, reason: "x", meta: { ip, userAgent: "vitest" } }),
    ).rejects.toMatchObject({ status: 429 });
    expect(
      await (await getDb()).select().from(extensionRequests).where(eq(extensionRequests.tokenId, fresh.token.id)),
    ).toHaveLength(0);
  });
});

describe("deciding a request", () => {
  it("approving sets the new expiry (rule: at), lets an expired invite start again, emails the link and audits", async () => {
    const { interview, token, value } = await inviteExpiringIn(-HOUR);
    await expect(startSession({ invite: value, meta: meta() })).rejects.toMatchObject({ status: 410 });
    const made = await ask(value);
    expect(await pendingExtensionTokenIds({ companyId: token.companyId, tokenIds: [token.id] })).toEqual(
      new Set([token.id]),
    );
    const newExpiresAt = new Date(Date.now() + 7 * DAY);
    const { request, delivery } = await decideExtension({
      actor: hr(),
      requestId: made.id,
      decision: "approve",
      newExpiresAt,
      note: "Good luck!",
      baseUrl,
      meta: meta(),
    });
    expect(request).toMatchObject({ status: "approved", newExpiresAt, decisionNote: "Good luck!" });
    expect(delivery).toBe("outbox");
    const db = await getDb();
    const [after] = await db.select().from(candidateTokens).where(eq(candidateTokens.id, token.id));
    expect(after).toMatchObject({ expiresAt: newExpiresAt, expiryRule: { kind: "at" } });
    expect(await pendingExtensionTokenIds({ companyId: token.companyId, tokenIds: [token.id] })).toEqual(new Set());

    const [email] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, request.emailId!));
    expect(email).toMatchObject({ toAddress: "cand@example.com", tokenId: token.id });
    expect(email!.subject).toMatch(/more time/i);
    expect(email!.textBody).toContain("Hello Cara Candidate,");
    expect(email!.textBody).toContain(`${baseUrl}/interview/${value}`);
    expect(email!.textBody).toContain(String(newExpiresAt.getUTCFullYear()));
    expect(email!.textBody).toContain("Good luck!");

    const [audit] = await auditOf("EXTENSION_APPROVED", made.id);
    expect(audit).toMatchObject({
      userId: hr().userId,
      details: { token_id: token.id, interview_id: interview.id, expires_at: { to: newExpiresAt.toISOString() } },
    });
    const view = await describeInvite(value);
    expect(view.state).toBe("open");
    expect(view.expiresAt).toBe(newExpiresAt.toISOString());
    expect(view.extension).toMatchObject({ status: "approved", new_expires_at: newExpiresAt.toISOString() });
    await expect(startSession({ invite: value, meta: meta() })).resolves.toMatchObject({ attemptNumber: 1 });
  });

  it("without a recoverable link, the approval email says the date and to use the link they have", async () => {
    const { token, value } = await inviteExpiringIn(-HOUR);
    await (await getDb()).update(candidateTokens).set({ linkSealed: null }).where(eq(candidateTokens.id, token.id));
    const made = await ask(value);
    const newExpiresAt = new Date(Date.now() + 3 * DAY);
    const { request } = await decideExtension({
      actor: hr(),
      requestId: made.id,
      decision: "approve",
      newExpiresAt,
      baseUrl,
      meta: meta(),
    });
    const [email] = await (await getDb()).select().from(emailOutbox).where(eq(emailOutbox.id, request.emailId!));
    expect(email!.textBody).not.toContain("/interview/");
    expect(email!.textBody).toMatch(/most recent invitation email/);
  });

  it("declining leaves the expiry, emails the candidate with the note, audits, and cannot be decided twice", async () => {
    const { token, value, expiresAt } = await inviteExpiringIn(-HOUR);
    const made = await ask(value);
    const { request } = await decideExtension({
      actor: hr(),
      requestId: made.id,
      decision: "decline",
      note: "The role has been filled.",
      baseUrl,
      meta: meta(),
    });
    expect(request).toMatchObject({
      status: "declined",
      newExpiresAt: null,
      decisionNote: "The role has been filled.",
    });
    const db = await getDb();
    const [after] = await db.select().from(candidateTokens).where(eq(candidateTokens.id, token.id));
    expect(after!.expiresAt).toEqual(expiresAt);
    const [email] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, request.emailId!));
    expect(email!.textBody).toMatch(/cannot extend the deadline/);
    expect(email!.textBody).toContain("The role has been filled.");
    expect(email!.textBody).not.toContain("/interview/");
    expect(await auditOf("EXTENSION_DECLINED", made.id)).toHaveLength(1);
    await expect(
      decideExtension({
        actor: hr(),
        requestId: made.id,
        decision: "approve",
        newExpiresAt: new Date(Date.now() + DAY),
        baseUrl,
        meta: meta(),
      }),
    ).rejects.toMatchObject({ status: 409, reason: "extension_not_pending" });
    expect((await describeInvite(value)).extension).toMatchObject({ status: "declined", can_request: false });
  });

  it("concurrent approve and decline: exactly one wins", async () => {
    const { token, value } = await inviteExpiringIn(-HOUR);
    const made = await ask(value);
    const newExpiresAt = new Date(Date.now() + 5 * DAY);
    const results = await Promise.allSettled([
      decideExtension({ actor: hr(), requestId: made.id, decision: "approve", newExpiresAt, baseUrl, meta: meta() }),
      decideExtension({ actor: hr(), requestId: made.id, decision: "decline", baseUrl, meta: meta() }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [lost] = results.filter((r) => r.status === "rejected");
    expect(lost?.reason).toMatchObject({ status: 409, reason: "extension_not_pending" });
    const db = await getDb();
    const [row] = await db.select().from(extensionRequests).where(eq(extensionRequests.id, made.id));
    const [after] = await db.select().from(candidateTokens).where(eq(candidateTokens.id, token.id));
    if (row!.status === "approved") expect(after!.expiresAt).toEqual(newExpiresAt);
    else expect(after!.expiresAt!.getTime()).toBeLessThan(Date.now());
    const emails = await db.select().from(emailOutbox).where(eq(emailOutbox.tokenId, token.id));
    expect(emails.filter((e) => e.id === row!.emailId)).toHaveLength(1);
    const decided = [
      ...(await auditOf("EXTENSION_APPROVED", made.id)),
      ...(await auditOf("EXTENSION_DECLINED", made.id)),
    ];
    expect(decided).toHaveLength(1);
  });

  it("needs a new expiry at least an hour ahead, and the right person", async () => {
    const { interview, value } = await inviteExpiringIn(-HOUR);
    const made = await ask(value);
    await expect(
      decideExtension({
        actor: hr(),
        requestId: made.id,
        decision: "approve",
        newExpiresAt: new Date(Date.now() + 30 * 60 * 1000),
        baseUrl,
        meta: meta(),
      }),
    ).rejects.toMatchObject({ status: 422 });
    // The team lead does not own this interview (HR made it): 403. Another company: 404.
    await expect(
      decideExtension({ actor: lead(), requestId: made.id, decision: "decline", baseUrl, meta: meta() }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(interviewExtensionRequests({ viewer: lead(), interviewId: interview.id })).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      decideExtension({ actor: globex(), requestId: made.id, decision: "decline", baseUrl, meta: meta() }),
    ).rejects.toMatchObject({ status: 404 });
    const listed = await interviewExtensionRequests({ viewer: hr(), interviewId: interview.id });
    expect(listed.pending.map((p) => p.request.id)).toEqual([made.id]);
    expect(listed.pending[0]).toMatchObject({ candidateName: "Cara Candidate", candidateEmail: "cand@example.com" });

    // The owning team lead may decide.
    const own = await inviteExpiringIn(-HOUR, lead());
    const mine = await ask(own.value);
    await expect(
      decideExtension({
        actor: lead(),
        requestId: mine.id,
        decision: "approve",
        newExpiresAt: new Date(Date.now() + 2 * DAY),
        baseUrl,
        meta: meta(),
      }),
    ).resolves.toMatchObject({ request: { status: "approved", decidedBy: lead().userId } });
    const ownList = await interviewExtensionRequests({ viewer: lead(), interviewId: own.interview.id });
    expect(ownList).toMatchObject({ pending: [], decided: [{ request: { id: mine.id }, decidedByName: "Liam Lead" }] });
  });

  it("approving re-checks the invite: archived, completed, out of attempts, revoked or erased since asking is a 409", async () => {
    const db = await getDb();
    const approve = (requestId: string) =>
      decideExtension({
        actor: hr(),
        requestId,
        decision: "approve",
        newExpiresAt: new Date(Date.now() + 3 * DAY),
        baseUrl,
        meta: meta(),
      });
    const cases: {
      name: string;
      reason: string;
      detail: RegExp;
      after: (i: Awaited<ReturnType<typeof inviteExpiringIn>>) => Promise<unknown>;
    }[] = [
      {
        name: "archived",
        reason: "extension_not_eligible",
        detail: /archived/,
        after: (i) => db.update(interviews).set({ status: "archived" }).where(eq(interviews.id, i.interview.id)),
      },
      {
        name: "completed",
        reason: "extension_not_eligible",
        detail: /completed/,
        after: async (i) => {
          // Asked while the link was still open, then took the interview and finished it.
          const started = await startSession({ invite: i.value, meta: meta() });
          await db
            .update(interviewSessions)
            .set({ status: "completed", endedAt: new Date() })
            .where(eq(interviewSessions.id, started.sessionId));
        },
      },
      {
        name: "out of attempts",
        reason: "extension_not_eligible",
        detail: /every attempt/,
        after: (i) =>
          db
            .update(candidateTokens)
            .set({ currentAttempts: 1, isUsed: true })
            .where(eq(candidateTokens.id, i.token.id)),
      },
      {
        name: "revoked",
        reason: "invite_revoked",
        detail: /revoked/,
        after: (i) => revokeInvite({ actor: hr(), interviewId: i.interview.id, tokenId: i.token.id, meta: meta() }),
      },
      {
        name: "erased",
        reason: "extension_not_eligible",
        detail: /erased/,
        after: (i) =>
          db.update(candidateTokens).set({ erasedAt: new Date() }).where(eq(candidateTokens.id, i.token.id)),
      },
    ];
    for (const c of cases) {
      const invite = await inviteExpiringIn(HOUR); // nearly expired, still open: it may ask, and could still start
      const made = await ask(invite.value);
      await c.after(invite);
      const refused = approve(made.id);
      await expect(refused, c.name).rejects.toMatchObject({ status: 409, reason: c.reason });
      await expect(approve(made.id), c.name).rejects.toThrow(c.detail);
      const [token] = await db.select().from(candidateTokens).where(eq(candidateTokens.id, invite.token.id));
      expect(token!.expiresAt, c.name).toEqual(invite.expiresAt);
      const [request] = await db.select().from(extensionRequests).where(eq(extensionRequests.id, made.id));
      expect(request!.status, c.name).toBe("pending");
      expect(await auditOf("EXTENSION_APPROVED", made.id), c.name).toEqual([]);
      // Declining stays possible, so the request does not wait forever.
      await expect(
        decideExtension({ actor: hr(), requestId: made.id, decision: "decline", baseUrl, meta: meta() }),
        c.name,
      ).resolves.toMatchObject({ request: { status: "declined" } });
    }
  });

  it("keeps the candidate's time zone: the rule becomes an exact time in that zone, and every email is written in it", async () => {
    const zone = "America/New_York";
    const { token, value, interview } = await inviteExpiringIn(-HOUR);
    const db = await getDb();
    await db
      .update(candidateTokens)
      .set({ expiryRule: { kind: "business_days", days: 3, time_zone: zone } })
      .where(eq(candidateTokens.id, token.id));
    // 15:30 UTC is 10:30 or 11:30 in New York: the email must say the New York time, not the UTC one.
    const at = (days: number) => {
      const d = new Date(Date.now() + days * DAY);
      d.setUTCHours(15, 30, 0, 0);
      return d;
    };
    const inZone = (d: Date) =>
      new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone }).format(
        d,
      );
    const approveAndRead = async (newExpiresAt: Date) => {
      const made = await ask(value);
      const { request } = await decideExtension({
        actor: hr(),
        requestId: made.id,
        decision: "approve",
        newExpiresAt,
        baseUrl,
        meta: meta(),
      });
      const [email] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, request.emailId!));
      const [after] = await db.select().from(candidateTokens).where(eq(candidateTokens.id, token.id));
      return { email: email!, after: after! };
    };

    const first = await approveAndRead(at(3));
    expect(first.after).toMatchObject({ expiresAt: at(3), expiryRule: { kind: "at", time_zone: zone } });
    expect(first.email.textBody).toContain(inZone(at(3)));
    expect(first.email.textBody).not.toContain("15:30");

    // A second approval (HR allowed two requests) starts from the exact-time rule: the zone must survive it too.
    await updateInvite({
      actor: hr(),
      interviewId: interview.id,
      tokenId: token.id,
      data: { extension_requests_allowed: 2 },
      meta: meta(),
    });
    await db
      .update(candidateTokens)
      .set({ expiresAt: new Date(Date.now() - HOUR) })
      .where(eq(candidateTokens.id, token.id));
    const second = await approveAndRead(at(5));
    expect(second.after).toMatchObject({ expiresAt: at(5), expiryRule: { kind: "at", time_zone: zone } });
    expect(second.email.textBody).toContain(inZone(at(5)));
    expect(second.email.textBody).not.toContain("15:30");
  });

  it("an invite without a zone stays without one (UTC in the email)", async () => {
    const { token, value } = await inviteExpiringIn(-HOUR);
    const made = await ask(value);
    const newExpiresAt = new Date(Date.now() + 2 * DAY);
    newExpiresAt.setUTCHours(15, 30, 0, 0);
    const { request } = await decideExtension({
      actor: hr(),
      requestId: made.id,
      decision: "approve",
      newExpiresAt,
      baseUrl,
      meta: meta(),
    });
    const db = await getDb();
    const [after] = await db.select().from(candidateTokens).where(eq(candidateTokens.id, token.id));
    expect(after!.expiryRule).toEqual({ kind: "at" });
    const [email] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, request.emailId!));
    expect(email!.textBody).toContain("15:30");
  });
});
