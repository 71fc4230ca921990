import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  bodyLimitFor,
  CHUNK_UPLOAD_BODY_LIMIT_BYTES,
  DEFAULT_BODY_LIMIT_BYTES,
  SERVER_ACTION_BODY_LIMIT_BYTES,
} from "./body-limit";
import { guardRequestBody } from "./body-limit-guard";

// A plain Node server with the hook installed the way lib/server/boot.ts installs it, and a handler that, like Next,
// reads whatever body it is given into memory. The client is a raw socket in a child process, so every byte the server
// sends is seen and this process's memory is the server's alone.

const TEN_MB = 10 * 1024 * 1024;

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

interface Handled {
  maxReceived: number;
  errors: unknown[];
  calls: number;
}

let server: http.Server;
let port: number;
let handled: Handled;
let handlerMode: "read" | "read-but-answer-early" = "read";

function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  handled.calls++;
  if (handlerMode === "read-but-answer-early") {
    req.resume();
    setTimeout(() => res.writeHead(200, { "content-type": "text/plain" }).end("answered early"), 100);
    return;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  req.on("data", (chunk: Buffer) => {
    received += chunk.length;
    handled.maxReceived = Math.max(handled.maxReceived, received);
    chunks.push(chunk);
  });
  req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ received })));
  req.on("error", (error) => {
    // What Next does when a body stream fails: answer an error of its own. It must go nowhere, and not throw.
    handled.errors.push(error);
    res.writeHead(400).end("cut off");
  });
}

beforeAll(async () => {
  server = http.createServer();
  const emit = server.emit;
  server.emit = function patchedEmit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request" && !guardRequestBody(args[0] as http.IncomingMessage, args[1] as http.ServerResponse))
      return true;
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
  server.on("request", handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

beforeEach(() => {
  handled = { maxReceived: 0, errors: [], calls: 0 };
  handlerMode = "read";
});

interface RawExchange {
  /** Everything the server sent, in order. */
  response: string;
  status: number;
  /** Whether the client got to send its whole body before the connection ended. */
  sentAll: boolean;
  socketError?: string;
}

// Sends SIZE body bytes from one reused 64 KiB buffer (declared or chunked), waits HOLD ms before ending a chunked
// body, and reads until the server closes; prints what it saw as JSON.
const CLIENT = `
const net = require("node:net");
const [port, size, framing, path, hold, headers] = process.argv.slice(1);
const piece = Buffer.alloc(65536, 0x61);
const socket = net.connect(Number(port), "127.0.0.1");
const received = [];
let sentAll = false, socketError;
socket.on("data", (d) => received.push(d));
socket.on("error", (e) => (socketError = e.code || e.message));
socket.on("close", () => process.stdout.write(JSON.stringify({ response: Buffer.concat(received).toString("latin1"), sentAll, socketError })));
socket.on("connect", async () => {
  const framingHeader = framing === "chunked" ? "transfer-encoding: chunked" : "content-length: " + size;
  socket.write(["POST " + path + " HTTP/1.1", "host: test", framingHeader, ...JSON.parse(headers), "", ""].join("\\r\\n"));
  for (let sent = 0; sent < Number(size) && !socket.destroyed; ) {
    const part = piece.subarray(0, Math.min(piece.length, Number(size) - sent));
    let ok;
    if (framing === "chunked") { socket.write(part.length.toString(16) + "\\r\\n"); ok = socket.write(part); socket.write("\\r\\n"); } else ok = socket.write(part);
    if (!ok) await new Promise((r) => socket.once("drain", r).once("close", r));
    sent += part.length;
  }
  if (framing === "chunked") { await new Promise((r) => setTimeout(r, Number(hold))); if (!socket.destroyed) socket.write("0\\r\\n\\r\\n"); }
  sentAll = !socket.destroyed;
});`;

function rawPost(
  path: string,
  size: number,
  framing: "content-length" | "chunked",
  opts: { headers?: string[]; holdMs?: number } = {},
): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const args = [
      "-e",
      CLIENT,
      String(port),
      String(size),
      framing,
      path,
      String(opts.holdMs ?? 0),
      JSON.stringify(opts.headers ?? []),
    ];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (data: Buffer) => (out += data.toString()));
    child.on("error", reject);
    child.on("close", () => {
      const seen = JSON.parse(out) as Omit<RawExchange, "status">;
      resolve({ ...seen, status: Number(/^HTTP\/1\.1 (\d{3})/.exec(seen.response)?.[1] ?? 0) });
    });
  });
}

/** Runs `exchange` while sampling this process's RSS (after a GC, so garbage awaiting collection does not count). */
async function rssGrowthMiB<T>(exchange: () => Promise<T>): Promise<{ result: T; growthMiB: number }> {
  gc();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = () => {
    gc();
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 10);
  try {
    const result = await exchange();
    sample();
    return { result, growthMiB: (peak - before) / (1024 * 1024) };
  } finally {
    clearInterval(timer);
  }
}

function json413(exchange: RawExchange) {
  const [, body = ""] = exchange.response.split("\r\n\r\n");
  return JSON.parse(body) as { detail: string; code: string };
}

