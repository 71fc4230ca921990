import fs from "node:fs";
import path from "node:path";
import { type ReceivedMail, startSmtpServer } from "@/test/smtp-server";

// The cluster's SMTP server runs in vitest's main process; the test files run in others. So every message it accepts
// also becomes a JSON file in `dir`, which the tests read.

export async function startMailCatcher(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  fs.mkdirSync(dir, { recursive: true });
  let count = 0;
  const server = await startSmtpServer({
    onMail: (mail) => fs.writeFileSync(path.join(dir, `${Date.now()}-${++count}.json`), JSON.stringify(mail)),
  });
  return { url: server.url, close: server.close };
}

export function caughtMail(dir: string): ReceivedMail[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as ReceivedMail);
}
