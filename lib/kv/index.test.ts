import { afterEach, describe, expect, test } from "vitest";
import { setEnvForTests } from "@/lib/env";
import { closeKv, getKv, setKvForTests } from "./index";
import { createMemoryKv } from "./memory";

afterEach(() => {
  setKvForTests(undefined);
  setEnvForTests(undefined);
});

describe("getKv", () => {
  test("is one instance per process", () => {
    expect(getKv()).toBe(getKv());
  });

  test("uses memory without cache settings, plain Redis with REDIS_URL and Upstash with its pair", async () => {
    const none = { REDIS_URL: undefined, UPSTASH_REDIS_REST_URL: undefined, UPSTASH_REDIS_REST_TOKEN: undefined };
    setEnvForTests(none);
    expect(getKv().kind).toBe("memory");
    await closeKv();
    setEnvForTests({ ...none, REDIS_URL: "redis://127.0.0.1:6379" });
    expect(getKv().kind).toBe("redis");
    await closeKv();
    setEnvForTests({ ...none, UPSTASH_REDIS_REST_URL: "http://127.0.0.1:8079", UPSTASH_REDIS_REST_TOKEN: "t" });
    expect(getKv().kind).toBe("upstash");
  });

  test("closeKv closes the process-wide cache, and the next getKv() opens a new one", async () => {
    const first = getKv();
    await closeKv();
    expect(getKv()).not.toBe(first);
  });

  test("returns an injected kv until reset", () => {
    const injected = createMemoryKv();
    setKvForTests(injected);
    expect(getKv()).toBe(injected);
    setKvForTests(undefined);
    expect(getKv()).not.toBe(injected);
  });
});
