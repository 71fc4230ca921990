import { AppError } from "@/lib/errors";
import { getKv, KvUnavailableError, type Kv, type RateLimitResult, type RateLimitRule } from "@/lib/kv";
import { log } from "@/lib/log";
import { throttleIds, type ThrottleIds } from "./throttle-keys";

// Three rules count failed logins. Every attempt takes a unit of each BEFORE its password is checked, atomically, so
// a burst of parallel guesses cannot slip past a count; an attempt refused by one rule gives back what it took from
// the others, and a login that succeeds (or never got checked: busy, cancelled) gives its units back, so only
// failures accumulate. Nothing is written to the audit log for a refused attempt. If the cache is down we cannot
// count, so login fails closed (503) instead of allowing unlimited guessing. Limits and their reasons: README,
// "Security: limits, quotas and throttles".

/** One email from one client: guessing one account's password. */
export const LOGIN_FAILURE_RULE: RateLimitRule = { name: "login-failures", limit: 5, windowSeconds: 60 };

/**
 * One client, any emails: password spraying (a few common passwords against many accounts). Generous enough for a
 * NAT'd office of a few hundred people, whose typos at the morning peak stay well under 3 a minute; a lone address
 * spraying gets 50 guesses per 15 minutes instead of the ~3 per second bcrypt would allow, and at most that many
 * LOGIN_FAILED rows.
 */
export const CLIENT_FAILURE_RULE: RateLimitRule = { name: "login-client-failures", limit: 50, windowSeconds: 15 * 60 };

/**
 * One email, any clients: credential stuffing and guessing spread over many addresses. 10 per 15 minutes is under
 * 1,000 guesses a day against one account. Anyone can use it up, which would lock the real user out, so a client
 * this account signed in from within KNOWN_CLIENT_TTL_S is not held to it (the two rules above still are): the real
 * user at their usual address gets in during an attack; one on a new network waits for the window.
 */
export const ACCOUNT_FAILURE_RULE: RateLimitRule = {
  name: "login-account-failures",
  limit: 10,
  windowSeconds: 15 * 60,
};

export const KNOWN_CLIENT_TTL_S = 30 * 24 * 60 * 60; // seconds (30 days) a successful sign-in vouches for its client

/** What one attempt took, to give back when it turns out not to be a failure. */
export interface LoginAttempt {
  ids: ThrottleIds;
  /** False when a known client went past the account's limit: it took no account unit. */
  accountCounted: boolean;
}

function rateLimited(state: RateLimitResult, now: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((state.resetAt - now) / 1000));
  return new AppError("RATE_LIMITED", "Too many failed login attempts; try again later", { retryAfterSeconds });
}

function unavailable(error: unknown): never {
  if (error instanceof KvUnavailableError) {
    throw new AppError("UNAVAILABLE", "Sign-in is temporarily unavailable; try again shortly");
  }
  throw error;
}

async function release(kv: Kv, units: [RateLimitRule, string][]): Promise<void> {
  await Promise.all(units.map(([rule, id]) => kv.release(rule, id))).catch((error: unknown) =>
    log.warn("could not give back login throttle units", { error }),
  );
}

/**
 * Takes one unit of each rule for this email and client, or throws 429 (with the wait) when one of them has none
 * left. The client rule goes first, so a client past it creates no further counters.
 */
export async function takeLoginAttempt(email: string, ip: string | null, now = Date.now()): Promise<LoginAttempt> {
  if (!ip) log.warn("login without a client address: throttled under a shared key");
  const kv = getKv();
  const ids = throttleIds(email, ip);
  const taken: [RateLimitRule, string][] = [];
  const take = async (rule: RateLimitRule, id: string, exempt?: () => Promise<boolean>): Promise<boolean> => {
    const state = await kv.consume(rule, id).catch(unavailable);
    if (state.allowed) {
      taken.push([rule, id]);
      return true;
    }
    if (exempt && (await exempt().catch(unavailable))) return false;
    await release(kv, taken);
    throw rateLimited(state, now);
  };

  await take(CLIENT_FAILURE_RULE, ids.client);
  const accountCounted = await take(
    ACCOUNT_FAILURE_RULE,
    ids.account,
    async () => (await kv.get(ids.knownClientKey)) !== null,
  );
  await take(LOGIN_FAILURE_RULE, ids.pair);
  return { ids, accountCounted };
}

/** The password was never checked (busy, cancelled): the attempt is not a failure. */
export async function giveBackLoginAttempt(attempt: LoginAttempt): Promise<void> {
  const { ids, accountCounted } = attempt;
  const units: [RateLimitRule, string][] = [
    [CLIENT_FAILURE_RULE, ids.client],
    [LOGIN_FAILURE_RULE, ids.pair],
  ];
  if (accountCounted) units.push([ACCOUNT_FAILURE_RULE, ids.account]);
  await release(getKv(), units);
}

/**
 * A successful login clears the email+client's failures, gives back its client and account units (only this one:
 * clearing a shared client's count would let a sprayer reset it with one account of their own) and remembers the
 * client as one this account signs in from.
 */
export async function settleSuccessfulLogin(attempt: LoginAttempt): Promise<void> {
  const kv = getKv();
  const { ids, accountCounted } = attempt;
  const units: [RateLimitRule, string][] = [[CLIENT_FAILURE_RULE, ids.client]];
  if (accountCounted) units.push([ACCOUNT_FAILURE_RULE, ids.account]);
  await Promise.all([
    release(kv, units),
    kv.reset(LOGIN_FAILURE_RULE, ids.pair),
    kv.set(ids.knownClientKey, "1", { ttlSeconds: KNOWN_CLIENT_TTL_S }),
  ]).catch((error: unknown) => log.warn("could not settle a successful login's throttles", { error }));
}
