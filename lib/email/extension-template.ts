// The email that tells a candidate what became of their request for more time. Pure: takes plain data, so the
// wording is testable without a clock or a server.
import { emailDocument, escapeHtml, oneLine, paragraph, startButton } from "./html";
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

  const href = input.link ? escapeHtml(input.link) : null;
  const html = emailDocument(subject, [
    paragraph(escapeHtml(greeting)),
    paragraph(escapeHtml(outcome)),
    approved && href
      ? paragraph(
          `${startButton(href)}<br>If the button does not work, copy this address into your browser:<br><a href="${href}">${href}</a>`,
        )
      : linkLine
        ? paragraph(escapeHtml(linkLine))
        : "",
    note ? paragraph(escapeHtml(note)) : "",
    paragraph(escapeHtml(closing)),
  ]);

  return { subject, text, html };
}
