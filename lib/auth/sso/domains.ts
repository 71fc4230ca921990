import { domainToASCII } from "node:url";

// Email domains a company's provider may sign in. Stored lowercase ASCII (IDNA), without "@".

/** Public mailbox providers: nobody's company owns these, so no company may point them at its provider. */
export const PUBLIC_MAIL_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "yahoo.com",
  "ymail.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "gmx.de",
  "web.de",
  "mail.com",
  "yandex.com",
  "yandex.ru",
  "qq.com",
  "163.com",
  "zoho.com",
]);

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** "@Example.COM " → "example.com"; null when it is not a domain name with at least two labels. */
export function normalizeDomain(raw: string): string | null {
  const ascii = domainToASCII(raw.trim().replace(/^@/, "").replace(/\.$/, "").toLowerCase());
  if (!ascii || ascii.length > 253) return null;
  const labels = ascii.split(".");
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || /^\d+$/.test(labels.at(-1)!)) return null;
  return ascii;
}

/** The domain part of a normalised address (after its last "@"), in the same form as stored domains. */
export function domainOfEmail(email: string): string | null {
  const at = email.lastIndexOf("@");
  return at < 0 ? null : normalizeDomain(email.slice(at + 1));
}
