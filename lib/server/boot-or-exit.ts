import { startupFailureMessage } from "./startup-failure";

/**
 * Boots the server process (lib/server/boot.ts) or ends it. Next catches a failing register(), keeps serving and logs
 * the error again on every request; a server that cannot boot (bad configuration, database unreachable or held by
 * another process) must instead say why, once, and stop.
 */
export async function bootOrExit(): Promise<void> {
  try {
    const { installServerHooks } = await import("./boot");
    await installServerHooks();
  } catch (error) {
    console.error(`AI Interviewer cannot start.\n${startupFailureMessage(error)}`);
    process.exit(1);
  }
}
