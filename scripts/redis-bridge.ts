// Serves the Upstash REST protocol on loopback in front of a local redis-server, for development and CI.
// Usage: npm run redis:bridge, then start the app with the two UPSTASH_* variables it prints.
import { z } from "zod";
import { startRedisBridge } from "@/lib/kv/bridge/server";

const config = z
  .object({
    REDIS_BRIDGE_PORT: z.coerce.number().int().min(0).max(65535).default(8079),
    REDIS_URL: z.string().min(1).default("redis://127.0.0.1:6379"),
    REDIS_BRIDGE_TOKEN: z.string().min(1).default("local-dev-token"),
  })
  .parse(process.env);

const bridge = await startRedisBridge({
  port: config.REDIS_BRIDGE_PORT,
  redisUrl: config.REDIS_URL,
  token: config.REDIS_BRIDGE_TOKEN,
});

console.log(`Redis bridge: ${bridge.url} -> ${config.REDIS_URL}`);
console.log(`UPSTASH_REDIS_REST_URL=${bridge.url}`);
console.log(`UPSTASH_REDIS_REST_TOKEN=${config.REDIS_BRIDGE_TOKEN}`);

let stopping = false;
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`Redis bridge: ${signal}, closing`);
  await bridge.close();
  process.exit(0);
}
process.on("SIGTERM", (signal) => void stop(signal));
process.on("SIGINT", (signal) => void stop(signal));
