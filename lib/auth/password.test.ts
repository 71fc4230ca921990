import { afterAll, describe, expect, it, vi } from "vitest";
import { closeBcryptPool } from "./bcrypt-pool";
import { COMPARE_SAMPLE_MAX_AGE_MS, COMPARE_SAMPLES_NEEDED } from "./compare-timings";
import {
  dummyVerify,
  hashPassword,
  prehash,
  resetCompareTimingsForTests,
  verifyPassword,
  warmUpPasswordChecks,
} from "./password";
import { passwordProblem } from "./password-policy";

afterAll(() => closeBcryptPool());

describe("password hashing", () => {
  it("test_password_hash_verification: verifies the right password and rejects others", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$2[ab]\$10\$/);
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", hash)).toBe(false);
  });

  it("bytes past bcrypt's 72-byte limit still count", async () => {
    const base = "a".repeat(80);
    const hash = await hashPassword(`${base}1`);
    expect(await verifyPassword(`${base}2`, hash)).toBe(false);
    expect(prehash(`${base}1`)).toHaveLength(44);
  });

  it("a comparison whose request was cancelled is dropped with a 400, not run", async () => {
    const hash = await hashPassword("correct horse battery staple");
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(verifyPassword("correct horse battery staple", hash, cancelled.signal)).rejects.toMatchObject({
      status: 400,
    });
  });

  it("dummyVerify never matches", async () => {
    expect(await dummyVerify("anything")).toBe(false);
  });
});

describe("unknown emails (dummyVerify)", () => {
  const QUEUE_BOUND = 17; // bcrypt-pool.ts: one worker, 16 waiting plus the one running

  it("once comparisons are measured, waits like one but takes no place in the bcrypt queue", async () => {
    resetCompareTimingsForTests();
    await warmUpPasswordChecks();
    const hash = await hashPassword("correct horse battery staple");
    const oneStarted = performance.now();
    await verifyPassword("guess", hash);
    const oneComparison = performance.now() - oneStarted;
    const started = performance.now();
    // Far more than the queue holds: with a dummy bcrypt run each, most of these were 503 (a few per second filled it).
    const calls = 4 * QUEUE_BOUND;
    const results = await Promise.allSettled(Array.from({ length: calls }, () => dummyVerify("guess")));
    expect(results.every((r) => r.status === "fulfilled" && r.value === false)).toBe(true);
    // They waited in parallel, not one after another in the one-worker queue (which would take `calls` comparisons).
    // Judged against a comparison measured here and now, so a loaded machine slows both sides alike.
    expect(performance.now() - started).toBeLessThan((calls * oneComparison) / 4);
  });

  it("waits about as long as a real comparison", async () => {
    const hash = await hashPassword("correct horse battery staple");
    const time = async (check: () => Promise<unknown>) => {
      const started = performance.now();
      await check();
      return performance.now() - started;
    };
    // Only this test's comparisons to draw from: earlier tests' queued bursts (and another test file's load at that
    // moment) are not what this loop measures. Twice the samples the product needs, for steadier medians.
    resetCompareTimingsForTests();
    const real: number[] = [];
    const dummy: number[] = [];
    for (let i = 0; i < 2 * COMPARE_SAMPLES_NEEDED; i++) {
      real.push(await time(() => verifyPassword("wrong", hash)));
      dummy.push(await time(() => dummyVerify("wrong")));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    expect(median(dummy)).toBeGreaterThan(median(real) * 0.5);
    expect(median(dummy)).toBeLessThan(median(real) * 2);
  });

  it("answers the same 503 as a real comparison while the queue is full, so a 503 tells nothing about an email", async () => {
    await warmUpPasswordChecks();
    const hash = await hashPassword("correct horse battery staple");
    const flood = Array.from({ length: 2 * QUEUE_BOUND }, () =>
      verifyPassword("guess", hash).catch((error: unknown) => error),
    );
    await expect(dummyVerify("guess")).rejects.toMatchObject({ status: 503 });
    await Promise.all(flood);
    expect(await dummyVerify("guess")).toBe(false);
  });

  it("measures afresh when its samples went stale, one real comparison at a time, and waits for the rest", async () => {
    await warmUpPasswordChecks();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + COMPARE_SAMPLE_MAX_AGE_MS + 1_000 });
    try {
      // One of these refreshes with a real comparison; the others wait on the older samples. None is refused.
      const results = await Promise.allSettled(Array.from({ length: 4 * QUEUE_BOUND }, () => dummyVerify("guess")));
      expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a cancelled request stops waiting with a 400", async () => {
    await warmUpPasswordChecks();
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(dummyVerify("guess", cancelled.signal)).rejects.toMatchObject({ status: 400 });
  });

  it("hashes with the cost it is given (BCRYPT_COST; below 10 is refused by lib/env)", async () => {
    expect(await hashPassword("x".repeat(12), 11)).toMatch(/^\$2[ab]\$11\$/);
  });
});

describe("password policy", () => {
  it("needs 12 to 256 characters and has no composition rules", () => {
    expect(passwordProblem("short")).toMatch(/at least 12/);
    expect(passwordProblem("x".repeat(257))).toMatch(/at most 256/);
    expect(passwordProblem("all lowercase words here")).toBeNull();
  });

  it("counts characters, not bytes", () => {
    expect(passwordProblem("ééééééééééé")).toMatch(/at least 12/); // 11 characters, 22 bytes
  });

  it("rejects common passwords from the maintained list, case-insensitively", () => {
    expect(passwordProblem("1qaz2wsx3edc")).toMatch(/too common/);
    expect(passwordProblem("QWERTY123456")).toMatch(/too common/);
  });
});
