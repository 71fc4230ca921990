// The reminder a candidate gets before their invite expires. Pure, like the invite email: takes `now` and plain data.
import { escapeHtml, formatExpiry, oneLine, relativeExpiry, type RenderedEmail } from "./invite-template";

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

  const p = (content: string) => `<p style="margin:0 0 16px">${content}</p>`;
  const href = input.link ? escapeHtml(input.link) : null;
  const html = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:560px;margin:0 auto;padding:24px">`,
    p(escapeHtml(greeting)),
    p(escapeHtml(intro)),
    href
      ? [
          p(
            `<a href="${href}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">Start your interview</a>`,
          ),
          p(`If the button does not work, copy this address into your browser:<br><a href="${href}">${href}</a>`),
          p(escapeHtml(sameLink)),
        ].join("\n")
      : p(escapeHtml(noLink)),
    p(escapeHtml(expiry)),
    p(`<small>${escapeHtml(stop)} <a href="${escapeHtml(input.unsubscribeUrl)}">stop reminders</a></small>`),
    `</body></html>`,
  ].join("\n");

  return { subject, text, html };
}
