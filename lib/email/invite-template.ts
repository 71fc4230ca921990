// The candidate invite email. Pure: takes `now` and plain data, so the wording is testable without a clock or a server.
import { emailDocument, escapeHtml, oneLine, paragraph, startButton } from "./html";

export interface InviteEmailInput {
  candidateName: string | null | undefined;
  interviewTitle: string;
  companyName: string;
  expiresAt: Date;
  link: string;
  /** IANA zone the expiry is shown in; an unknown zone falls back to UTC rather than failing the mint. */
  timeZone?: string;
  now: Date;
  /** A resend: the token value rotated, so the email must say the earlier link is dead. */
  reissued?: boolean;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const SUBJECT_MAX = 300; // characters: the email_outbox.subject column is varchar(300)
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export function safeTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return "UTC";
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

// en-GB gives "Tuesday, 24 November 2026 at 14:00 UTC": day before month and a 24-hour clock read the same everywhere.
export function formatExpiry(expiresAt: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
    timeZoneName: "short",
  }).format(expiresAt);
}

// Days read best from two days out; closer than that, hours (then minutes) avoid "in 1 day" meaning 25 hours.
export function relativeExpiry(expiresAt: Date, now: Date): string {
  const ms = expiresAt.getTime() - now.getTime();
  if (ms <= 0) return "already expired";
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "always" });
  if (ms >= 2 * DAY_MS) return rtf.format(Math.round(ms / DAY_MS), "day");
  if (ms >= HOUR_MS) return rtf.format(Math.round(ms / HOUR_MS), "hour");
  return rtf.format(Math.max(1, Math.round(ms / MINUTE_MS)), "minute");
}

export function inviteEmail(input: InviteEmailInput): RenderedEmail {
  const title = oneLine(input.interviewTitle);
  const company = oneLine(input.companyName);
  const name = input.candidateName ? oneLine(input.candidateName) : "";
  const timeZone = safeTimeZone(input.timeZone);
  // Offsets like "GMT-5" do not name the place; the zone id tells the candidate which clock is meant.
  const zoneNote = timeZone === "UTC" ? "" : `${timeZone} time, `;
  const expiry = `This link expires on ${formatExpiry(input.expiresAt, timeZone)} (${zoneNote}${relativeExpiry(input.expiresAt, input.now)}).`;

  const subjectFull = `${input.reissued ? "New link: " : ""}Your interview for ${title} at ${company}`;
  const subject = subjectFull.length > SUBJECT_MAX ? `${subjectFull.slice(0, SUBJECT_MAX - 1)}…` : subjectFull;

  const greeting = name ? `Hello ${name},` : "Hello,";
  const intro = `${company} has invited you to a video interview for ${title}. You answer each question on camera in your browser, whenever suits you before the link expires.`;
  const reissuedNote =
    "This is a new link for your interview. Any earlier link we sent you no longer works; please use this one.";
  const howTo =
    "Open the link on a device with a camera and microphone. It is personal to you; please do not share it.";

  const text = [
    greeting,
    "",
    ...(input.reissued ? [reissuedNote, ""] : []),
    intro,
    "",
    `Start your interview: ${input.link}`,
    "",
    expiry,
    howTo,
  ].join("\n");

  const href = escapeHtml(input.link);
  const html = emailDocument(subject, [
    paragraph(escapeHtml(greeting)),
    input.reissued ? paragraph(`<strong>${escapeHtml(reissuedNote)}</strong>`) : "",
    paragraph(escapeHtml(intro)),
    paragraph(startButton(href)),
    paragraph(`If the button does not work, copy this address into your browser:<br><a href="${href}">${href}</a>`),
    paragraph(escapeHtml(expiry)),
    paragraph(escapeHtml(howTo)),
  ]);

  return { subject, text, html };
}
