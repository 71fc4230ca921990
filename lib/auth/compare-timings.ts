// How long real password comparisons take, as their callers see it (time waiting in the bcrypt queue included), so a
// login for an unknown email can take as long as one for a real account without spending bcrypt (see password.ts).
// Pure: callers pass the time and the random source.

export const COMPARE_SAMPLES_KEPT = 64; // most recent comparisons the delays are drawn from
export const COMPARE_SAMPLES_NEEDED = 8; // fresh ones wanted before delays are drawn from fresh ones only
// A duration measured under a load that has since gone (or come) no longer imitates a comparison made now.
export const COMPARE_SAMPLE_MAX_AGE_MS = 60_000;

interface Sample {
  durationMs: number;
  at: number;
}

export class CompareTimings {
  readonly #samples: Sample[] = [];
  #next = 0;

  /** Remembers one real comparison's duration (ms) measured at `now` (epoch ms), replacing the oldest once full. */
  record(durationMs: number, now: number): void {
    if (!Number.isFinite(durationMs) || durationMs < 0) return;
    const sample = { durationMs, at: now };
    if (this.#samples.length < COMPARE_SAMPLES_KEPT) this.#samples.push(sample);
    else this.#samples[this.#next] = sample;
    this.#next = (this.#next + 1) % COMPARE_SAMPLES_KEPT;
  }

  /** True while fewer than COMPARE_SAMPLES_NEEDED comparisons were measured in the last COMPARE_SAMPLE_MAX_AGE_MS. */
  isStale(now: number): boolean {
    return this.#fresh(now).length < COMPARE_SAMPLES_NEEDED;
  }

  /**
   * A duration drawn uniformly from the fresh samples (so delays follow the current distribution, load included), or
   * from every kept one when too few are fresh; null when nothing was ever measured.
   */
  sample(now: number, random: () => number = Math.random): number | null {
    const fresh = this.#fresh(now);
    const pool = fresh.length >= COMPARE_SAMPLES_NEEDED ? fresh : this.#samples;
    if (pool.length === 0) return null;
    return pool[Math.min(pool.length - 1, Math.floor(random() * pool.length))]!.durationMs;
  }

  get size(): number {
    return this.#samples.length;
  }

  #fresh(now: number): Sample[] {
    return this.#samples.filter((s) => now - s.at <= COMPARE_SAMPLE_MAX_AGE_MS);
  }
}
