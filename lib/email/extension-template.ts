// The email that tells a candidate what became of their request for more time. Pure: takes plain data, so the
// wording is testable without a clock or a server.
import type { RenderedEmail } from "./invite-template";

export interface ExtensionDecisionEmailInput {
  decision: "approve" | "decline";
  candidateName: string | null | undefined;
  interviewTitle: string;
  companyName: string;
  /** The new expiry, when approved. */
  newExpiresAt?: Date;
  /** The link, when it can be recovered; otherwise the email points the candidate at the link they already have. */
  link?: string | null;
  /** What the decider wrote to the candidate, if anything. */
  note?: string | null;
  /** IANA zone the date is shown in; an unknown zone falls back to UTC. */
  timeZone?: string;
}

const SUBJECT_MAX = 300; // characters: the email_outbox.subject column is varchar(300)

function safeTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return "UTC";
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

const formatInstant = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
    timeZoneName: "short",
  }).format(at);

const oneLine = (value: string) => value.replace(/\s+/g, " ").trim();

const escapeHtml = (value: string) =>
  value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");

export function extensionDecisionEmail(input: ExtensionDecisionEmailInput): RenderedEmail {
  const title = oneLine(input.interviewTitle);
  const company = oneLine(input.companyName);
  const name = input.candidateName ? oneLine(input.candidateName) : "";
  const approved = input.decision === "approve";
  const timeZone = safeTimeZone(input.timeZone);
  const zoneNote = timeZone === "UTC" ? "" : ` (${timeZone} time)`;

  const subjectFull = approved
    ? `More time for your interview for ${title} at ${company}`
    : `Your request for more time: interview for ${title} at ${company}`;
  const subject = subjectFull.length > SUBJECT_MAX ? `${subjectFull.slice(0, SUBJECT_MAX - 1)}…` : subjectFull;

  const greeting = name ? `Hello ${name},` : "Hello,";
  const outcome = approved
    ? `${company} has given you more time for your video interview for ${title}. Your link now works until ${formatInstant(input.newExpiresAt!, timeZone)}${zoneNote}.`
    : `${company} has considered your request for more time for your video interview for ${title}, and cannot extend the deadline.`;
  const linkLine = approved
    ? input.link
      ? `Start your interview: ${input.link}`
      : "Use the link from the most recent invitation email we sent you; it works again until the new date."
    : null;
  const note = input.note?.trim() ? `A note from ${company}: ${input.note.trim()}` : null;
  const closing = approved ? "The link is personal to you; please do not share it." : "Thank you for your interest.";

  const text = [
    greeting,
    "",
    outcome,
    ...(linkLine ? ["", linkLine] : []),
    ...(note ? ["", note] : []),
    "",
    closing,
  ].join("\n");

  const p = (content: string) => `<p style="margin:0 0 16px">${content}</p>`;
  const href = input.link ? escapeHtml(input.link) : null;
  const html = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:560px;margin:0 auto;padding:24px">`,
    p(escapeHtml(greeting)),
    p(escapeHtml(outcome)),
    approved && href
      ? p(
          `<a href="${href}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">Start your interview</a><br>If the button does not work, copy this address into your browser:<br><a href="${href}">${href}</a>`,
        )
      : linkLine
        ? p(escapeHtml(linkLine))
        : "",
    note ? p(escapeHtml(note)) : "",
    p(escapeHtml(closing)),
    `</body></html>`,
  ].join("\n");

  return { subject, text, html };
}
