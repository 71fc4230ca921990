import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closedPort, listen } from "./ports-for-tests";
import { createRedisKv } from "./redis";
import { KvUnavailableError, type Kv, type RateLimitRule } from "./types";
import { createUpstashKv } from "./upstash";

// Under the 1 s connect/command timeouts plus slack: a dead cache must not hold a request for a client's retries.
const PROMPT_FAILURE_MS = 2_000;
const rule: RateLimitRule = { name: "dead-cache", limit: 5, windowSeconds: 60 };
const operations: [string, (kv: Kv) => Promise<unknown>][] = [
  ["get", (kv) => kv.get("k")],
  ["set", (kv) => kv.set("k", "v", { ttlSeconds: 10 })],
  ["setIfAbsent", (kv) => kv.setIfAbsent("k", "v", { ttlSeconds: 10 })],
  ["del", (kv) => kv.del("k")],
  ["incr", (kv) => kv.incr("k", { ttlSeconds: 10 })],
  ["mget", (kv) => kv.mget(["k", "l"])],
  ["consume", (kv) => kv.consume(rule, "id")],
  ["peek", (kv) => kv.peek(rule, "id")],
  ["reset", (kv) => kv.reset(rule, "id")],
  ["release", (kv) => kv.release(rule, "id")],
  ["ping", (kv) => kv.ping()],
];

const remoteKvs: [string, (port: number) => Kv][] = [
  ["upstash", (port) => createUpstashKv({ url: `http://127.0.0.1:${port}`, token: "any" })],
  ["redis (RESP)", (port) => createRedisKv({ url: `redis://127.0.0.1:${port}` })],
];

describe.each(remoteKvs)("%s kv when the cache does not answer", (_, connect) => {
  let silent: Server;
  const silentSockets = new Set<Socket>();
  let refusedPort: number;
  let silentPort: number;

  beforeAll(async () => {
    refusedPort = await closedPort();
    // Accepts connections and never replies, like a cache that hangs.
    silent = createServer((socket) => silentSockets.add(socket));
    silentPort = await listen(silent);
  });

  afterAll(async () => {
    for (const socket of silentSockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  test.each([
    ["refuses connections", () => refusedPort],
    ["accepts but never answers", () => silentPort],
  ])("every operation rejects with KvUnavailableError when the server %s", async (_, port) => {
    const kv = connect(port());
    try {
      const outcomes = await Promise.all(
        operations.map(async ([operation, run]) => {
          const started = performance.now();
          const error = await run(kv).then(
            () => undefined,
            (e: unknown) => e,
          );
          return { operation, error, elapsedMs: performance.now() - started };
        }),
      );
      for (const { operation, error, elapsedMs } of outcomes) {
        expect(error, operation).toBeInstanceOf(KvUnavailableError);
        expect(elapsedMs, operation).toBeLessThan(PROMPT_FAILURE_MS);
      }
    } finally {
      await kv.close();
    }
  });
});
