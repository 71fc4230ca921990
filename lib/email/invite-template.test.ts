import { describe, expect, it } from "vitest";
import { inviteEmail } from "./invite-template";

const now = new Date("2026-11-21T14:00:00Z");
const base = {
  candidateName: "Jane Doe",
  interviewTitle: "Senior Backend Engineer",
  companyName: "NextGen AI",
  expiresAt: new Date("2026-11-24T14:00:00Z"),
  link: "https://interviews.example.com/interview/abc_DEF-123",
  now,
};

describe("inviteEmail", () => {
  it("states the expiry in plain words in UTC by default", () => {
    const { subject, text, html } = inviteEmail(base);
    expect(subject).toBe("Your interview for Senior Backend Engineer at NextGen AI");
    expect(text).toContain("This link expires on Tuesday, 24 November 2026 at 14:00 UTC (in 3 days).");
    expect(text).toContain(base.link);
    expect(text).toContain("Hello Jane Doe,");
    expect(html).toContain("This link expires on Tuesday, 24 November 2026 at 14:00 UTC (in 3 days).");
  });

  it("shows the candidate's local date and clock, which can fall on another day", () => {
    const kiritimati = inviteEmail({ ...base, timeZone: "Pacific/Kiritimati" }).text;
    expect(kiritimati).toContain(
      "expires on Wednesday, 25 November 2026 at 04:00 GMT+14 (Pacific/Kiritimati time, in 3 days).",
    );
    const stJohns = inviteEmail({ ...base, timeZone: "America/St_Johns" }).text;
    expect(stJohns).toContain(
      "expires on Tuesday, 24 November 2026 at 10:30 GMT-3:30 (America/St_Johns time, in 3 days).",
    );
  });

  it("counts hours when the expiry is near and says when it has passed", () => {
    expect(inviteEmail({ ...base, expiresAt: new Date("2026-11-22T08:00:00Z") }).text).toContain("(in 18 hours)");
    expect(inviteEmail({ ...base, expiresAt: new Date("2026-11-21T14:20:00Z") }).text).toContain("(in 20 minutes)");
    expect(inviteEmail({ ...base, expiresAt: new Date("2026-11-21T13:00:00Z") }).text).toContain("(already expired)");
  });

  it("falls back to UTC for an unknown time zone instead of failing the mint", () => {
    expect(inviteEmail({ ...base, timeZone: "Mars/Olympus_Mons" }).text).toContain("at 14:00 UTC (in 3 days)");
  });

  it("says clearly that a reissued link replaces the earlier one", () => {
    const fresh = inviteEmail(base);
    expect(fresh.text).not.toMatch(/no longer works/);
    const { subject, text, html } = inviteEmail({ ...base, reissued: true });
    expect(subject).toBe("New link: Your interview for Senior Backend Engineer at NextGen AI");
    expect(text).toContain("This is a new link for your interview. Any earlier link we sent you no longer works");
    expect(html).toContain("Any earlier link we sent you no longer works");
  });

  it("escapes every interpolated value in the HTML", () => {
    const { html, text } = inviteEmail({
      ...base,
      candidateName: "<script>alert(1)</script>",
      interviewTitle: 'Dev "Ops" & <b>SRE</b>',
      companyName: "O'Brien <Corp>",
      link: 'https://x.example/interview/a?b=1&c="2"',
    });
    expect(html).not.toContain("<script>");
    expect(html).toContain("Hello &lt;script&gt;alert(1)&lt;/script&gt;,");
    expect(html).toContain("Dev &quot;Ops&quot; &amp; &lt;b&gt;SRE&lt;/b&gt;");
    expect(html).toContain("O&#39;Brien &lt;Corp&gt;");
    expect(html).not.toContain("<b>");
    expect(html).toContain('href="https://x.example/interview/a?b=1&amp;c=&quot;2&quot;"');
    // The plain-text part is not HTML, so it carries the values as typed.
    expect(text).toContain("Hello <script>alert(1)</script>,");
  });

  it("keeps user input from breaking the subject line or overflowing its column", () => {
    const { subject } = inviteEmail({
      ...base,
      interviewTitle: `Line one\r\nBcc: victim@example.com ${"x".repeat(400)}`,
    });
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject.length).toBeLessThanOrEqual(300);
  });

  it("greets without a name when none was given", () => {
    expect(inviteEmail({ ...base, candidateName: null }).text.startsWith("Hello,\n")).toBe(true);
  });
});
