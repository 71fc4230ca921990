import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox } from "@/db/schema";
import { jobIdFor } from "@/lib/jobs/define";
import { JOB_HANDLERS } from "@/lib/jobs/handlers";
import { SEND_EMAIL } from "@/lib/jobs/queues";
import { startJobs, stopJobs } from "@/lib/jobs/runtime";
import { FAST_TIMINGS, waitFor } from "@/test/kits/jobs";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { actorFrom, makeInterview } from "@/test/interview-fixtures";
import { completedSession } from "@/test/review-fixtures";
import { useSmtpServer } from "@/test/smtp-server";
import { useTestDb } from "@/test/use-test-db";
import { GET, POST } from "./route";

// With SMTP configured, the decision email really arrives: the decision commits it to the outbox, the send-email job
// (the real handler, run by a worker in this process) delivers it to an SMTP server process, and the row says "sent".

const fixture = useTestDb();
const ip = fileClientIp();
const smtp = useSmtpServer();
let token = "";

beforeAll(async () => {
  token = (await apiLogin("hr@nextgenai.com", ip)).access_token;
});

afterAll(async () => {
  await stopJobs();
});

describe("decision email over SMTP", () => {
  it("is delivered by the send-email job with the template filled in", async () => {
    await stopJobs();
    const registrations = JOB_HANDLERS.filter((r) => r.definition.queue === SEND_EMAIL.queue);
    await startJobs({
      workers: true,
      handle: fixture.db,
      registrations,
      timings: FAST_TIMINGS,
      concurrency: 1,
      catchUp: false,
    });
    const hr = actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
    const interview = await makeInterview(hr, { title: "Data analyst screen" });
    const { sessionId } = await completedSession(hr, {
      interviewId: interview.id,
      candidateName: "Ada Lovelace",
      candidateEmail: "ada@example.org",
    });
    const res = await call(POST, "/x", {
      token,
      ip,
      params: { sessionId },
      body: { decision: "reject", reason: "Not this time", notify_candidate: true },
    });
    expect(res.status).toBe(201);
    const emailId: string = res.json.decision.email.id;
    expect(res.json.decision.email.transport).toBe("smtp"); // its status may already have moved on: a worker is running
    expect(res.json.email_job_id).toBe(jobIdFor(SEND_EMAIL.queue, emailId));

    // The invite went to the same address when it was minted; the decision email is the second.
    const message = await waitFor(
      async () =>
        smtp.server.received.find(
          (m) => m.to.includes("ada@example.org") && m.text.includes("Subject: Your application"),
        ),
      "the decision email to arrive",
    );
    expect(message.text).toContain("Subject: Your application for Data analyst screen at NextGen AI");
    expect(message.text).toContain("Hello Ada Lovelace,");
    expect(message.text).toContain("not to move forward");
    await waitFor(
      async () =>
        (await fixture.db.db.select().from(emailOutbox).where(eq(emailOutbox.id, emailId)))[0]?.status === "sent",
      "the row to say sent",
    );
    const read = await call(GET, "/x", { token, ip, params: { sessionId } });
    expect(read.json.current.email).toMatchObject({
      id: emailId,
      status: "sent",
      attempts: 1,
      error: null,
      sent_at: expect.any(String),
    });
  });
});
