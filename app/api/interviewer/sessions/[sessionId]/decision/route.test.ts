import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLogs, decisions, emailOutbox, interviewSessions } from "@/db/schema";
import { SEND_EMAIL } from "@/lib/jobs/queues";
import { jobIdFor } from "@/lib/jobs/define";
import { getBoss, stopJobs } from "@/lib/jobs/runtime";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { completedSession } from "@/test/review-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { GET, POST } from "./route";

// POST/GET /api/interviewer/sessions/{id}/decision: who may decide, what is refused, what is kept on record, and the
// candidate's email written to the outbox with the interview's template (no SMTP here: it waits there; the job queue's
// delivery is smtp.test.ts).

const fixture = useTestDb();
const ip = fileClientIp();
const tokens: Record<string, string> = {};
const HR = "hr@nextgenai.com";
const ADMIN = "admin@nextgenai.com";
const LEAD = "lead@nextgenai.com";
const EMPLOYEE = "employee@nextgenai.com";
const GLOBEX = "admin@globex.com";
const hr = () => actorFrom(fixture.people[HR]!, "HR");
const lead = () => actorFrom(fixture.people[LEAD]!, "TEAM_LEAD");

const post = (who: string, sessionId: string, body: unknown) =>
  call(POST, `/api/interviewer/sessions/${sessionId}/decision`, {
    token: tokens[who],
    ip,
    body,
    params: { sessionId },
  });
const get = (who: string, sessionId: string) =>
  call(GET, `/api/interviewer/sessions/${sessionId}/decision`, { token: tokens[who], ip, params: { sessionId } });
const auditOf = async (sessionId: string) =>
  (
    await fixture.db.db.select().from(auditLogs).where(eq(auditLogs.resourceId, sessionId)).orderBy(auditLogs.createdAt)
  ).filter((a) => a.action.startsWith("DECISION"));

beforeAll(async () => {
  for (const who of [HR, ADMIN, LEAD, EMPLOYEE, GLOBEX]) tokens[who] = (await apiLogin(who, ip)).access_token;
});
afterAll(() => stopJobs());

