import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, candidateTokens, emailOutbox, interviewSessions } from "@/db/schema";
import { startSession } from "@/lib/candidate-sessions/start";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import Papa from "papaparse";
import { bulkMint, linksCsv, parseInviteCsv } from "./bulk";
import { inviteDiagnostics } from "./diagnostics";
import { describeInvite } from "./landing";
import { resendInvite } from "./resend";

const fixture = useTestDb();
const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
const baseUrl = "http://localhost:3000";

describe("resend", () => {
  it("rotates the link (old one dead), keeps attempts and expiry, emails a reissued invite, and is throttled", async () => {
    const interview = await makeInterview(hr());
    const first = await makeInvite(hr(), interview.id, { candidate_email: "cand@example.com", max_attempts: 2 });
    const db = await getDb();
    // Let the cooldown pass without waiting a minute.
    await db
      .update(candidateTokens)
      .set({ lastSentAt: new Date(Date.now() - 61_000) })
      .where(eq(candidateTokens.id, first.token.id));
    await startSession({ invite: first.value, meta });
    // That attempt has ended (a resend mid-interview is refused: see invite-races.test.ts).
    await db
      .update(interviewSessions)
      .set({ status: "abandoned", endedAt: new Date() })
      .where(eq(interviewSessions.tokenId, first.token.id));

    const again = await resendInvite({
      actor: hr(),
      interviewId: interview.id,
      tokenId: first.token.id,
      baseUrl,
      meta,
    });
    expect(again.value).not.toBe(first.value);
    expect(again.token).toMatchObject({ currentAttempts: 1, maxAttempts: 2, expiresAt: first.token.expiresAt });
    await expect(startSession({ invite: first.value, meta })).rejects.toMatchObject({ status: 400 });
    await expect(startSession({ invite: again.value, meta })).resolves.toMatchObject({ attemptNumber: 2 });

    const emails = await db.select().from(emailOutbox).where(eq(emailOutbox.tokenId, first.token.id));
    expect(emails).toHaveLength(2);
    const reissued = emails.find((e) => e.textBody.includes(again.value))!;
    expect(reissued.subject).toMatch(/new link/i);
    expect(reissued.textBody).toMatch(/no longer works|earlier link/i);
    expect(await db.select().from(auditLogs).where(eq(auditLogs.action, "INVITE_RESENT"))).toHaveLength(1);

    await db
      .update(interviewSessions)
      .set({ status: "abandoned", endedAt: new Date() })
      .where(eq(interviewSessions.tokenId, first.token.id));
    await expect(
      resendInvite({ actor: hr(), interviewId: interview.id, tokenId: first.token.id, baseUrl, meta }),
    ).rejects.toMatchObject({
      status: 429,
      extra: { retryAfterSeconds: expect.any(Number) },
    });
  });

  it("needs an email, and refuses another company (404)", async () => {
    const interview = await makeInterview(hr());
    const noEmail = await makeInvite(hr(), interview.id);
    await expect(
      resendInvite({ actor: hr(), interviewId: interview.id, tokenId: noEmail.token.id, baseUrl, meta }),
    ).rejects.toMatchObject({ status: 409 });
    const globex = actorFrom(fixture.people["admin@globex.com"]!, "ADMIN");
    await expect(
      resendInvite({ actor: globex, interviewId: interview.id, tokenId: noEmail.token.id, baseUrl, meta }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe("bulk CSV", () => {
  it("parses with or without a header and reports every bad line", () => {
    expect(parseInviteCsv("name,email\nAda,ada@example.com\nAlan,alan@example.com,48,2\n").rows).toHaveLength(2);
    const { rows, problems } = parseInviteCsv(
      "Ada,ada@example.com\n,nobody@example.com\nBob,not-an-email\nCy,cy@example.com,999\nAda2,ADA@example.com\nDee\n",
    );
    expect(rows.map((r) => r.line)).toEqual([1, 5]);
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6]);
    expect(problems.find((p) => p.line === 5)!.message).toMatch(/duplicate email \(also on line 1\)/);
  });

  it("creates nothing when any row is bad, and everything when all are good; the links CSV lists each", async () => {
    const interview = await makeInterview(hr());
    const db = await getDb();
    await expect(
      bulkMint({ actor: hr(), interviewId: interview.id, csv: "Ada,ada@example.com\nBob,bad", baseUrl, meta }),
    ).rejects.toMatchObject({
      status: 422,
      extra: { issues: [expect.objectContaining({ loc: ["file", "line 2"] })] },
    });
    expect(await db.select().from(candidateTokens).where(eq(candidateTokens.interviewId, interview.id))).toHaveLength(
      0,
    );

    const links = await bulkMint({
      actor: hr(),
      interviewId: interview.id,
      csv: "name,email,expires_in_hours,max_attempts\nAda,ada@example.com,24,2\nBob,bob@example.com",
      baseUrl,
      meta,
    });
    expect(links).toHaveLength(2);
    expect(links[0]).toMatchObject({ line: 2, candidate_email: "ada@example.com", max_attempts: 2 });
    expect(await db.select().from(candidateTokens).where(eq(candidateTokens.interviewId, interview.id))).toHaveLength(
      2,
    );
    const csv = linksCsv(links);
    expect(csv.split(/\r?\n/)[0]).toBe("candidate_name,candidate_email,interview_url,expires_at,max_attempts");
    expect(csv).toContain(links[1]!.interview_url);
  });

  it("the links CSV writes a formula-looking name as text (CSV injection)", async () => {
    const interview = await makeInterview(hr());
    const links = await bulkMint({
      actor: hr(),
      interviewId: interview.id,
      csv: '=1+1,ada@example.com\n"@SUM(A1)",bob@example.com',
      baseUrl,
      meta,
    });
    const rows = Papa.parse<string[]>(linksCsv(links)).data;
    expect(rows[1]![0]).toBe("'=1+1");
    expect(rows[2]![0]).toBe("'@SUM(A1)");
  });
});

describe("landing and diagnostics", () => {
  it("the landing view only reads, and names each state", async () => {
    const interview = await makeInterview(hr());
    const invite = await makeInvite(hr(), interview.id, { candidate_name: "Ada" });
    const view = await describeInvite(invite.value);
    expect(view).toMatchObject({
      state: "open",
      companyName: "NextGen AI",
      interviewTitle: interview.title,
      questionCount: 3,
      attemptsLeft: 1,
    });
    await describeInvite(invite.value);
    const db = await getDb();
    expect(
      (await db.select().from(candidateTokens).where(eq(candidateTokens.id, invite.token.id)))[0]!.currentAttempts,
    ).toBe(0);
    await startSession({ invite: invite.value, meta });
    expect((await describeInvite(invite.value)).state).toBe("in_progress");
    expect((await describeInvite("A".repeat(43))).state).toBe("unknown");
    expect((await describeInvite("garbage")).state).toBe("unknown");
    const expired = await makeInvite(hr(), interview.id);
    await db
      .update(candidateTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(candidateTokens.id, expired.token.id));
    expect((await describeInvite(expired.value)).state).toBe("expired");
  });

  it("diagnostics show stored and effective expiry, seconds left against the database clock, and why", async () => {
    const interview = await makeInterview(hr());
    const invite = await makeInvite(hr(), interview.id, { expires_in_hours: 2 });
    const db = await getDb();
    await db
      .update(candidateTokens)
      .set({ expiresAt: null, maxAttempts: null })
      .where(eq(candidateTokens.id, invite.token.id));
    const report = await inviteDiagnostics(db, {
      companyId: hr().companyId,
      interviewId: interview.id,
      skip: 0,
      limit: 20,
    });
    expect(Math.abs(report.clock_skew_ms)).toBeLessThan(5_000);
    expect(report.invites[0]).toMatchObject({
      expires_at_stored: null,
      max_attempts: 1,
      max_attempts_stored: null,
      status: "active",
    });
    expect(report.invites[0]!.seconds_left).toBeGreaterThan(6 * 24 * 3600);
  });
});
