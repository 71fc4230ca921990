// What every email the app sends shares: escaping, one-line user input, and the HTML frame (one readable column,
// inline styles because mail clients drop style sheets). The wording stays in each template.

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Titles and names are user input: collapse line breaks so they cannot reshape the subject header. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/** A paragraph of already-escaped HTML. */
export const paragraph = (content: string) => `<p style="margin:0 0 16px">${content}</p>`;

/** The candidate's call to action, as a button; `href` is already escaped. */
export const startButton = (href: string) =>
  `<a href="${href}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">Start your interview</a>`;

/** The whole document around the body's parts (escaped HTML; empty strings are left as blank lines). */
export function emailDocument(subject: string, parts: string[]): string {
  return [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:560px;margin:0 auto;padding:24px">`,
    ...parts,
    `</body></html>`,
  ].join("\n");
}
