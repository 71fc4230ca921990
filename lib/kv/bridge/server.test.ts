import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { shouldRunRedisSuites, TEST_BRIDGE_TOKEN, TEST_REDIS_URL } from "../redis-for-tests";
import { sha1Hex } from "./lua-scripts";
import { startRedisBridge, type RedisBridge } from "./server";

const RUN = randomUUID().slice(0, 8);
const NOSCRIPT = "NOSCRIPT No matching script. Please use EVAL.";
const runRedisSuites = await shouldRunRedisSuites();

const b64 = (text: string): string => Buffer.from(text).toString("base64");

describe.skipIf(!runRedisSuites)("redis bridge (Upstash REST protocol)", () => {
  let bridge: RedisBridge;
  const key = (label: string): string => `bridge-test:${RUN}:${label}`;

  async function post(
    path: string,
    body: unknown,
    { token = TEST_BRIDGE_TOKEN, base64 = true }: { token?: string | null; base64?: boolean } = {},
  ): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (base64) headers["upstash-encoding"] = "base64";
    const res = await fetch(`${bridge.url}${path}`, {
      method: "POST",
      headers,
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: res.status, json: await res.json() };
  }

  beforeAll(async () => {
    bridge = await startRedisBridge({ port: 0, redisUrl: TEST_REDIS_URL, token: TEST_BRIDGE_TOKEN });
  });

  afterAll(async () => {
    if (!bridge) return;
    await post("/", ["DEL", key("s"), key("n"), key("hash"), key("p"), key("tx"), key("abort")]);
    await bridge.close();
  });

  describe("authentication and request shape", () => {
    test("requires the bearer token", async () => {
      expect(await post("/", ["PING"], { token: null })).toEqual({ status: 401, json: { error: "Unauthorized" } });
      expect(await post("/", ["PING"], { token: "wrong" })).toEqual({ status: 401, json: { error: "Unauthorized" } });
    });

    test("accepts only POST", async () => {
      const res = await fetch(bridge.url, { headers: { authorization: `Bearer ${TEST_BRIDGE_TOKEN}` } });
      expect(res.status).toBe(405);
      expect(await res.json()).toHaveProperty("error");
    });

    test("answers 400 with an error for a body that is not JSON or not a command", async () => {
      for (const body of ["{not json", "{}", "[]", "[[]]"]) {
        const { status, json } = await post("/", body);
        expect(status, body).toBe(400);
        expect(json, body).toHaveProperty("error");
      }
      expect((await post("/pipeline", "[]")).status).toBe(400);
    });

    test("answers 404 for an unknown path", async () => {
      expect((await post("/nope", ["PING"])).status).toBe(404);
    });
  });

  describe("single commands", () => {
    test("leave the status reply OK readable and base64-encode strings", async () => {
      expect(await post("/", ["SET", key("s"), "héllo"])).toEqual({ status: 200, json: { result: "OK" } });
      expect(await post("/", ["GET", key("s")])).toEqual({ status: 200, json: { result: b64("héllo") } });
    });

    test("send plain strings without the encoding header", async () => {
      await post("/", ["SET", key("s"), "héllo"]);
      expect((await post("/", ["GET", key("s")], { base64: false })).json).toEqual({ result: "héllo" });
    });

    test("leave integers and null as they are; numbers in commands are accepted", async () => {
      await post("/", ["DEL", key("n")]);
      expect((await post("/", ["INCRBY", key("n"), 5])).json).toEqual({ result: 5 });
      expect((await post("/", ["GET", key("missing")])).json).toEqual({ result: null });
    });

    test("encode strings inside nested arrays, including OK", async () => {
      const { json } = await post("/", ["EVAL", "return {1, 'a', {'OK', 2, {'deep'}}}", 0]);
      expect(json).toEqual({ result: [1, b64("a"), [b64("OK"), 2, [b64("deep")]]] });
    });

    test("return raw replies, not ioredis's conveniences", async () => {
      await post("/", ["DEL", key("hash")]);
      await post("/", ["HSET", key("hash"), "f", "v"]);
      expect((await post("/", ["hgetall", key("hash")])).json).toEqual({ result: [b64("f"), b64("v")] });
    });

    test("answer Redis errors with 400 and the error text", async () => {
      const unknown = await post("/", ["NOSUCHCOMMAND"]);
      expect(unknown.status).toBe(400);
      expect(unknown.json).toEqual({ error: expect.stringMatching(/^ERR unknown command/) });
      await post("/", ["SET", key("s"), "text"]);
      expect((await post("/", ["INCR", key("s")])).json).toEqual({
        error: "ERR value is not an integer or out of range",
      });
    });

    test("refuse commands that would change the shared connection", async () => {
      for (const command of [["SELECT", "1"], ["SUBSCRIBE", "c"], ["MULTI"]]) {
        const { status, json } = await post("/", command);
        expect(status, command[0]).toBe(400);
        expect(json, command[0]).toEqual({ error: expect.stringContaining("not supported") });
      }
      expect((await post("/", ["PING"])).json).toEqual({ result: b64("PONG") });
    });
  });

  describe("/pipeline", () => {
    test("answers each command in order, errors in place", async () => {
      const { status, json } = await post("/pipeline", [
        ["SET", key("p"), "v"],
        ["INCR", key("p")],
        ["GET", key("p")],
        ["DEL", key("p")],
      ]);
      expect(status).toBe(200);
      expect(json).toEqual([
        { result: "OK" },
        { error: "ERR value is not an integer or out of range" },
        { result: b64("v") },
        { result: 1 },
      ]);
    });
  });

  describe("/multi-exec", () => {
    test("runs the commands in one transaction", async () => {
      const { status, json } = await post("/multi-exec", [
        ["SET", key("tx"), "1"],
        ["INCR", key("tx")],
        ["LPUSH", key("tx"), "x"],
        ["GET", key("tx")],
      ]);
      expect(status).toBe(200);
      expect(json).toEqual([
        { result: "OK" },
        { result: 2 },
        { error: expect.stringMatching(/^WRONGTYPE/) },
        { result: b64("2") },
      ]);
    });

    test("a transaction Redis refuses is one error and changes nothing", async () => {
      const { status, json } = await post("/multi-exec", [
        ["SET", key("abort"), "1"],
        ["SET", key("abort")],
      ]);
      expect(status).toBe(400);
      expect(json).toEqual({ error: expect.stringMatching(/^EXECABORT/) });
      expect((await post("/", ["EXISTS", key("abort")])).json).toEqual({ result: 0 });
    });
  });

  describe("scripts with @upstash/ratelimit's shebang", () => {
    // Unique per run so Redis's script cache from earlier runs cannot make EVALSHA succeed early.
    const script = `#!lua flags=allow-key-locking\n-- ${RUN}\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])`;
    const clientSha = sha1Hex(script);

    test("EVALSHA with the client's SHA is NOSCRIPT until the script was sent once", async () => {
      await post("/", ["DEL", key("n")]);
      expect(await post("/", ["EVALSHA", clientSha, 1, key("n"), 2])).toEqual({
        status: 400,
        json: { error: NOSCRIPT },
      });
      expect((await post("/", ["EVAL", script, 1, key("n"), 2])).json).toEqual({ result: 2 });
      expect((await post("/", ["EVALSHA", clientSha, 1, key("n"), 3])).json).toEqual({ result: 5 });
      expect((await post("/pipeline", [["EVALSHA", clientSha, 1, key("n"), 1]])).json).toEqual([{ result: 6 }]);
    });

    test("SCRIPT LOAD answers the client's SHA, which EVALSHA then runs", async () => {
      const loaded = `${script}\n-- loaded`;
      const { json } = await post("/", ["SCRIPT", "LOAD", loaded]);
      expect(json).toEqual({ result: b64(sha1Hex(loaded)) });
      await post("/", ["DEL", key("n")]);
      expect((await post("/", ["EVALSHA", sha1Hex(loaded), 1, key("n"), 4])).json).toEqual({ result: 4 });
    });
  });
});
