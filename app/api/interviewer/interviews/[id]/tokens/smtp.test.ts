import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { candidateTokens } from "@/db/schema";
import { stopJobs } from "@/lib/jobs/runtime";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { useSmtpServer } from "@/test/smtp-server";
import { useTestDb } from "@/test/use-test-db";
import { POST as createInterview } from "../../route";
import { POST as resend } from "./[tokenId]/resend/route";
import { POST as bulk } from "./bulk/route";
import { POST as mint } from "./route";

// With SMTP configured, the invite endpoints answer `email_delivery: "queued"` and leave the sending to the
// send-email job: the mail server hears nothing from a request. (The job's delivery: lib/email/send-email-job.test.ts.)

const fixture = useTestDb();
const smtp = useSmtpServer();
const ip = fileClientIp();
let auth = {} as { token: string; ip: string };

beforeAll(async () => {
  auth = { token: (await apiLogin("hr@nextgenai.com", ip)).access_token, ip };
});

afterAll(async () => {
  await stopJobs();
});

describe("invite endpoints with SMTP", () => {
  it("mint, resend and bulk answer 'queued' without a word to the mail server", async () => {
    const interview = await call(createInterview, "/x", {
      ...auth,
      body: { title: "SMTP check", questions: [{ text: "Q1" }] },
    });
    const params = { id: interview.json.id };

    const minted = await call(mint, "/x", { ...auth, body: { candidate_email: "one@example.com" }, params });
    expect(minted.status).toBe(201);
    expect(minted.json.email_delivery).toBe("queued");
    const noEmail = await call(mint, "/x", { ...auth, body: { candidate_name: "No address" }, params });
    expect(noEmail.json.email_delivery).toBeNull();

    await fixture.db.db
      .update(candidateTokens)
      .set({ lastSentAt: new Date(Date.now() - 120_000) })
      .where(eq(candidateTokens.id, minted.json.id));
    const resent = await call(resend, "/x", {
      ...auth,
      method: "POST",
      params: { ...params, tokenId: minted.json.id },
    });
    expect(resent.status).toBe(200);
    expect(resent.json.email_delivery).toBe("queued");

    const created = await call(bulk, "/x", {
      ...auth,
      body: { csv: "Ada,ada@example.com\nBob,bob@example.com" },
      params,
    });
    expect(created.status).toBe(201);
    expect(created.json.invites.map((i: { email_delivery: string }) => i.email_delivery)).toEqual(["queued", "queued"]);

    expect(smtp.server.connections()).toBe(0);
  });
});
