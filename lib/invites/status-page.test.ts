import { describe, expect, it } from "vitest";
import { startSession } from "@/lib/candidate-sessions/start";
import { decideSession } from "@/lib/decisions/decide";
import { carryOutErasure } from "@/lib/erasure/carry-out";
import { requestErasure } from "@/lib/erasure/request";
import { fileClientIp } from "@/test/http";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useTempDataDir } from "@/test/kits/recordings";
import { recordAnswer, updateSession, webmOf } from "@/test/kits/review";
import { useTestDb } from "@/test/use-test-db";
import { describeInvite } from "./landing";

// The candidate's status page (describeInvite's `status`): attempts, a receipt per completed attempt, the decision
// only once HR chose to tell them, the erasure request, and after the erasure nothing but its date.

const fixture = useTestDb();
useTempDataDir();
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
const meta = { ip: "192.0.2.10", userAgent: "vitest-candidate" };

async function completedAttempt(invite: string) {
  const session = await startSession({ invite, meta });
  await recordAnswer(session, 0, webmOf(2048));
  await updateSession(session.sessionId, { status: "completed", endedAt: new Date() });
  return session.sessionId;
}

const decide = (sessionId: string, decision: "advance" | "hold" | "reject", notify: boolean) =>
  decideSession({
    actor: hr(),
    sessionId,
    decision,
    reason: decision === "advance" ? null : "Internal: waiting for the budget",
    notify_candidate: notify,
    meta,
  });

describe("the candidate's status page", () => {
  it("shows attempts used and left and the receipt of each completed attempt", async () => {
    const interview = await makeInterview(hr());
    const invite = await makeInvite(hr(), interview.id, { candidate_email: "status@example.org", max_attempts: 3 });
    expect((await describeInvite(invite.value)).status).toMatchObject({
      attemptsUsed: 0,
      maxAttempts: 3,
      receipts: [],
      decision: null,
      erasure: null,
    });
    const first = await completedAttempt(invite.value);
    const second = await completedAttempt(invite.value);
    const view = await describeInvite(invite.value);
    expect(view.state).toBe("completed");
    expect(view.status).toMatchObject({ attemptsUsed: 2, maxAttempts: 3 });
    expect(view.status!.receipts.map((r) => r.session_id)).toEqual([first, second]);
    expect(view.status!.receipts[0]!.answers).toHaveLength(1);
  });

  it("shows the newest decision only once HR told the candidate, never an older one a newer untold one replaced, never the reason", async () => {
    const interview = await makeInterview(hr());
    const invite = await makeInvite(hr(), interview.id, { candidate_email: "decision@example.org" });
    const sessionId = await completedAttempt(invite.value);
    await decide(sessionId, "hold", false);
    expect((await describeInvite(invite.value)).status!.decision).toBeNull();
    await decide(sessionId, "advance", true);
    const told = (await describeInvite(invite.value)).status!.decision;
    expect(told).toMatchObject({ decision: "advance" });
    await decide(sessionId, "hold", false); // changed, but nobody told the candidate: "advance" may no longer be true
    const view = await describeInvite(invite.value);
    expect(view.status!.decision).toBeNull();
    expect(JSON.stringify(view)).not.toContain("budget");
    await decide(sessionId, "reject", true);
    expect((await describeInvite(invite.value)).status!.decision).toMatchObject({ decision: "reject" });
  });

  it("shows the pending erasure request, and after the erasure only its date", async () => {
    const interview = await makeInterview(hr());
    const invite = await makeInvite(hr(), interview.id, {
      candidate_name: "Orsolya Wennberg",
      candidate_email: "orsolya@example.org",
    });
    await completedAttempt(invite.value);
    const { request } = await requestErasure({ tokenValue: invite.value, meta: { ...meta, ip: fileClientIp() } });
    expect((await describeInvite(invite.value)).status!.erasure).toEqual({
      status: "pending",
      requestedAt: request.requested_at,
      completedAt: null,
    });
    const done = await carryOutErasure({ actor: hr(), requestId: request.id });
    const view = await describeInvite(invite.value);
    expect(view).toEqual({ state: "erased", companyName: expect.any(String), erasedAt: expect.any(String) });
    expect(Math.abs(new Date(view.erasedAt!).getTime() - done.completedAt.getTime())).toBeLessThan(5_000);
  });
});
