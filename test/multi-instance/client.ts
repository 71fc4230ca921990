import { inject } from "vitest";

// Requests to the cluster's instances. Every helper names the instance it talks to, so a test reads as the path its
// requests took.

export type Instance = "A" | "B";

export const baseUrl = (instance: Instance) => (instance === "A" ? inject("instanceA") : inject("instanceB"));

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export async function send<T = Record<string, unknown>>(
  instance: Instance,
  pathname: string,
  init: { method?: string; json?: unknown; bytes?: Buffer; bearer?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
  let body: BodyInit | undefined;
  if (init.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(init.json);
  } else if (init.bytes) {
    headers["content-type"] ??= "application/octet-stream";
    body = new Uint8Array(init.bytes);
  }
  const response = await fetch(`${baseUrl(instance)}${pathname}`, {
    method: init.method ?? (body ? "POST" : "GET"),
    headers,
    body,
  });
  const type = response.headers.get("content-type") ?? "";
  const parsed = type.includes("json") ? await response.json() : Buffer.from(await response.arrayBuffer());
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/** Asserts a 2xx reply, with the body in the message otherwise. */
export function ok<T>(reply: Reply<T>, step: string): T {
  if (reply.status < 200 || reply.status > 299)
    throw new Error(`${step}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

export async function login(instance: Instance, email: string, password: string) {
  return await send<{ access_token: string; refresh_token: string; detail?: unknown; code?: string }>(
    instance,
    "/api/v1/auth/login",
    {
      json: { email, password },
    },
  );
}
