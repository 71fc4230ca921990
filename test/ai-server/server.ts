import http from "node:http";
import type { AddressInfo } from "node:net";

// Tests and benches only: a local server speaking the OpenAI-compatible HTTP API on loopback (real HTTP, real
// multipart and JSON), so the transcription and evaluation code runs exactly as against a hosted provider. Each
// endpoint's behaviour lives in its own module (transcriptions.ts, chat-completions.ts) and is registered here; a test
// scripts failures (500s, hangs, malformed bodies) per call through `script`.

export interface AiRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface AiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Answer this much later (a slow provider); Infinity never answers (a hung provider). */
  delayMs?: number;
}

export type AiHandler = (request: AiRequest) => AiResponse | Promise<AiResponse>;

/** One scripted deviation for the next call to a path: it replaces the registered handler once. */
export type Scripted = AiResponse | ((request: AiRequest) => AiResponse | Promise<AiResponse>);

export interface AiTestServer {
  /** e.g. http://127.0.0.1:43121/v1 — what TRANSCRIBE_BASE_URL / EVAL_BASE_URL take. */
  baseUrl: string;
  /** Every request received, in order. */
  requests: AiRequest[];
  /** Registers the normal behaviour of POST <path> (path relative to /v1, e.g. "/chat/completions"). */
  handle(path: string, handler: AiHandler): void;
  /** Queues deviations for the next calls to <path>, used in order before the normal handler applies again. */
  script(path: string, ...responses: Scripted[]): void;
  close(): Promise<void>;
}

export async function startAiTestServer(options: { port?: number; latencyMs?: number } = {}): Promise<AiTestServer> {
  const handlers = new Map<string, AiHandler>();
  const scripts = new Map<string, Scripted[]>();
  const requests: AiRequest[] = [];
  const sockets = new Set<import("node:net").Socket>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (req.method === "GET" && url.pathname === "/health")
        return void res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      const path = url.pathname.replace(/^\/v1/, "");
      const request: AiRequest = {
        method: req.method ?? "GET",
        path,
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(request);
      const queued = scripts.get(path)?.shift();
      const handler = handlers.get(path);
      let response: AiResponse;
      try {
        if (queued) response = typeof queued === "function" ? await queued(request) : queued;
        else if (handler && req.method === "POST") response = await handler(request);
        else
          response = {
            status: 404,
            body: { error: { message: `no handler for ${req.method} ${url.pathname}`, type: "invalid_request_error" } },
          };
      } catch (error) {
        response = { status: 500, body: { error: { message: String(error), type: "server_error" } } };
      }
      const send = () => {
        if (res.destroyed) return;
        const text = typeof response.body === "string" ? response.body : JSON.stringify(response.body);
        res
          .writeHead(response.status, {
            "content-type": typeof response.body === "string" ? "text/plain" : "application/json",
            ...response.headers,
          })
          .end(text);
      };
      if (response.delayMs === Infinity) return; // hung: the client's timeout must end it
      const delay = (response.delayMs ?? 0) + (options.latencyMs ?? 0); // latencyMs: a provider's fixed think time
      if (delay) setTimeout(send, delay);
      else send();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    handle: (path, handler) => void handlers.set(path, handler),
    script: (path, ...responses) => void scripts.set(path, [...(scripts.get(path) ?? []), ...responses]),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
