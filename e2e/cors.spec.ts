import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, SIGNED_OUT } from "./support/accounts";
import { E2E_CORS_ORIGIN } from "./support/cors";

// CORS_ORIGINS (the e2e server allows E2E_CORS_ORIGIN): a page on that second origin signs in through the JSON API
// and reads with the Bearer token, the browser doing the preflights; a page on a third origin is refused by the
// browser. The candidate's routes never grant CORS.

test.use({ storageState: SIGNED_OUT });

/** A bare page on `origin` (its own HTTP server), so the browser's fetches from it are cross-origin. */
async function servePage(port: number): Promise<http.Server> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<!doctype html><title>Another origin</title><p>another origin</p>");
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}

interface Outcome {
  ok: boolean;
  status?: number;
  body?: unknown;
  error?: string;
}

test("an allowed second origin signs in and reads through the API; another origin is refused", async ({
  page,
  baseURL,
}) => {
  const allowed = await servePage(Number(new URL(E2E_CORS_ORIGIN).port));
  const other = await servePage(0);
  try {
    const apiBase = baseURL!;
    await page.goto(`${E2E_CORS_ORIGIN}/`);
    const result = await page.evaluate(
      async ({ apiBase, email, password }) => {
        const login = await fetch(`${apiBase}/api/v1/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, password }),
        });
        const tokens = (await login.json()) as { access_token: string };
        const me = await fetch(`${apiBase}/api/v1/users/me`, {
          headers: { authorization: `Bearer ${tokens.access_token}` },
        });
        return {
          loginStatus: login.status,
          meStatus: me.status,
          me: (await me.json()) as { email: string },
          requestId: me.headers.get("x-request-id"),
        };
      },
      { apiBase, email: ACCOUNTS.hr.email, password: DEMO_PASSWORD },
    );
    expect(result.loginStatus).toBe(200);
    expect(result.meStatus).toBe(200);
    expect(result.me.email).toBe(ACCOUNTS.hr.email);
    expect(result.requestId, "exposed to the other origin").toBeTruthy();

    // An error answer carries the grant too, so the page can read the reason.
    const refused = await page.evaluate(async (apiBase) => {
      const response = await fetch(`${apiBase}/api/v1/users/me`, { headers: { authorization: "Bearer nope" } });
      return { status: response.status, body: await response.json() };
    }, apiBase);
    expect(refused).toEqual({ status: 401, body: expect.objectContaining({ code: "not_authenticated" }) });

    // The candidate's routes are not part of the JSON API's CORS: the browser blocks the call.
    const candidate: Outcome = await page.evaluate(async (apiBase) => {
      try {
        const response = await fetch(`${apiBase}/api/candidates/interviews/start-session`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ token: "x" }),
        });
        return { ok: true, status: response.status };
      } catch (error) {
        return { ok: false, error: String(error) };
      }
    }, apiBase);
    expect(candidate.ok).toBe(false);

    // A third origin: the preflight grants nothing, and the browser refuses.
    const otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    await page.goto(`${otherOrigin}/`);
    const blocked: Outcome = await page.evaluate(async (apiBase) => {
      try {
        const response = await fetch(`${apiBase}/api/v1/users/me`, { headers: { authorization: "Bearer x" } });
        return { ok: true, status: response.status };
      } catch (error) {
        return { ok: false, error: String(error) };
      }
    }, apiBase);
    expect(blocked.ok).toBe(false);
    expect(blocked.error).toContain("Failed to fetch");
  } finally {
    allowed.close();
    other.close();
  }
});

test("preflight answers: the grant for an allowed origin, nothing for others", async ({ request }) => {
  const preflight = (origin: string, path = "/api/v1/users/me") =>
    request.fetch(path, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
    });
  const granted = await preflight(E2E_CORS_ORIGIN);
  expect(granted.status()).toBe(204);
  expect(granted.headers()["access-control-allow-origin"]).toBe(E2E_CORS_ORIGIN);
  expect(granted.headers()["access-control-allow-credentials"]).toBe("true");
  expect(granted.headers()["access-control-allow-headers"]).toContain("Authorization");
  expect(granted.headers()["vary"]).toContain("Origin");

  const refused = await preflight("https://evil.example");
  expect(refused.status()).toBe(204);
  expect(refused.headers()["access-control-allow-origin"]).toBeUndefined();

  const candidate = await preflight(E2E_CORS_ORIGIN, "/api/candidates/interviews/start-session");
  expect(candidate.headers()["access-control-allow-origin"]).toBeUndefined();

  // Without a preflight header the route itself answers as before (no rewrite).
  const plain = await request.get("/api/v1/users/me", { headers: { origin: E2E_CORS_ORIGIN } });
  expect(plain.status()).toBe(401);
  expect(plain.headers()["access-control-allow-origin"]).toBe(E2E_CORS_ORIGIN);
});
