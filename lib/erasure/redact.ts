// Anonymising an audit row's details for an erasure (pure, so it tests without a database). Keys that only ever hold
// a candidate's personal data lose their value whatever it is; any other string loses every occurrence of the
// candidate's email or name. Ids, counts, actions and staff fields stay: the trail of who did what remains.

export const ERASED = "[erased]";

const PERSONAL_KEYS = new Set([
  "candidate_email",
  "candidate_name",
  "email",
  "name",
  "to",
  "ip",
  "ip_address",
  "user_agent",
]);

export interface Subject {
  email: string | null;
  name: string | null;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function redactString(value: string, patterns: RegExp[]): string {
  return patterns.reduce((text, pattern) => text.replace(pattern, ERASED), value);
}

function redactValue(value: unknown, patterns: RegExp[]): unknown {
  if (typeof value === "string") return redactString(value, patterns);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, patterns));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        PERSONAL_KEYS.has(key) && v !== null && v !== undefined && typeof v !== "object"
          ? ERASED
          : redactValue(v, patterns),
      ]),
    );
  }
  return value;
}

/** The details without the subject's personal data (the same object when nothing needed to change). */
export function redactDetails(
  details: Record<string, unknown> | null,
  subject: Subject,
): Record<string, unknown> | null {
  if (!details) return details;
  const patterns = [subject.email, subject.name]
    .map((s) => s?.trim())
    .filter((s): s is string => Boolean(s && s.length >= 2))
    .map((s) => new RegExp(escape(s), "gi"));
  const redacted = redactValue(details, patterns) as Record<string, unknown>;
  return JSON.stringify(redacted) === JSON.stringify(details) ? details : redacted;
}
