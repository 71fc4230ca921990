import { startRedisBridge } from "./bridge/server";
import { createMemoryKv } from "./memory";
import { createRedisKv } from "./redis";
import { TEST_BRIDGE_TOKEN, TEST_REDIS_URL } from "./redis-for-tests";
import type { Kv } from "./types";
import { createUpstashKv } from "./upstash";

// The kv implementations the suites run against. Each open() is a separate client (for Upstash, behind its own
// bridge), the way two app instances would each hold their own.

export interface KvSubject {
  name: string;
  open(): Promise<{ kv: Kv; close(): Promise<void> }>;
}

export const memorySubject: KvSubject = {
  name: "memory",
  open: async () => {
    const kv = createMemoryKv();
    return { kv, close: () => kv.close() };
  },
};

export const respSubject: KvSubject = {
  name: "redis (RESP)",
  open: async () => {
    const kv = createRedisKv({ url: TEST_REDIS_URL });
    return { kv, close: () => kv.close() };
  },
};

export const upstashSubject: KvSubject = {
  name: "upstash through the bridge",
  open: async () => {
    const bridge = await startRedisBridge({ port: 0, redisUrl: TEST_REDIS_URL, token: TEST_BRIDGE_TOKEN });
    const kv = createUpstashKv({ url: bridge.url, token: TEST_BRIDGE_TOKEN });
    return { kv, close: () => kv.close().then(() => bridge.close()) };
  },
};
