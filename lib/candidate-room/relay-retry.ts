// When the candidate's live connection (LiveKit) is lost, the room tries again on its own schedule: quickly at first,
// so a relay restart or a network blip costs seconds, then every 20 s at most. For the first minute after losing an
// established connection the candidate is told it is reconnecting; after that, that the interview continues in local
// mode. Recording never waits on any of this.

const FIRST_RETRY_MS = 1000;
export const MAX_RETRY_MS = 20_000;
/** How long after a drop the room still says "reconnecting" rather than "local mode". */
export const RECONNECTING_FOR_MS = 60_000;
/** A join token this close to expiry is refreshed before it is presented again. */
export const REFRESH_BEFORE_EXPIRY_MS = 30_000;

/** Delay before reconnect attempt `attempt` (1, 2, …): 1 s, 2 s, 4 s, … capped at 20 s. */
export function relayRetryDelayMs(attempt: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1));
}

/** What the candidate is told while the relay is not connected. */
export function disconnectedState(droppedAt: number | null, now: number): "reconnecting" | "local" {
  return droppedAt !== null && now - droppedAt < RECONNECTING_FOR_MS ? "reconnecting" : "local";
}

/** Whether a join token expiring at `expiresAt` must be refreshed before it is used to connect. */
export function needsFreshToken(expiresAt: string, now: number): boolean {
  const expiry = Date.parse(expiresAt);
  return !Number.isFinite(expiry) || expiry - now <= REFRESH_BEFORE_EXPIRY_MS;
}
