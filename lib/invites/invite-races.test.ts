import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as resendRoute } from "@/app/api/interviewer/interviews/[id]/tokens/[tokenId]/resend/route";
import { PATCH as updateRoute } from "@/app/api/interviewer/interviews/[id]/tokens/[tokenId]/route";
import { POST as revokeRoute } from "@/app/api/interviewer/interviews/[id]/tokens/[tokenId]/revoke/route";
import { getDb } from "@/db";
import { auditLogs, candidateTokens, emailOutbox, interviewSessions } from "@/db/schema";
import { resumeSession } from "@/lib/candidate-sessions/resume";
import { startSession } from "@/lib/candidate-sessions/start";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { resendInvite } from "./resend";

// Changes to one invite made at the same time must all count (or be refused whole), and a resend must never take the
// link from a candidate in the middle of their interview. Run against real PostgreSQL too (DATABASE_URL): PGlite runs
// one transaction at a time, so only there do these requests really overlap.

const fixture = useTestDb();
const ip = fileClientIp();
const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
const baseUrl = "http://localhost:3000";
let access: string;

beforeAll(async () => {
  access = (await apiLogin("hr@nextgenai.com", ip)).access_token;
});

const patch = (interviewId: string, tokenId: string, body: Record<string, unknown>) =>
  call(updateRoute, "/x", { token: access, ip, method: "PATCH", body, params: { id: interviewId, tokenId } });
const revoke = (interviewId: string, tokenId: string) =>
  call(revokeRoute, "/x", { token: access, ip, method: "POST", params: { id: interviewId, tokenId } });
const resend = (interviewId: string, tokenId: string) =>
  call(resendRoute, "/x", { token: access, ip, method: "POST", params: { id: interviewId, tokenId } });

async function tokenRow(id: string) {
  const db = await getDb();
  return (await db.select().from(candidateTokens).where(eq(candidateTokens.id, id)))[0]!;
}

async function auditsOf(
  action: "INVITE_EXTENDED" | "INVITE_REVOKED" | "INVITE_RESENT" | "SESSION_REVOKED",
  resourceId: string,
) {
  const db = await getDb();
  return db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.action, action), eq(auditLogs.resourceId, resourceId)));
}

/** Lets the resend cooldown pass without waiting a minute. */
async function sentLongAgo(tokenId: string) {
  const db = await getDb();
  await db
    .update(candidateTokens)
    .set({ lastSentAt: new Date(Date.now() - 61_000) })
    .where(eq(candidateTokens.id, tokenId));
}

describe("concurrent changes to one invite", () => {
  // The issue asked for "20 concurrent add_attempts: 1 add exactly 20"; an invite allows at most 10 attempts (a CHECK
  // constraint), so from 1 exactly 9 fit: they must all count, and the other 11 must be refused and change nothing.
  it("20 concurrent add_attempts: 1 from 1 attempt: exactly 9 succeed, 11 are refused with 422, max_attempts ends at 10", async () => {
    const interview = await makeInterview(hr());
    const { token } = await makeInvite(hr(), interview.id, { max_attempts: 1 });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => patch(interview.id, token.id, { add_attempts: 1 })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(9);
    expect(statuses.filter((s) => s === 422)).toHaveLength(11);
    expect(results.find((r) => r.status === 422)!.json.detail[0]).toMatchObject({
      loc: ["body", "add_attempts"],
      msg: expect.stringMatching(/at most 10 attempts/),
    });
    expect((await tokenRow(token.id)).maxAttempts).toBe(10);
    // Every success moved it by exactly one, from what the previous one left.
    const steps = (await auditsOf("INVITE_EXTENDED", token.id)).map(
      (a) => (a.details as { max_attempts: { from: number; to: number } }).max_attempts,
    );
    expect(steps.map((s) => s.to - s.from)).toEqual(Array(9).fill(1));
    expect(steps.map((s) => s.to).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("10 concurrent +24 h add up to 240 hours", async () => {
    const interview = await makeInterview(hr());
    const { token } = await makeInvite(hr(), interview.id, { expires_in_hours: 24 });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => patch(interview.id, token.id, { extend_hours: 24 })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect((await tokenRow(token.id)).expiresAt!.getTime() - token.expiresAt!.getTime()).toBe(240 * 3600 * 1000);
  });

  it("10 concurrent revokes: one revocation, audited once, the session ended once", async () => {
    const interview = await makeInterview(hr());
    const { value, token } = await makeInvite(hr(), interview.id);
    const started = await startSession({ invite: value, meta });
    const results = await Promise.all(Array.from({ length: 10 }, () => revoke(interview.id, token.id)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(results.map((r) => r.json.status))).toEqual(new Set(["revoked"]));
    expect(await auditsOf("INVITE_REVOKED", token.id)).toHaveLength(1);
    expect(await auditsOf("SESSION_REVOKED", started.sessionId)).toHaveLength(1);
  });
});

describe("resend while the candidate is mid-interview", () => {
  it("is refused with 409 session_in_progress and changes nothing; once the attempt ended it rotates the link", async () => {
    const interview = await makeInterview(hr());
    const { value, token } = await makeInvite(hr(), interview.id, {
      candidate_email: "mid@example.com",
      max_attempts: 2,
    });
    await sentLongAgo(token.id);
    const started = await startSession({ invite: value, meta });
    const before = await tokenRow(token.id);

    const refused = await resend(interview.id, token.id);
    expect(refused.status).toBe(409);
    expect(refused.json).toEqual({
      code: "session_in_progress",
      detail: expect.stringMatching(/interview in progress.*once the attempt has ended/),
    });
    expect(await tokenRow(token.id)).toEqual(before);
    expect(await auditsOf("INVITE_RESENT", token.id)).toHaveLength(0);
    const db = await getDb();
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.tokenId, token.id))).toHaveLength(1); // the first invite only
    // The candidate's link still continues the session.
    await expect(resumeSession({ invite: value, resumeToken: started.resumeToken, meta })).resolves.toMatchObject({
      sessionId: started.sessionId,
    });

    // Once no attempt is in progress, resending works again.
    await db
      .update(interviewSessions)
      .set({ status: "abandoned", endedAt: new Date() })
      .where(eq(interviewSessions.tokenId, token.id));
    const sent = await resend(interview.id, token.id);
    expect(sent.status).toBe(200);
    expect(sent.json.token_value).not.toBe(value);
  });

  it("a resend racing a start: never both (judged under the invite's row lock)", async () => {
    const interview = await makeInterview(hr());
    for (let round = 0; round < 10; round++) {
      const { value, token } = await makeInvite(hr(), interview.id, { candidate_email: `race${round}@example.com` });
      await sentLongAgo(token.id);
      const [started, resent] = await Promise.allSettled([
        startSession({ invite: value, meta }),
        resendInvite({ actor: hr(), interviewId: interview.id, tokenId: token.id, baseUrl, meta }),
      ]);
      // Either the start got in first (the resend is refused) or the resend did (the old link no longer starts).
      expect([started.status, resent.status].sort()).toEqual(["fulfilled", "rejected"]);
      const refusal = (started.status === "rejected" ? started.reason : (resent as PromiseRejectedResult).reason) as {
        reason: string;
      };
      expect(refusal.reason).toBe(started.status === "rejected" ? "invalid_invite" : "session_in_progress");
    }
  });
});
