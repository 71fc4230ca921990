import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox } from "@/db/schema";
import { queueEmail } from "@/lib/email/outbox";
import { sweepUnsentEmail } from "@/lib/email/send-later";
import { resetMailTransportForTests } from "@/lib/email/transport";
import { setEnvForTests } from "@/lib/env";
import { JOB_HANDLERS } from "@/lib/jobs/handlers";
import { SEND_EMAIL } from "@/lib/jobs/queues";
import { startJobs, stopJobs } from "@/lib/jobs/runtime";
import { FAST_TIMINGS, waitFor } from "@/lib/jobs/test-kit";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { actorFrom, makeInterview } from "@/test/interview-fixtures";
import { completedSession } from "@/test/review-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { GET, POST } from "./route";

// With SMTP configured, the decision email really arrives: the decision commits it to the outbox, the send-email job
// (the real handler, run by a worker in this process) delivers it to an SMTP server process, and the row says "sent".

const fixture = useTestDb();
const ip = fileClientIp();
const received: { to: string[]; raw: string }[] = [];
let server: SMTPServer;
let token = "";

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  setEnvForTests({ SMTP_URL: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}` });
  resetMailTransportForTests();
  token = (await apiLogin("hr@nextgenai.com", ip)).access_token;
});

afterAll(async () => {
  await stopJobs();
  setEnvForTests(undefined);
  resetMailTransportForTests();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("decision email over SMTP", () => {
  it("is delivered by the send-email job with the template filled in", async () => {
    await stopJobs();
    const registrations = JOB_HANDLERS.filter((r) => r.definition.queue === SEND_EMAIL.queue);
    await startJobs({ workers: true, handle: fixture.db, registrations, timings: FAST_TIMINGS, concurrency: 1, catchUp: false });
    const hr = actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
    const interview = await makeInterview(hr, { title: "Data analyst screen" });
    const { sessionId } = await completedSession(hr, { interviewId: interview.id, candidateName: "Ada Lovelace", candidateEmail: "ada@example.org" });
    const res = await call(POST, "/x", { token, ip, params: { sessionId }, body: { decision: "reject", reason: "Not this time", notify_candidate: true } });
    expect(res.status).toBe(201);
    const emailId: string = res.json.decision.email.id;

    // The invite went to the same address when it was minted; the decision email is the second.
    const unfold = (raw: string) => raw.replace(/=\r?\n/g, "");
    const message = await waitFor(
      async () => received.find((m) => m.to.includes("ada@example.org") && unfold(m.raw).includes("Subject: Your application")),
      "the decision email to arrive",
    );
    const unfolded = unfold(message.raw);
    expect(unfolded).toContain("Subject: Your application for Data analyst screen at NextGen AI");
    expect(unfolded).toContain("Hello Ada Lovelace,");
    expect(unfolded).toContain("not to move forward");
    await waitFor(async () => (await fixture.db.db.select().from(emailOutbox).where(eq(emailOutbox.id, emailId)))[0]?.status === "sent", "the row to say sent");
    const read = await call(GET, "/x", { token, ip, params: { sessionId } });
    expect(read.json.current.email).toMatchObject({ id: emailId, status: "sent", sent_at: expect.any(String) });
  });

  it("the sweep delivers an SMTP email whose job a crash lost, and leaves recent ones to their own job", async () => {
    const companyId = fixture.people["hr@nextgenai.com"]!.companyId;
    const lost = await queueEmail(fixture.db.db, { companyId, to: "lost@example.org", subject: "Lost", text: "Lost job" });
    const recent = await queueEmail(fixture.db.db, { companyId, to: "recent@example.org", subject: "Recent", text: "Own job" });
    await fixture.db.db.update(emailOutbox).set({ createdAt: new Date(Date.now() - 5 * 60_000) }).where(eq(emailOutbox.id, lost.id));
    expect(await sweepUnsentEmail()).toEqual({ emails: 1 });
    await waitFor(async () => received.find((m) => m.to.includes("lost@example.org")), "the swept email to arrive");
    const [row] = await fixture.db.db.select().from(emailOutbox).where(eq(emailOutbox.id, recent.id));
    expect(row!.status).toBe("queued");
  });
});
