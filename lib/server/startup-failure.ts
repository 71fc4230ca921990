import { DatabaseLockedError } from "@/db/pglite-lock";
import { EnvError } from "@/lib/env";

/**
 * What a process that cannot start (the server, or a script) prints before it exits non-zero: an operator's
 * problem (configuration, a database held by another process) in plain words, anything else with its stack.
 */
export function startupFailureMessage(error: unknown): string {
  if (error instanceof EnvError || error instanceof DatabaseLockedError) return error.message;
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
