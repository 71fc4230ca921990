import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { z } from "zod";
import { RedisExecutor } from "./redis-executor";
import { encodeResult, type ResultEncoding } from "./upstash-encoding";

// A local stand-in for Upstash's REST API in front of a real redis-server, so @upstash/redis and @upstash/ratelimit
// run unchanged in development and CI. It listens on loopback only: the token is a shared default.
const LISTEN_HOST = "127.0.0.1";

const argument = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const command = z.array(argument).min(1, "a command is a non-empty array");
const commands = z.array(command).min(1, "send at least one command");

type Route = "/" | "/pipeline" | "/multi-exec";

export interface RedisBridgeOptions {
  /** 0 picks a free port. */
  port: number;
  redisUrl: string;
  token: string;
}

export interface RedisBridge {
  /** What UPSTASH_REDIS_REST_URL should be. */
  url: string;
  close(): Promise<void>;
}

/** Connects to Redis (rejecting when it is unreachable), then serves the REST protocol. */
export async function startRedisBridge({ port, redisUrl, token }: RedisBridgeOptions): Promise<RedisBridge> {
  const redis = await connectRedis(redisUrl);
  const executor = new RedisExecutor(redis);
  const expectedAuthorization = Buffer.from(`Bearer ${token}`);

  const server = createServer((req, res) => {
    handle(req, res, executor, expectedAuthorization).catch((error: unknown) => {
      // Command errors are answered inside handle(); what escapes is Redis not answering at all.
      send(res, 503, { error: `Redis unavailable: ${error instanceof Error ? error.message : String(error)}` });
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, LISTEN_HOST, resolve);
    });
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  const { port: boundPort } = server.address() as AddressInfo;

  return {
    url: `http://${LISTEN_HOST}:${boundPort}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The Upstash client keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      });
      // Nothing is waiting on Redis any more, and quit() would fail (and keep reconnecting) while Redis is down.
      redis.disconnect();
    },
  };
}

async function connectRedis(redisUrl: string): Promise<Redis> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    // While Redis is down, fail each request at once (a 503) instead of queueing it until Redis returns.
    enableOfflineQueue: false,
    // Never resend a command after a reconnect: it may already have run.
    maxRetriesPerRequest: 0,
  });
  let connected = false;
  let connectError: Error | undefined;
  redis.on("error", (error: Error) => {
    // ioredis keeps reconnecting by itself; say so while it does, since requests are failing meanwhile.
    if (connected) console.error(`[redis-bridge] ${error.message}`);
    else connectError = error;
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    // connect() only says "Connection is closed."; the error event carries the reason.
    throw new Error(`cannot reach Redis at ${redisUrl}: ${(connectError ?? (error as Error)).message}`, {
      cause: error,
    });
  }
  connected = true;
  return redis;
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  executor: RedisExecutor,
  expectedAuthorization: Buffer,
): Promise<void> {
  if (!isAuthorized(req.headers.authorization, expectedAuthorization)) {
    return send(res, 401, { error: "Unauthorized" });
  }
  if (req.method !== "POST") return send(res, 405, { error: "Only POST is supported" });
  const route = routeOf(req.url);
  if (!route) return send(res, 404, { error: `Unknown path ${req.url}` });

  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    return send(res, 400, { error: "Request body is not valid JSON" });
  }
  const encoding: ResultEncoding = req.headers["upstash-encoding"] === "base64" ? "base64" : "utf8";

  if (route === "/") {
    const parsed = command.safeParse(body);
    if (!parsed.success) return send(res, 400, { error: z.prettifyError(parsed.error) });
    const reply = await executor.single(parsed.data);
    return "error" in reply ? send(res, 400, reply) : send(res, 200, { result: encodeResult(reply.result, encoding) });
  }

  const parsed = commands.safeParse(body);
  if (!parsed.success) return send(res, 400, { error: z.prettifyError(parsed.error) });
  const replies = route === "/pipeline" ? await executor.pipeline(parsed.data) : await executor.multiExec(parsed.data);
  if (!Array.isArray(replies)) return send(res, 400, replies);
  send(
    res,
    200,
    replies.map((reply) => ("error" in reply ? reply : { result: encodeResult(reply.result, encoding) })),
  );
}

function isAuthorized(header: string | undefined, expected: Buffer): boolean {
  const given = Buffer.from(header ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function routeOf(url: string | undefined): Route | undefined {
  const path = new URL(url ?? "/", "http://bridge").pathname.replace(/\/+$/, "") || "/";
  return path === "/" || path === "/pipeline" || path === "/multi-exec" ? path : undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
