import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { setKvForTests } from "@/lib/kv";
import { captureLogs } from "@/test/kits/livekit";
import { createRedisKv } from "@/lib/kv/redis";
import { createUpstashKv } from "@/lib/kv/upstash";
import { createTestDb, type TestDb } from "@/test/db";
import { call } from "@/test/http";
import { GET } from "./route";

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(() => testDb.drop());
afterEach(() => vi.restoreAllMocks());

describe("GET /health", () => {
  it("is 200 healthy with per-dependency checks, never cached", async () => {
    const res = await call(GET, "/health");
    expect(res.status).toBe(200);
    expect(res.json.status).toBe("healthy");
    expect(res.json.checks.database.status).toBe("ok");
    expect(res.json.checks.cache.status).toBe("ok");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.json).toEqual({ status: "healthy", checks: { database: { status: "ok" }, cache: { status: "ok" } } });
  });

  it.each([
    ["upstash", () => createUpstashKv({ url: "http://127.0.0.1:9", token: "nothing-listens-here" })],
    ["redis", () => createRedisKv({ url: "redis://127.0.0.1:9" })],
  ] as const)(
    "is 503 unhealthy when the %s cache does not answer, with status words only; the detail goes to the log",
    async (kind, deadKv) => {
      const logs = captureLogs();
      const kv = deadKv();
      setKvForTests(kv);
      try {
        const res = await call(GET, "/health");
        expect(res.status).toBe(503);
        expect(res.json).toEqual({
          status: "unhealthy",
          checks: { database: { status: "ok" }, cache: { status: "error" } },
        });
        // Nothing about where the dependency lives or what the driver said reaches an anonymous caller.
        expect(res.text).not.toMatch(/127\.0\.0\.1|:9\b|ECONNREFUSED|fetch failed|upstash|redis|pglite|postgres/i);
        expect(logs.lines.filter((l) => l.message === "health.check_failed")).toEqual([
          expect.objectContaining({ level: "warn", dependency: "cache", kind, error: expect.any(String) }),
        ]);
      } finally {
        setKvForTests(undefined);
        await kv.close();
      }
    },
  );

  it("is 503 unhealthy when the database does not answer", async () => {
    await testDb.close();
    const res = await call(GET, "/health");
    expect(res.status).toBe(503);
    expect(res.json.checks.database).toEqual({ status: "error" });
  });
});
