import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetMailTransportForTests } from "@/lib/email/transport";
import { setEnvForTests } from "@/lib/env";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";

// Minting with a candidate email delivers the invite to a real SMTP server process (not a mock transport).

const fixture = useTestDb();
const received: { to: string[]; raw: string }[] = [];
let server: SMTPServer;

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
  const { port } = server.server.address() as AddressInfo;
  setEnvForTests({ SMTP_URL: `smtp://127.0.0.1:${port}` });
  resetMailTransportForTests();
});

afterAll(async () => {
  setEnvForTests(undefined);
  resetMailTransportForTests();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("invite email over SMTP", () => {
  it("arrives with the title, the company and the link", async () => {
    const hr = actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
    const interview = await makeInterview(hr, { title: "Data analyst screen" });
    const minted = await makeInvite(hr, interview.id, { candidate_email: "grace@example.com", candidate_name: "Grace" });
    expect(minted.delivery).toBe("sent");
    const message = received.find((m) => m.to.includes("grace@example.com"));
    expect(message).toBeDefined();
    const unfolded = message!.raw.replace(/=\r?\n/g, "");
    expect(unfolded).toContain("Data analyst screen");
    expect(unfolded).toContain("NextGen AI");
    expect(unfolded).toContain(`/interview/${minted.value}`);
  });
});
