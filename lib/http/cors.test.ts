import { afterEach, describe, expect, it } from "vitest";
import { parseEnv, setEnvForTests } from "@/lib/env";
import { applyCors, isCorsPath, preflightResponse } from "./cors";

const ALLOWED = "https://hr.example.com";

function withOrigins(origins: "*" | string[]) {
  setEnvForTests({ CORS_ORIGINS: origins });
}

function respond(path: string, origin?: string): Response {
  const request = new Request(`http://app.test${path}`, { headers: origin ? { origin } : {} });
  const response = Response.json({ ok: true });
  applyCors(request, response);
  return response;
}

afterEach(() => setEnvForTests(undefined));

describe("CORS_ORIGINS", () => {
  it("is empty by default, takes exact origins, or * alone", () => {
    expect(parseEnv({}).CORS_ORIGINS).toEqual([]);
    expect(parseEnv({ CORS_ORIGINS: ` ${ALLOWED}, http://localhost:5173 ,${ALLOWED}` }).CORS_ORIGINS).toEqual([
      ALLOWED,
      "http://localhost:5173",
    ]);
    expect(parseEnv({ CORS_ORIGINS: "*" }).CORS_ORIGINS).toBe("*");
  });

  it.each([
    ["a path", "https://hr.example.com/app"],
    ["a trailing slash", "https://hr.example.com/"],
    ["no scheme", "hr.example.com"],
    ["another scheme", "ftp://hr.example.com"],
    ["* beside an origin", `*,${ALLOWED}`],
  ])("refuses %s at boot", (_case, value) => {
    expect(() => parseEnv({ CORS_ORIGINS: value })).toThrow(/CORS_ORIGINS/);
  });
});

describe("API responses", () => {
  it("grant nothing when nothing is configured", () => {
    withOrigins([]);
    const response = respond("/api/v1/users/me", ALLOWED);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("vary")).toBeNull();
  });

  it("echo an allowed origin with credentials and Vary: Origin", () => {
    withOrigins([ALLOWED]);
    const response = respond("/api/v1/users/me", ALLOWED);
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(response.headers.get("access-control-expose-headers")).toContain("X-Total-Count");
    expect(response.headers.get("vary")).toContain("Origin");
  });

  it("grant nothing to another origin, but still vary on Origin (caches must not mix them)", () => {
    withOrigins([ALLOWED]);
    const response = respond("/api/v1/users/me", "https://evil.example");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("vary")).toContain("Origin");
  });

  it("with *: any origin, never credentials", () => {
    withOrigins("*");
    const response = respond("/api/interviewer/interviews", "https://anyone.example");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("never on the candidate's routes, Auth.js, the webhook or the docs", () => {
    withOrigins("*");
    for (const path of [
      "/api/candidates/interviews/start-session",
      "/api/auth/session",
      "/api/livekit/webhook",
      "/api/docs",
    ]) {
      expect(isCorsPath(path), path).toBe(false);
      expect(respond(path, ALLOWED).headers.get("access-control-allow-origin"), path).toBeNull();
    }
    expect(isCorsPath("/api/v1/auth/login")).toBe(true);
    expect(isCorsPath("/dashboard")).toBe(false);
  });
});

describe("preflight", () => {
  it("grants methods, headers and a max age to an allowed origin", () => {
    withOrigins([ALLOWED]);
    const response = preflightResponse(ALLOWED, "/api/v1/users");
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(response.headers.get("access-control-allow-methods")).toContain("PATCH");
    expect(response.headers.get("access-control-allow-headers")).toContain("Authorization");
    expect(response.headers.get("access-control-max-age")).toBe("600");
  });

  it("answers 204 with no grant for another origin, no origin, or a candidate route", () => {
    withOrigins([ALLOWED]);
    for (const [origin, path] of [
      ["https://evil.example", "/api/v1/users"],
      [null, "/api/v1/users"],
      [ALLOWED, "/api/candidates/interviews/start-session"],
    ] as const) {
      const response = preflightResponse(origin, path);
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
      expect(response.headers.get("access-control-allow-methods")).toBeNull();
    }
  });

  it("with *: no credentials", () => {
    withOrigins("*");
    const response = preflightResponse("https://anyone.example", "/api/v1/users");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });
});
