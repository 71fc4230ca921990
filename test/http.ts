import { randomInt } from "node:crypto";
import { peerHeaderValue } from "@/lib/http/peer-address";

// Builds requests the way the running server would see them: the socket address arrives in the stamped peer
// header (see instrumentation.ts). Each test file gets its own client address so that counters in a shared Redis
// (the CI run) never collide across files.

export const fileClientIp = () => `10.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 254)}`;

type Handler = (request: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallOptions {
  method?: string;
  body?: unknown;
  rawBody?: string;
  token?: string;
  headers?: Record<string, string>;
  ip?: string;
  params?: Record<string, string>;
  query?: Record<string, string | number>;
}

export async function call(handler: Handler, path: string, options: CallOptions = {}) {
  const url = new URL(path, "http://localhost:3000");
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(v));
  const headers = new Headers(options.headers);
  headers.set("x-aii-peer", peerHeaderValue(options.ip ?? "127.0.0.1"));
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers.set("content-type", "application/json");
  }
  const response = await handler(
    new Request(url, { method: options.method ?? (body ? "POST" : "GET"), headers, body }),
    {
      params: Promise.resolve(options.params ?? {}),
    },
  );
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json: json as any };
}
