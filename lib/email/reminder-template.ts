// The reminder a candidate gets before their invite expires. Pure, like the invite email: takes `now` and plain data.
import { formatExpiry, relativeExpiry, type RenderedEmail } from "./invite-template";
import { emailDocument, escapeHtml, oneLine, paragraph, startButton } from "./html";

export interface ReminderEmailInput {
  candidateName: string | null | undefined;
  interviewTitle: string;
  companyName: string;
  expiresAt: Date;
  /** The candidate's own link, unchanged; null when it cannot be recovered (they use the one in their invitation). */
  link: string | null;
  /** The page where a person stops further reminders (GET shows a button; nothing happens on a mere visit). */
  unsubscribeUrl: string;
  now: Date;
}

const SUBJECT_MAX = 300; // characters: the email_outbox.subject column is varchar(300)

export function reminderEmail(input: ReminderEmailInput): RenderedEmail {
  const title = oneLine(input.interviewTitle);
  const company = oneLine(input.companyName);
  const name = input.candidateName ? oneLine(input.candidateName) : "";
  // UTC: the one clock that names no guess about where the candidate is; the relative part says it plainly.
  const when = formatExpiry(input.expiresAt, "UTC");
  const expiry = `Your link expires on ${when} (${relativeExpiry(input.expiresAt, input.now)}). After that it no longer opens the interview.`;

  const subjectFull = `Reminder: your interview for ${title} at ${company}`;
  const subject = subjectFull.length > SUBJECT_MAX ? `${subjectFull.slice(0, SUBJECT_MAX - 1)}…` : subjectFull;

  const greeting = name ? `Hello ${name},` : "Hello,";
  const intro = `A friendly reminder: ${company} invited you to a video interview for ${title}, and it is still waiting for you.`;
  const sameLink = "This is the same link as in your invitation; it still works until then.";
  const noLink = "Please open the link in the invitation email we sent you earlier.";
  const stop = "Don't want more reminders about this interview? Stop them here:";

  const text = [
    greeting,
    "",
    intro,
    "",
    ...(input.link ? [`Start your interview: ${input.link}`, sameLink] : [noLink]),
    "",
    expiry,
    "",
    `${stop} ${input.unsubscribeUrl}`,
  ].join("\n");

  const href = input.link ? escapeHtml(input.link) : null;
  const html = emailDocument(subject, [
    paragraph(escapeHtml(greeting)),
    paragraph(escapeHtml(intro)),
    href
      ? [
          paragraph(startButton(href)),
          paragraph(
            `If the button does not work, copy this address into your browser:<br><a href="${href}">${href}</a>`,
          ),
          paragraph(escapeHtml(sameLink)),
        ].join("\n")
      : paragraph(escapeHtml(noLink)),
    paragraph(escapeHtml(expiry)),
    paragraph(`<small>${escapeHtml(stop)} <a href="${escapeHtml(input.unsubscribeUrl)}">stop reminders</a></small>`),
  ]);

  return { subject, text, html };
}
