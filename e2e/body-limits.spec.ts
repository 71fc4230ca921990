import http from "node:http";
import { expect, test } from "@playwright/test";
import { SIGNED_OUT } from "./support/accounts";

// Every route's body is capped by the server before the app reads it (lib/http/body-limit.ts). Auth.js's endpoints
// read req.text() with no limit of their own, so they are the case that matters.

test.use({ storageState: SIGNED_OUT });

const TEN_MB = 10 * 1024 * 1024;
const PIECE = Buffer.alloc(64 * 1024, 0x61);

function drainedOrClosed(req: http.ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      req.off("drain", done).off("close", done);
      resolve();
    };
    req.on("drain", done).on("close", done);
  });
}

/** Posts `size` bytes with no Content-Length (chunked), as a streaming client would, and reads the answer. */
function postChunked(
  url: URL,
  size: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    void (async () => {
      for (let sent = 0; sent < size && !req.destroyed; sent += PIECE.length) {
        if (!req.write(PIECE)) await drainedOrClosed(req);
      }
      if (!req.destroyed) req.end();
    })();
  });
}

const tooLarge = { detail: expect.stringMatching(/too large/i), code: "payload_too_large" };

test("Auth.js's credentials callback answers 413 to a 10 MB body, declared or chunked, and the server carries on", async ({
  request,
  baseURL,
}) => {
  const declared = await request.post("/api/auth/callback/credentials", {
    data: Buffer.alloc(TEN_MB, 0x61),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  expect(declared.status()).toBe(413);
  expect(await declared.json()).toEqual(tooLarge);

  const chunked = await postChunked(new URL("/api/auth/callback/credentials", baseURL), TEN_MB);
  expect(chunked.status).toBe(413);
  expect(JSON.parse(chunked.body)).toEqual(tooLarge);

  expect((await request.get("/health")).status()).toBe(200);
  expect((await request.get("/api/auth/csrf")).status()).toBe(200);
});

test("the JSON API and server actions are capped too: 64 KiB and Next's own 1 MiB", async ({ request, baseURL }) => {
  const api = await request.post("/api/v1/auth/login", {
    data: Buffer.alloc(128 * 1024, 0x61),
    headers: { "content-type": "application/json" },
  });
  expect(api.status()).toBe(413);
  expect(await api.json()).toEqual(tooLarge);

  const action = await postChunked(new URL("/login", baseURL), 2 * 1024 * 1024, { "next-action": "0".repeat(42) });
  expect(action.status).toBe(413);
  expect(JSON.parse(action.body)).toEqual(tooLarge);
});
