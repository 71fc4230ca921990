// The email that tells a staff member their account was signed in to from a new device (lib/auth/new-device.ts).
// Pure: takes plain data, so the wording is testable without a clock or a server. It carries no credential, only a
// link to the sessions page, where the person can sign the session out.
import { emailDocument, escapeHtml, oneLine, paragraph } from "./html";
import type { RenderedEmail } from "./invite-template";

export interface NewDeviceEmailInput {
  firstName: string | null | undefined;
  companyName: string;
  /** "Chrome on macOS" (lib/auth/device.ts). */
  device: string;
  address: string | null;
  channel: "api" | "web";
  at: Date;
  /** The sessions page, absolute. */
  sessionsUrl: string;
}

// en-GB in UTC: the server does not know the reader's zone, so it names the zone it uses.
const formatAt = (at: Date) =>
  new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(at);

export function newDeviceEmail(input: NewDeviceEmailInput): RenderedEmail {
  const company = oneLine(input.companyName);
  const name = input.firstName ? oneLine(input.firstName) : "";
  const subject = "New sign-in to your AI Interviewer account";
  const facts = [
    `When: ${formatAt(input.at)}`,
    `Device: ${oneLine(input.device)}`,
    `Address: ${input.address ?? "unknown"}`,
    `Signed in to: ${input.channel === "web" ? "the dashboard" : "the API"}`,
  ];
  const greeting = name ? `Hello ${name},` : "Hello,";
  const intro = `Your ${company} account on AI Interviewer was just signed in to from a device or network it has not used recently.`;
  const ifYou = "If this was you, there is nothing to do.";
  const ifNot = `If it was not you, change your password now and sign that session out: ${input.sessionsUrl}`;
  const footer = `You get this email because ${company} turned on new-device sign-in alerts.`;

  const text = [greeting, "", intro, "", ...facts, "", ifYou, ifNot, "", footer].join("\n");

  const href = escapeHtml(input.sessionsUrl);
  const html = emailDocument(subject, [
    paragraph(escapeHtml(greeting)),
    paragraph(escapeHtml(intro)),
    `<ul style="margin:0 0 16px;padding-left:20px">${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join("")}</ul>`,
    paragraph(escapeHtml(ifYou)),
    paragraph(
      `If it was not you, change your password now and sign that session out on <a href="${href}">your sessions page</a>.`,
    ),
    paragraph(`<span style="color:#555">${escapeHtml(footer)}</span>`),
  ]);

  return { subject, text, html };
}
