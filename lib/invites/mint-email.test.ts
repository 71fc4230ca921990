import { afterAll, describe, expect, it } from "vitest";
import { JOB_HANDLERS } from "@/lib/jobs/handlers";
import { SEND_EMAIL } from "@/lib/jobs/queues";
import { startJobs, stopJobs } from "@/lib/jobs/runtime";
import { drainQueue, FAST_TIMINGS } from "@/test/kits/jobs";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useSmtpServer } from "@/test/smtp-server";
import { useTestDb } from "@/test/use-test-db";

// Minting with a candidate email queues the invite; the send-email job delivers it to a real SMTP server process
// (not a mock transport).

const fixture = useTestDb();
const smtp = useSmtpServer();

afterAll(async () => {
  await stopJobs();
});

describe("invite email over SMTP", () => {
  it("arrives with the title, the company and the link", async () => {
    const hr = actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
    const interview = await makeInterview(hr, { title: "Data analyst screen" });
    const minted = await makeInvite(hr, interview.id, {
      candidate_email: "grace@example.com",
      candidate_name: "Grace",
    });
    expect(minted.delivery).toBe("queued");

    await stopJobs();
    const registrations = JOB_HANDLERS.filter((r) => r.definition.queue === SEND_EMAIL.queue);
    const runtime = await startJobs({
      workers: true,
      handle: fixture.db,
      registrations,
      timings: FAST_TIMINGS,
      concurrency: 1,
      catchUp: false,
    });
    await drainQueue(runtime.boss, SEND_EMAIL.queue);
    const message = smtp.server.received.find((m) => m.to.includes("grace@example.com"));
    expect(message).toBeDefined();
    expect(message!.text).toContain("Data analyst screen");
    expect(message!.text).toContain("NextGen AI");
    expect(message!.text).toContain(`/interview/${minted.value}`);
  });
});