describe("POST /api/interviewer/sessions/{id}/decision", () => {
  it("HR and ADMIN decide; EMPLOYEE and TEAM_LEAD (even on their own interview) get 403; another company 404", async () => {
    const interview = await makeInterview(lead(), { title: "Lead's screen" });
    const { sessionId } = await completedSession(lead(), { interviewId: interview.id });
    expect((await post(EMPLOYEE, sessionId, { decision: "advance" })).status).toBe(403);
    expect((await post(LEAD, sessionId, { decision: "advance" })).status).toBe(403);
    expect((await post(GLOBEX, sessionId, { decision: "advance" })).status).toBe(404);
    expect((await get(GLOBEX, sessionId)).status).toBe(404);
    expect((await post(HR, "00000000-0000-4000-8000-000000000000", { decision: "advance" })).status).toBe(404);
    const byHr = await post(HR, sessionId, { decision: "advance" });
    expect(byHr.status).toBe(201);
    expect(byHr.json).toMatchObject({
      changed: true,
      decision: { decision: "advance", reason: null, email: null },
      email_job_id: null,
    });
    expect((await post(ADMIN, sessionId, { decision: "hold", reason: "Waiting for the second round" })).status).toBe(
      201,
    );
    // The TEAM_LEAD who owns the interview reads the decision; EMPLOYEE does not.
    const read = await get(LEAD, sessionId);
    expect(read.status).toBe(200);
    expect(read.json.current).toMatchObject({ decision: "hold", decided_by: { email: ADMIN } });
    expect((await get(EMPLOYEE, sessionId)).status).toBe(403);
    expect(await fixture.db.db.select().from(decisions).where(eq(decisions.sessionId, sessionId))).toHaveLength(2);
  });

  it("requires a reason to hold or reject (422 reason_required), and refuses a bad body", async () => {
    const interview = await makeInterview(hr());
    const { sessionId } = await completedSession(hr(), { interviewId: interview.id });
    for (const body of [
      { decision: "reject" },
      { decision: "hold", reason: "   " },
      { decision: "reject", reason: null },
    ]) {
      const res = await post(HR, sessionId, body);
      expect(res.status).toBe(422);
      expect(res.json.code).toBe("reason_required");
      expect(res.json.detail[0]).toMatchObject({
        loc: ["body", "reason"],
        msg: "A reason is required to hold or reject",
      });
    }
    expect((await post(HR, sessionId, { decision: "maybe" })).status).toBe(422);
    expect((await post(HR, sessionId, { decision: "reject", reason: "x".repeat(2001) })).status).toBe(422);
    expect((await post(HR, sessionId, { decision: "advance", notify_candidate: "yes" })).status).toBe(422);
    expect((await get(HR, sessionId)).json).toEqual({ current: null, history: [] });
  });

  it("refuses a session that has not completed (409 session_not_completed)", async () => {
    const interview = await makeInterview(hr());
    const { sessionId } = await completedSession(hr(), { interviewId: interview.id });
    await fixture.db.db
      .update(interviewSessions)
      .set({ status: "in_progress", endedAt: null })
      .where(eq(interviewSessions.id, sessionId));
    const res = await post(HR, sessionId, { decision: "advance" });
    expect(res.status).toBe(409);
    expect(res.json.code).toBe("session_not_completed");
  });

  it("audits the first decision as DECISION_MADE and each change as DECISION_CHANGED, from/to with the reason; a repeat changes nothing", async () => {
    const interview = await makeInterview(hr());
    const { sessionId } = await completedSession(hr(), { interviewId: interview.id });
    expect((await post(HR, sessionId, { decision: "hold", reason: "Compare with the others" })).status).toBe(201);
    const repeat = await post(HR, sessionId, { decision: "hold", reason: "Compare with the others" });
    expect(repeat.status).toBe(200);
    expect(repeat.json.changed).toBe(false);
    expect((await post(ADMIN, sessionId, { decision: "reject", reason: "Weaker SQL than the others" })).status).toBe(
      201,
    );
    const audit = await auditOf(sessionId);
    expect(audit.map((a) => [a.action, a.userId, a.details])).toEqual([
      [
        "DECISION_MADE",
        fixture.people[HR]!.id,
        expect.objectContaining({ from: null, to: "hold", reason: "Compare with the others" }),
      ],
      [
        "DECISION_CHANGED",
        fixture.people[ADMIN]!.id,
        expect.objectContaining({ from: "hold", to: "reject", reason: "Weaker SQL than the others" }),
      ],
    ]);
    const { json } = await get(HR, sessionId);
    expect(json.current).toMatchObject({
      decision: "reject",
      reason: "Weaker SQL than the others",
      decided_by: { email: ADMIN },
    });
    expect(json.history.map((d: { decision: string }) => d.decision)).toEqual(["reject", "hold"]);
  });

  it("emails the candidate the interview's template, filled in, through the outbox", async () => {
    const interview = await makeInterview(hr(), {
      title: "Data analyst",
      decision_emails: {
        reject: {
          subject: "{{interview_title}}: our decision",
          body: "Dear {{candidate_name}}, {{company_name}} will not go on.",
        },
      },
    });
    const { sessionId } = await completedSession(hr(), {
      interviewId: interview.id,
      candidateName: "Grace Hopper",
      candidateEmail: "grace@example.org",
    });
    const res = await post(HR, sessionId, { decision: "reject", reason: "Not enough depth", notify_candidate: true });
    expect(res.status).toBe(201);
    const emailId = res.json.decision.email.id;
    expect(res.json.decision.email).toMatchObject({
      to: "grace@example.org",
      subject: "Data analyst: our decision",
      status: "queued",
      transport: "outbox",
      attempts: 0,
      error: null,
    });
    const [row] = await fixture.db.db.select().from(emailOutbox).where(eq(emailOutbox.id, emailId));
    expect(row).toMatchObject({
      toAddress: "grace@example.org",
      subject: "Data analyst: our decision",
      textBody: "Dear Grace Hopper, NextGen AI will not go on.",
      transport: "outbox",
    });
    // Without SMTP there is nothing for a job to deliver: the email waits in the outbox, and no job is queued.
    // (With SMTP: smtp.test.ts.)
    expect(res.json.email_job_id).toBeNull();
    expect(await (await getBoss()).getJobById(SEND_EMAIL.queue, jobIdFor(SEND_EMAIL.queue, emailId))).toBeNull();
    const [audit] = await auditOf(sessionId);
    expect(audit!.details).toMatchObject({ email_id: emailId });
    // The default template for a decision the interview left unset.
    const advance = await post(HR, sessionId, { decision: "advance", notify_candidate: true });
    expect(advance.json.decision.email.subject).toBe("Next steps for Data analyst at NextGen AI");
  });

  it("notify_candidate without a candidate email is 409 no_candidate_email and records nothing", async () => {
    const interview = await makeInterview(hr());
    const invite = await makeInvite(hr(), interview.id, { candidate_name: "No Address" });
    const { sessionId } = await completedSession(hr(), { interviewId: interview.id, tokenId: invite.token.id });
    const res = await post(HR, sessionId, { decision: "advance", notify_candidate: true });
    expect(res.status).toBe(409);
    expect(res.json.code).toBe("no_candidate_email");
    expect(
      await fixture.db.db
        .select()
        .from(decisions)
        .where(and(eq(decisions.sessionId, sessionId))),
    ).toHaveLength(0);
  });
});
