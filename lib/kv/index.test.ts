import { afterEach, describe, expect, test } from "vitest";
import { setEnvForTests } from "@/lib/env";
import { getKv, setKvForTests } from "./index";
import { createMemoryKv } from "./memory";

afterEach(() => {
  setKvForTests(undefined);
  setEnvForTests(undefined);
});

describe("getKv", () => {
  test("is one instance per process", () => {
    expect(getKv()).toBe(getKv());
  });

  test("uses memory without Upstash settings and Upstash with them", () => {
    setEnvForTests({ UPSTASH_REDIS_REST_URL: undefined, UPSTASH_REDIS_REST_TOKEN: undefined });
    expect(getKv().kind).toBe("memory");
    setKvForTests(undefined);
    setEnvForTests({ UPSTASH_REDIS_REST_URL: "http://127.0.0.1:8079", UPSTASH_REDIS_REST_TOKEN: "t" });
    expect(getKv().kind).toBe("upstash");
  });

  test("returns an injected kv until reset", () => {
    const injected = createMemoryKv();
    setKvForTests(injected);
    expect(getKv()).toBe(injected);
    setKvForTests(undefined);
    expect(getKv()).not.toBe(injected);
  });
});
