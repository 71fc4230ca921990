import { describe, expect, it } from "vitest";
import { reminderEmail } from "./reminder-template";

const base = {
  candidateName: "Ada <b>Lovelace</b>",
  interviewTitle: "Data\nanalyst & <script>",
  companyName: "NextGen AI",
  expiresAt: new Date("2026-12-04T17:00:00Z"),
  link: "https://app.example.com/interview/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
  unsubscribeUrl: "https://app.example.com/reminders/unsubscribe?t=id.mac&x=1",
  now: new Date("2026-12-03T17:00:00Z"),
};

describe("reminder email", () => {
  it("says when the link expires in UTC and in plain words, with the same link and a way to stop", () => {
    const { subject, text } = reminderEmail(base);
    expect(subject).toBe("Reminder: your interview for Data analyst & <script> at NextGen AI");
    expect(text).toContain("Hello Ada <b>Lovelace</b>,");
    expect(text).toContain(`Start your interview: ${base.link}`);
    expect(text).toContain("This is the same link as in your invitation");
    expect(text).toContain(
      "Your link expires on Friday, 4 December 2026 at 17:00 UTC (in 24 hours). After that it no longer opens the interview.",
    );
    expect(text).toContain(`Stop them here: ${base.unsubscribeUrl}`);
  });

  it("escapes names, titles and addresses in the HTML part", () => {
    const { html } = reminderEmail(base);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>Lovelace</b>");
    expect(html).toContain("Ada &lt;b&gt;Lovelace&lt;/b&gt;");
    expect(html).toContain("analyst &amp; &lt;script&gt;");
    expect(html).toContain(`href="${base.link}"`);
    expect(html).toContain('href="https://app.example.com/reminders/unsubscribe?t=id.mac&amp;x=1"');
  });

  it("without a recoverable link, sends the candidate to their invitation email", () => {
    const { text, html } = reminderEmail({ ...base, link: null });
    expect(text).toContain("Please open the link in the invitation email we sent you earlier.");
    expect(text).not.toContain("/interview/");
    expect(html).not.toContain("/interview/");
  });
});
