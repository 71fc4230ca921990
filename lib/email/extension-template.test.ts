import { describe, expect, it } from "vitest";
import { extensionDecisionEmail } from "./extension-template";

const base = { candidateName: "Ana <b>", interviewTitle: "Data\nengineer", companyName: "Acme" };

describe("extension decision email", () => {
  it("an approval gives the new date in the invite's zone and the link; user input is escaped and one-lined", () => {
    const email = extensionDecisionEmail({
      ...base,
      decision: "approve",
      newExpiresAt: new Date("2026-12-11T13:30:00Z"),
      link: "https://app.example/interview/abc",
      note: "Good <luck>",
      timeZone: "Europe/Berlin",
    });
    expect(email.subject).toBe("More time for your interview for Data engineer at Acme");
    expect(email.text).toContain("Friday, 11 December 2026 at 14:30 CET (Europe/Berlin time)");
    expect(email.text).toContain("Start your interview: https://app.example/interview/abc");
    expect(email.text).toContain("A note from Acme: Good <luck>");
    expect(email.html).toContain("Good &lt;luck&gt;");
    expect(email.html).toContain("Hello Ana &lt;b&gt;,");
    expect(email.html).not.toContain("<luck>");
  });

  it("without a link it points at the last invitation; a decline says so and has no link", () => {
    const approved = extensionDecisionEmail({
      ...base,
      decision: "approve",
      newExpiresAt: new Date(),
      timeZone: "Nope/Zone",
    });
    expect(approved.text).toMatch(/most recent invitation email/);
    expect(approved.text).toContain("UTC");
    const declined = extensionDecisionEmail({ ...base, decision: "decline", note: null });
    expect(declined.subject).toMatch(/request for more time/);
    expect(declined.text).toMatch(/cannot extend the deadline/);
    expect(declined.text).not.toMatch(/note from/i);
    expect(declined.html).not.toContain("href");
  });
});
