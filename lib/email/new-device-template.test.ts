import { describe, expect, it } from "vitest";
import { newDeviceEmail } from "./new-device-template";

const base = {
  firstName: "Ada <b>",
  companyName: "NextGen & Co",
  device: "Chrome on macOS",
  address: "203.0.113.7",
  channel: "web" as const,
  at: new Date("2026-12-01T08:30:00Z"),
  sessionsUrl: "https://app.example.com/dashboard/account/sessions",
};

describe("new-device email", () => {
  it("says when, from what and where, and links the sessions page", () => {
    const { subject, text } = newDeviceEmail(base);
    expect(subject).toBe("New sign-in to your AI Interviewer account");
    expect(text).toContain("Hello Ada <b>,");
    expect(text).toContain("When: Tuesday, 1 December 2026 at 08:30 UTC");
    expect(text).toContain("Device: Chrome on macOS");
    expect(text).toContain("Address: 203.0.113.7");
    expect(text).toContain("Signed in to: the dashboard");
    expect(text).toContain(`sign that session out: ${base.sessionsUrl}`);
    expect(newDeviceEmail({ ...base, channel: "api", address: null }).text).toContain("Address: unknown");
  });

  it("escapes what it quotes in the HTML part", () => {
    const { html } = newDeviceEmail(base);
    expect(html).toContain("Hello Ada &lt;b&gt;,");
    expect(html).toContain("NextGen &amp; Co");
    expect(html).toContain(`<a href="${base.sessionsUrl}">your sessions page</a>`);
  });
});
