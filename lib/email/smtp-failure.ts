// Whether an SMTP failure is worth another attempt. A reply says so itself (RFC 5321): 4xx is a temporary refusal
// (greylisting, a full queue, "try again later"), 5xx a permanent one (550 unknown user). Without a reply, the server
// was never reached or stopped answering: a connection error, a timeout or a dropped socket, which a later attempt may
// not meet. Anything else (an address nodemailer refuses, a protocol nobody can speak) would fail the same way again.

export type SmtpFailureKind = "transient" | "permanent";

/** nodemailer's error codes for a server that could not be reached or stopped answering. */
const UNREACHABLE_CODES = new Set([
  "ECONNECTION",
  "ETIMEDOUT",
  "ESOCKET",
  "EDNS",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

export function classifySmtpFailure(error: unknown): SmtpFailureKind {
  const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode === "number" && responseCode >= 400 && responseCode < 600) {
    return responseCode < 500 ? "transient" : "permanent";
  }
  return typeof code === "string" && UNREACHABLE_CODES.has(code) ? "transient" : "permanent";
}

export function smtpFailureMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
