import { expect, test, type APIResponse } from "@playwright/test";
import { ADMIN_STATE, SIGNED_OUT } from "./support/accounts";

// Every response carries the security headers: pages, API answers (errors included), static assets and 404s.

// Pages carry a nonce CSP; responses that are never a page (JSON, static files) carry a fixed `default-src 'none'`.
function expectSecurityHeaders(response: APIResponse, kind: "page" | "other" = "page") {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  if (kind === "page") expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  else expect(csp).toContain("default-src 'none'");
  expect(csp).not.toContain("'unsafe-eval'"); // 'wasm-unsafe-eval' (WebAssembly only) is allowed
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBeTruthy();
  expect(headers["permissions-policy"]).toContain("camera=(self)");
  expect(headers["permissions-policy"]).toContain("microphone=(self)");
  expect(headers["strict-transport-security"]).toMatch(/max-age=\d+/); // a production build
  expect(headers["x-powered-by"]).toBeUndefined();
}

test.use({ storageState: SIGNED_OUT });

test("pages, API responses, errors, static assets and 404s all carry the headers", async ({ request }) => {
  const login = await request.get("/login");
  expectSecurityHeaders(login);
  const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(await login.text())?.[1];
  expect(asset).toBeTruthy();
  expectSecurityHeaders(await request.get(asset!), "other");
  expectSecurityHeaders(await request.get("/health"), "other");
  expectSecurityHeaders(await request.get("/api/v1/users/me"), "other");
  expectSecurityHeaders(await request.get("/api/auth/session"), "other");
  expectSecurityHeaders(await request.get("/no-such-page"));
  expectSecurityHeaders(await request.get("/dashboard", { maxRedirects: 0 }));
  expectSecurityHeaders(
    await request.post("/api/v1/auth/login", { data: "{broken", headers: { "content-type": "application/json" } }),
    "other",
  );
});

test("each response gets a fresh CSP nonce", async ({ request }) => {
  const nonce = async () =>
    /'nonce-([^']+)'/.exec((await request.get("/login")).headers()["content-security-policy"] ?? "")?.[1];
  expect(await nonce()).not.toBe(await nonce());
});

test("API and signed-in pages are not cacheable", async ({ browser, request }) => {
  expect((await request.get("/api/v1/users/me")).headers()["cache-control"]).toBe("no-store");
  expect((await request.get("/health")).headers()["cache-control"]).toBe("no-store");
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const dashboard = await context.request.get("/dashboard");
  expect(dashboard.status()).toBe(200);
  expect(dashboard.headers()["cache-control"]).toContain("no-store");
  await context.close();
});

test("no CORS: another origin is never granted access to the API", async ({ request }) => {
  const preflight = await request.fetch("/api/v1/auth/login", {
    method: "OPTIONS",
    headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
  });
  expect(preflight.headers()["access-control-allow-origin"]).toBeUndefined();
  const post = await request.post("/api/v1/auth/login", {
    headers: { origin: "https://evil.example" },
    data: { email: "nobody@nextgenai.com", password: "x" },
  });
  expect(post.headers()["access-control-allow-origin"]).toBeUndefined();
  expect(post.headers()["access-control-allow-credentials"]).toBeUndefined();
});
