import { env } from "@/lib/env";

// Structured one-line JSON logs on stderr. Never pass secrets, passwords or token values.

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

// Drizzle's query errors quote the statement's parameters ("params: ..."), which can hold password hashes, emails
// or token hashes. Logs keep the SQL and the database's own error (the cause), never the parameters.
const QUERY_PARAMS = /\nparams: [\s\S]*?(?=\n {4}at |$)/g;
const redact = (text: string | undefined) => text?.replace(QUERY_PARAMS, "\nparams: [redacted]");

export function describeError(error: Error): Record<string, unknown> {
  const cause =
    error.cause instanceof Error
      ? { name: error.cause.name, message: error.cause.message, code: (error.cause as { code?: unknown }).code }
      : undefined;
  return { name: error.name, message: redact(error.message), stack: redact(error.stack), ...(cause ? { cause } : {}) };
}

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (LEVELS[level] < LEVELS[env().LOG_LEVEL]) return;
  const extra = Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, v instanceof Error ? describeError(v) : v]),
  );
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...extra })}\n`);
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
