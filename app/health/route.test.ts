import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setKvForTests } from "@/lib/kv";
import { createUpstashKv } from "@/lib/kv/upstash";
import { createTestDb, type TestDb } from "@/test/db";
import { call } from "@/test/http";
import { GET } from "./route";

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(() => testDb.drop());

describe("GET /health", () => {
  it("is 200 healthy with per-dependency checks, never cached", async () => {
    const res = await call(GET, "/health");
    expect(res.status).toBe(200);
    expect(res.json.status).toBe("healthy");
    expect(res.json.checks.database.status).toBe("ok");
    expect(res.json.checks.cache.status).toBe("ok");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("is 503 unhealthy when the cache does not answer", async () => {
    setKvForTests(createUpstashKv({ url: "http://127.0.0.1:9", token: "nothing-listens-here" }));
    try {
      const res = await call(GET, "/health");
      expect(res.status).toBe(503);
      expect(res.json.status).toBe("unhealthy");
      expect(res.json.checks.cache.status).toBe("error");
      expect(res.json.checks.database.status).toBe("ok");
    } finally {
      setKvForTests(undefined);
    }
  });

  it("is 503 unhealthy when the database does not answer", async () => {
    await testDb.close();
    const res = await call(GET, "/health");
    expect(res.status).toBe(503);
    expect(res.json.checks.database.status).toBe("error");
  });
});