describe("the body limit on every request", () => {
  it.each(["content-length", "chunked"] as const)(
    "a 10 MB body (%s) gets 413 JSON; the app sees at most the limit",
    async (framing) => {
      const exchange = await rawPost("/api/auth/callback/credentials", TEN_MB, framing);

      expect(exchange.status).toBe(413);
      expect(json413(exchange)).toEqual({ detail: expect.stringMatching(/too large/i), code: "payload_too_large" });
      expect(exchange.response).toMatch(/\r\nconnection: close\r\n/i);
      // One response and nothing after it: the handler's own late answer never reaches the wire.
      expect(exchange.response.match(/HTTP\/1\.1 /g)).toHaveLength(1);
      // The client could finish sending: the rest was read and discarded, not reset under it.
      expect(exchange.sentAll).toBe(true);
      expect(handled.maxReceived).toBeLessThanOrEqual(DEFAULT_BODY_LIMIT_BYTES);
      if (framing === "content-length") expect(handled.calls).toBe(0);
    },
  );

  // RSS moves by a few MiB with anything a process does (sockets, the child process, the allocator), so the body is
  // made large enough that "grows with the body" and "stays flat" cannot be confused: an unguarded handler buffers all
  // of it (the old code grew by about the body's size), the guarded server at most the limit plus what it discards.
  it.each(["content-length", "chunked"] as const)(
    "the server's memory does not grow with the body (%s, 48 MiB sent)",
    async (framing) => {
      const size = 48 * 1024 * 1024;
      const { growthMiB } = await rssGrowthMiB(() => rawPost("/api/auth/callback/credentials", size, framing));
      expect(handled.maxReceived).toBeLessThanOrEqual(DEFAULT_BODY_LIMIT_BYTES);
      expect(growthMiB).toBeLessThan(size / (1024 * 1024) / 4);
    },
  );

  it("a body at the limit, declared or chunked, reaches the handler whole", async () => {
    for (const framing of ["content-length", "chunked"] as const) {
      const exchange = await rawPost("/api/v1/auth/login", DEFAULT_BODY_LIMIT_BYTES, framing, {
        headers: ["connection: close"],
      });
      expect(exchange.status).toBe(200);
      expect(exchange.response).toContain(`{"received":${DEFAULT_BODY_LIMIT_BYTES}}`);
    }
  });

  it("one byte over the limit, chunked, is cut off: the handler's stream fails and its answer goes nowhere", async () => {
    const exchange = await rawPost("/anything", DEFAULT_BODY_LIMIT_BYTES + 1, "chunked");
    expect(exchange.status).toBe(413);
    expect(exchange.response.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(handled.maxReceived).toBeLessThanOrEqual(DEFAULT_BODY_LIMIT_BYTES);
    // As a cancelled request fails: Next and our handlers take an AbortError for a client that went away, quietly.
    expect(handled.errors).toEqual([expect.objectContaining({ name: "AbortError" })]);
  });

  it("whatever the handler still writes after the cut-off never reaches the wire, and nothing throws", async () => {
    handlerMode = "read-but-answer-early";
    // The client goes past the limit, then keeps the connection open while the handler answers at 100 ms.
    const exchange = await rawPost("/api/auth/session", 2 * DEFAULT_BODY_LIMIT_BYTES, "chunked", { holdMs: 400 });
    expect(exchange.status).toBe(413);
    expect(exchange.response).not.toContain("answered early");
    expect(exchange.response.match(/HTTP\/1\.1 /g)).toHaveLength(1);
  });

  it("a recording chunk may send 8 MiB; the same bytes elsewhere are refused", async () => {
    const chunkPath = "/api/candidates/sessions/s1/recordings/0/chunks/3?take=0";
    const eightMiB = 8 * 1024 * 1024;
    const upload = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { port, host: "127.0.0.1", method: "PUT", path: chunkPath, headers: { "content-length": eightMiB } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end(Buffer.alloc(eightMiB));
    });
    expect(upload).toBe(200);
    const elsewhere = await rawPost("/api/candidates/interviews/consent", eightMiB, "content-length");
    expect(elsewhere.status).toBe(413);
  });
});

describe("which limit a request gets", () => {
  const request = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers });

  it("a recording chunk PUT gets 8 MiB and a little; nothing else does", () => {
    expect(bodyLimitFor(request("PUT", "/api/candidates/sessions/a/recordings/0/chunks/1?take=2"))).toBe(
      CHUNK_UPLOAD_BODY_LIMIT_BYTES,
    );
    expect(CHUNK_UPLOAD_BODY_LIMIT_BYTES).toBeGreaterThan(8 * 1024 * 1024);
    expect(bodyLimitFor(request("POST", "/api/candidates/sessions/a/recordings/0/chunks/1"))).toBe(
      DEFAULT_BODY_LIMIT_BYTES,
    );
    expect(bodyLimitFor(request("PUT", "/api/candidates/sessions/a/recordings/0/chunks/1/extra"))).toBe(
      DEFAULT_BODY_LIMIT_BYTES,
    );
    expect(bodyLimitFor(request("PUT", "/x?/api/candidates/sessions/a/recordings/0/chunks/1"))).toBe(
      DEFAULT_BODY_LIMIT_BYTES,
    );
  });

  it("a server action (POST with Next-Action) gets Next's own 1 MiB; Auth.js and the API get 64 KiB", () => {
    expect(bodyLimitFor(request("POST", "/login", { "next-action": "abc123" }))).toBe(SERVER_ACTION_BODY_LIMIT_BYTES);
    expect(bodyLimitFor(request("POST", "/api/auth/callback/credentials"))).toBe(DEFAULT_BODY_LIMIT_BYTES);
    expect(bodyLimitFor(request("POST", "/api/v1/auth/login"))).toBe(DEFAULT_BODY_LIMIT_BYTES);
    expect(DEFAULT_BODY_LIMIT_BYTES).toBe(64 * 1024);
  });
});
