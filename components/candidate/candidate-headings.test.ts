import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { InviteView } from "@/lib/invites/landing";
import { InviteStateMessage } from "./invite-state-message";

// InterviewFlow (the "continue" button of an attempt in progress) asks for the app router, absent outside Next.
vi.mock("next/navigation", () => ({ useRouter: () => ({ push() {}, replace() {}, refresh() {} }) }));

// The candidate's landing states, rendered as the server sends them: the erasure panel wherever recordings may exist,
// and headings nested under the section's h2 one level down.

const status: NonNullable<InviteView["status"]> = {
  attemptsUsed: 1,
  maxAttempts: 2,
  receipts: [],
  decision: { decision: "advance", toldAt: "2026-11-30T10:00:00.000Z" },
  erasure: null,
};
const render = (view: InviteView) =>
  renderToStaticMarkup(createElement(InviteStateMessage, { view, token: "t".repeat(43) }));

describe("the candidate's landing states", () => {
  it("offers erasure on an attempt left in progress", () => {
    const html = render({ state: "in_progress", companyName: "Acme", attemptsLeft: 1, status });
    expect(html).toContain("Your interview is in progress");
    expect(html).toMatch(/<h2 id="erasure-title">Your recordings<\/h2>/);
    expect(html).toContain("Ask the company to delete my recordings");
  });

  it("nests the status page's sections under its h2 as h3", () => {
    const html = render({ state: "completed", companyName: "Acme", status });
    expect(html).toMatch(/<h2 id="status-title">Your invitation<\/h2>/);
    expect(html).toMatch(/<h3 id="decision-title">/);
    expect(html).toMatch(/<h3 id="erasure-title">Your recordings<\/h3>/);
    expect(html).not.toMatch(/<h2 id="(decision|erasure)-title"/);
  });
});
