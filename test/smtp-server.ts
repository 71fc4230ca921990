import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterAll, beforeAll } from "vitest";
import { resetMailTransportForTests } from "@/lib/email/transport";
import { setEnvForTests } from "@/lib/env";

// A real SMTP server process on a random local port (smtp-server, the same protocol code nodemailer talks to), for
// the tests that deliver email: what it accepted, and how many connections it saw.

export interface ReceivedMail {
  to: string[];
  /** The message as transmitted (headers, quoted-printable body). */
  raw: string;
  /** `raw` with quoted-printable undone: soft line breaks joined and `=XX` escapes decoded. */
  text: string;
}

export interface TestSmtpServer {
  url: string;
  received: ReceivedMail[];
  /** Connections opened to it so far: a request that must not talk to the mail server leaves this unchanged. */
  connections(): number;
  close(): Promise<void>;
}

type Hooks = Pick<SMTPServerOptions, "onRcptTo" | "onMailFrom"> & {
  /** Sees each message as it is accepted (the cluster writes them to files that other processes read). */
  onMail?: (mail: ReceivedMail) => void;
};

export const decodeQuotedPrintable = (raw: string) =>
  raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** An error an SMTP hook answers with: the server replies `code message`. */
export const smtpReply = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

export async function startSmtpServer({ onMail, ...hooks }: Hooks = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let connections = 0;
  const server = new SMTPServer({
    authOptional: true,
    // smtp-server's STARTTLS uses a self-signed certificate that nodemailer would rightly refuse.
    disabledCommands: ["STARTTLS"],
    logger: false,
    ...hooks,
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const mail = { to: session.envelope.rcptTo.map((r) => r.address), raw, text: decodeQuotedPrintable(raw) };
        received.push(mail);
        onMail?.(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Points the app's mail transport at `url` (SMTP_URL), or back to none (the outbox only). */
export function useSmtpUrl(url: string | undefined): void {
  setEnvForTests(url ? { SMTP_URL: url } : undefined);
  resetMailTransportForTests();
}

/** A local address where nothing listens: connecting is refused at once. */
export async function closedSmtpUrl(): Promise<string> {
  const server = await startSmtpServer();
  await server.close();
  return server.url;
}

/**
 * For a test file, like `useTestDb`: a server started before the first test with the app pointed at it, both undone
 * after the last. Read `handle.server` inside tests.
 */
export function useSmtpServer(hooks: Hooks = {}): { server: TestSmtpServer } {
  const handle = {} as { server: TestSmtpServer };
  beforeAll(async () => {
    handle.server = await startSmtpServer(hooks);
    useSmtpUrl(handle.server.url);
  });
  afterAll(async () => {
    useSmtpUrl(undefined);
    await handle.server?.close();
  });
  return handle;
}
