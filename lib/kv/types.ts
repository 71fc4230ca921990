// The small cache interface the app needs. Postgres is the source of truth; the cache only throttles and speeds
// things up, so every caller must cope with a cache miss (and decide whether a cache outage fails open or closed).

export interface RateLimitRule {
  /** Namespaces the counters, e.g. "login-failures". */
  name: string;
  /** Units allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  /** Epoch milliseconds at which a unit is available again. */
  resetAt: number;
}

export interface Kv {
  readonly kind: "memory" | "upstash" | "redis";
  get(key: string): Promise<string | null>;
  set(key: string, value: string, opts?: { ttlSeconds?: number }): Promise<void>;
  /** Sets only when the key does not exist; true when this call set it. */
  setIfAbsent(key: string, value: string, opts: { ttlSeconds: number }): Promise<boolean>;
  del(...keys: string[]): Promise<void>;
  /**
   * Adds `by` (an integer, default 1) to the integer counter at `key`, creating it at 0, and returns the new value.
   * A counter without an expiry gets `ttlSeconds` (like Redis `EXPIRE NX`): the TTL runs from the first increment,
   * later increments do not extend it, so a counter per time window disappears on its own.
   */
  incr(key: string, opts: { ttlSeconds: number; by?: number }): Promise<number>;
  /** The values of `keys`, in order, with null for each missing key. */
  mget(keys: string[]): Promise<(string | null)[]>;
  /** Consumes one unit of `rule` for `id`; `allowed` is false when none was left. */
  consume(rule: RateLimitRule, id: string): Promise<RateLimitResult>;
  /** Reads the state of `rule` for `id` without consuming. `allowed` is true when a unit is left. */
  peek(rule: RateLimitRule, id: string): Promise<RateLimitResult>;
  /** Forgets every unit `id` used under `rule` (a successful login clears its failures). */
  reset(rule: RateLimitRule, id: string): Promise<void>;
  /**
   * Gives back one unit: the most recent one `id` used under `rule` (a login that succeeded turns out not to be a
   * failure). With none counted it does nothing. Which unit goes back does not matter for the count.
   */
  release(rule: RateLimitRule, id: string): Promise<void>;
  /** Throws KvUnavailableError when the cache does not answer. */
  ping(): Promise<void>;
  /** Releases connections and timers; the kv is not used afterwards. */
  close(): Promise<void>;
}

/** Raised by every implementation when the backing store cannot be reached or answers with an error. */
export class KvUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "KvUnavailableError";
  }
}
