// Anonymising an audit row's details for an erasure (pure, so it tests without a database). Keys that only ever hold
// a candidate's personal data lose their value whatever it is; keys that hold free text someone typed about the
// candidate (a reason, a note) lose their text; any other string loses every occurrence of the candidate's email or
// name. Ids, counts, actions and staff fields stay: the trail of who did what remains. The caller applies this only
// to rows already about the erased invite or its sessions.

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

/** Free text a person typed (the candidate, or staff about the candidate): erased when it is a string. */
const FREE_TEXT_KEYS = new Set(["reason", "note", "private_note", "decision_note"]);

/** Shorter names are not matched in free text: "Li" would mangle "solid" and "Jo" "major". */
export const MIN_NAME_LENGTH = 3;

export interface Subject {
  email: string | null;
  name: string | null;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The subject's email anywhere (it is distinctive), and the name only as whole words (letters, digits: Unicode). */
export function subjectPatterns(subject: Subject): RegExp[] {
  const patterns: RegExp[] = [];
  const email = subject.email?.trim();
  if (email && email.length >= MIN_NAME_LENGTH) patterns.push(new RegExp(escape(email), "giu"));
  const name = subject.name?.trim();
  if (name && name.length >= MIN_NAME_LENGTH)
    patterns.push(new RegExp(`(?<![\\p{L}\\p{N}_])${escape(name)}(?![\\p{L}\\p{N}_])`, "giu"));
  return patterns;
}

/** The text with every occurrence of the subject's email or name replaced by "[erased]". */
export function redactText(value: string, patterns: RegExp[]): string {
  return patterns.reduce((text, pattern) => text.replace(pattern, ERASED), value);
}

function redactValue(value: unknown, patterns: RegExp[]): unknown {
  if (typeof value === "string") return redactText(value, patterns);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, patterns));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        (PERSONAL_KEYS.has(key) && v !== null && v !== undefined && typeof v !== "object") ||
        (FREE_TEXT_KEYS.has(key) && typeof v === "string")
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
  const redacted = redactValue(details, subjectPatterns(subject)) as Record<string, unknown>;
  return JSON.stringify(redacted) === JSON.stringify(details) ? details : redacted;
}
