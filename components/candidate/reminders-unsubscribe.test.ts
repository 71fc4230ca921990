import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { InviteReminders } from "@/components/invites/invite-reminders";
import { RemindersUnsubscribe } from "./reminders-unsubscribe";

// The stop-reminders page a reminder links to, and what HR sees of reminders on the invite row.

const VALUE = "145cc812-f32e-400a-9809-9c46d2319701.9_9crMLAaZDwgY0m9K-vMxw16STETkJ8WivkBJINBJ0";
const page = (view: Parameters<typeof RemindersUnsubscribe>[0]["view"]) =>
  renderToStaticMarkup(createElement(RemindersUnsubscribe, { view }));

describe("the stop-reminders page", () => {
  it("asks first: its button POSTs the one-click body to the API (a visit changes nothing)", () => {
    const html = page({
      value: VALUE,
      companyName: "NextGen AI",
      interviewTitle: "Data analyst",
      unsubscribedAt: null,
    });
    expect(html).toContain("Stop reminder emails?");
    expect(html).toContain("Data analyst at NextGen AI");
    expect(html).toContain(
      `<form action="/api/candidates/invites/unsubscribe?t=${encodeURIComponent(VALUE)}" method="post">`,
    );
    expect(html).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click"/>');
    expect(html).toContain(">Stop reminders</button>");
  });

  it("says when reminders stopped, and that the link still works", () => {
    const html = page({
      value: VALUE,
      companyName: "NextGen AI",
      interviewTitle: "Data analyst",
      unsubscribedAt: "2026-12-01T05:05:00.000Z",
    });
    expect(html).toContain("Reminders stopped");
    expect(html).toContain('<time dateTime="2026-12-01T05:05:00.000Z"');
    expect(html).toContain("Your invitation link still works until it expires.");
    expect(html).not.toContain("<form");
  });

  it("an unknown link changes nothing and says so", () => {
    const html = page({ value: null });
    expect(html).toContain("We couldn&#x27;t find these reminders");
    expect(html).not.toContain("<form");
  });
});

describe("reminders on the invite row", () => {
  it("lists each reminder sent with its time, and the candidate's opt-out", () => {
    const html = renderToStaticMarkup(
      createElement(InviteReminders, {
        invite: {
          reminders: [{ offsetHours: 24, sentAt: "2026-12-01T05:00:00.000Z" }],
          remindersUnsubscribedAt: "2026-12-01T06:00:00.000Z",
        },
      }),
    );
    expect(html).toContain("Reminder (24 h before expiry) sent");
    expect(html).toContain('<time dateTime="2026-12-01T05:00:00.000Z"');
    expect(html).toContain("Unsubscribed from reminders");
    expect(html).toContain('<time dateTime="2026-12-01T06:00:00.000Z"');
  });

  it("shows nothing when there is nothing to tell", () => {
    expect(
      renderToStaticMarkup(
        createElement(InviteReminders, { invite: { reminders: [], remindersUnsubscribedAt: null } }),
      ),
    ).toBe("");
  });
});
