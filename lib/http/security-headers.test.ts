import { describe, expect, it } from "vitest";
import {
  contentSecurityPolicy,
  livekitConnectSources,
  securityHeaders,
  staticSecurityHeaders,
} from "./security-headers";

describe("security headers", () => {
  const production = securityHeaders({
    nonce: "abc123",
    dev: false,
    production: true,
    connectSources: ["wss://lk.example.com"],
  });

  it("CSP carries the nonce, no unsafe-eval (WebAssembly only), object-src none and frame-ancestors none", () => {
    const csp = production["Content-Security-Policy"]!;
    expect(csp).toContain("'nonce-abc123'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' wss://lk.example.com");
  });

  it("sets the fixed headers, HSTS in production only", () => {
    expect(production).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
    expect(production["Permissions-Policy"]).toContain("camera=(self)");
    expect(production["Permissions-Policy"]).toContain("microphone=(self)");
    expect(production["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(securityHeaders({ nonce: "n", dev: true, production: false })["Strict-Transport-Security"]).toBeUndefined();
  });

  it("only next dev gets unsafe-eval", () => {
    expect(contentSecurityPolicy({ nonce: "n", dev: true, production: false })).toContain("'unsafe-eval'");
  });

  it("derives the LiveKit origins from its URL", () => {
    expect(livekitConnectSources("wss://lk.example.com")).toEqual(["wss://lk.example.com", "https://lk.example.com"]);
    expect(livekitConnectSources("ws://localhost:7880")).toEqual(["ws://localhost:7880", "http://localhost:7880"]);
    expect(livekitConnectSources("::bad::")).toEqual([]);
  });

  it("non-page responses get a fixed deny-all CSP with the same other headers", () => {
    const fixed = staticSecurityHeaders({ production: true });
    expect(fixed["Content-Security-Policy"]).toContain("default-src 'none'");
    expect(fixed["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    const { "Content-Security-Policy": _a, ...rest } = fixed;
    const { "Content-Security-Policy": _b, ...pageRest } = production;
    expect(rest).toEqual(pageRest);
  });
});
