import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import SMTPTransport from "nodemailer/lib/smtp-transport";
import { env } from "@/lib/env";

// Delivery runs in the send-email job: a dead or tarpitting SMTP server must fail fast (and be retried with backoff)
// instead of holding a worker for nodemailer's multi-minute defaults, past the job's expiry.
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 10_000; // idle time on an open connection

export type MailTransport = Transporter<SMTPTransport.SentMessageInfo>;

// One transport per process, on globalThis so Next dev reloads do not leak one per reload. Keyed by the URL so a
// changed setting (tests) builds a fresh transport instead of silently reusing the old server.
const holder = globalThis as unknown as { __aiiMail?: { url: string; transport: MailTransport } };

/** The SMTP transport for `SMTP_URL`, or null when it is unset (mail then stays in the outbox table). */
export function getMailTransport(): MailTransport | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  if (holder.__aiiMail?.url !== url) {
    holder.__aiiMail?.transport.close();
    // Passing the URL to SMTPTransport (not createTransport) keeps nodemailer's URL parsing, query options included,
    // while still applying our timeouts; createTransport ignores other options once it sees a URL.
    const transport = nodemailer.createTransport(
      new SMTPTransport({
        url,
        connectionTimeout: CONNECTION_TIMEOUT_MS,
        greetingTimeout: GREETING_TIMEOUT_MS,
        socketTimeout: SOCKET_TIMEOUT_MS,
      }),
    );
    holder.__aiiMail = { url, transport };
  }
  return holder.__aiiMail.transport;
}

/** Closes and forgets the cached transport, so a test can point SMTP_URL at a new server. */
export function resetMailTransportForTests(): void {
  holder.__aiiMail?.transport.close();
  holder.__aiiMail = undefined;
}
