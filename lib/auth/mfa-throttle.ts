import { AppError } from "@/lib/errors";
import { getKv, KvUnavailableError, type RateLimitRule } from "@/lib/kv";
import { log } from "@/lib/log";

// The two-factor code check has a throttle of its own, separate from the password throttle (./login-throttle.ts):
// whoever reaches it already has the password, so it counts per account, from any client. Every code check takes a
// unit before the code is compared (parallel guesses cannot slip past the count); a right code gives it back, so only
// wrong codes accumulate. 5 wrong codes in 5 minutes allow about 1,440 guesses a day against 10^6 codes with 3 valid
// at a time (±1 step): roughly a 0.4% chance a day, against 100% within hours unthrottled. A cache outage fails
// closed (503), as the password throttle does.

export const MFA_FAILURE_RULE: RateLimitRule = { name: "mfa-failures", limit: 5, windowSeconds: 5 * 60 };

export interface MfaAttempt {
  userId: string;
}

/** Takes a unit for this user's code check, or throws 429 with the wait. */
export async function takeMfaAttempt(userId: string, now = Date.now()): Promise<MfaAttempt> {
  let state;
  try {
    state = await getKv().consume(MFA_FAILURE_RULE, userId);
  } catch (error) {
    if (error instanceof KvUnavailableError)
      throw new AppError("UNAVAILABLE", "Sign-in is temporarily unavailable; try again shortly");
    throw error;
  }
  if (!state.allowed) {
    const retryAfterSeconds = Math.max(1, Math.ceil((state.resetAt - now) / 1000));
    throw new AppError("RATE_LIMITED", "Too many wrong two-factor codes; try again later", { retryAfterSeconds });
  }
  return { userId };
}

/** The code was right: it was no failure. */
export async function giveBackMfaAttempt(attempt: MfaAttempt): Promise<void> {
  await getKv()
    .release(MFA_FAILURE_RULE, attempt.userId)
    .catch((error: unknown) => log.warn("could not give back a two-factor throttle unit", { error }));
}
