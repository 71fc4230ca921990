import { randomUUID } from "node:crypto";
import { createConnection, createServer, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { describe, expect, test } from "vitest";
import { closedPort, listen } from "./ports-for-tests";
import { createRedisKv } from "./redis";
import { shouldRunRedisSuites, TEST_REDIS_URL } from "./redis-for-tests";
import { KvUnavailableError, type Kv } from "./types";

// What only the RESP implementation has to get right: it holds a connection and caches scripts on the server.

async function answersWithin(kv: Kv, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (
      await kv.ping().then(
        () => true,
        () => false,
      )
    )
      return true;
    await sleep(100);
  }
  return false;
}

describe.skipIf(!(await shouldRunRedisSuites()))("redis (RESP) kv", () => {
  test("answers again on its own once Redis is reachable again", async () => {
    const port = await closedPort();
    const redisAddress = new URL(TEST_REDIS_URL);
    const kvUrl = new URL(TEST_REDIS_URL);
    kvUrl.host = `127.0.0.1:${port}`;
    const kv = createRedisKv({ url: kvUrl.toString() });
    const piped = new Set<Socket>();
    const proxy = createServer((client) => {
      const upstream = createConnection(Number(redisAddress.port || 6379), redisAddress.hostname);
      for (const socket of [client, upstream]) {
        piped.add(socket);
        socket.on("error", () => {}); // either side closing ends the pair below
        socket.on("close", () => (socket === client ? upstream : client).destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    try {
      await expect(kv.ping()).rejects.toBeInstanceOf(KvUnavailableError);
      await listen(proxy, port); // Redis "comes back" on the address the kv was given
      expect(await answersWithin(kv, 5_000)).toBe(true);
    } finally {
      await kv.close();
      for (const socket of piped) socket.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  test("rate limits keep working after Redis forgets its scripts, as after a restart", async () => {
    const kv = createRedisKv({ url: TEST_REDIS_URL });
    const admin = new Redis(TEST_REDIS_URL);
    const rule = { name: `redis-script-flush-${randomUUID().slice(0, 8)}`, limit: 2, windowSeconds: 60 };
    try {
      expect((await kv.consume(rule, "ida")).allowed).toBe(true);
      await admin.script("FLUSH");
      expect(await kv.consume(rule, "ida")).toMatchObject({ allowed: true, remaining: 0 });
      await admin.script("FLUSH");
      expect(await kv.peek(rule, "ida")).toMatchObject({ allowed: false, remaining: 0 });
    } finally {
      await kv.reset(rule, "ida");
      await kv.close();
      await admin.quit();
    }
  });
});
