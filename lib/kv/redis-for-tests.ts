import { Redis } from "ioredis";

// Suites that need the real redis-server share these rules: CI always runs them, so a missing Redis fails the build;
// a developer without Redis running sees them skipped rather than failed.

export const TEST_REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
export const TEST_BRIDGE_TOKEN = "test-bridge-token";

const PROBE_TIMEOUT_MS = 1_000;

export async function shouldRunRedisSuites(): Promise<boolean> {
  return Boolean(process.env.CI) || (await redisAnswers(TEST_REDIS_URL));
}

async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on("error", () => {}); // the outcome is the boolean; keep ioredis from logging it as unhandled
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
