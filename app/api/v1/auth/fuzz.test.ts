import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { useTestDb } from "@/test/use-test-db";
import { call, fileClientIp } from "@/test/http";
import { POST as loginRoute } from "./login/route";
import { POST as refreshRoute } from "./refresh/route";

// Whatever a client sends to the unauthenticated endpoints, the answer is a 2xx or a 4xx: never a 5xx.

useTestDb();

const anyJson = fc.jsonValue({ maxDepth: 3 });
const loginish = fc.record(
  {
    email: fc.oneof(fc.emailAddress(), fc.string(), fc.integer(), fc.constant(null)),
    password: fc.oneof(fc.string({ maxLength: 2000 }), fc.integer(), fc.constant(null)),
  },
  { requiredKeys: [] },
);
const refreshish = fc.record(
  {
    refresh_token: fc.oneof(
      fc.string({ maxLength: 600 }),
      fc.base64String({ minLength: 43, maxLength: 44 }),
      fc.integer(),
      fc.constant(null),
    ),
  },
  { requiredKeys: [] },
);
const rawBody = fc.oneof(
  fc.string(),
  fc.constant("{"),
  fc.constant("null"),
  fc.constant("[]"),
  fc.constant('{"email":'),
);

describe("fuzz", () => {
  it("login never answers 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(loginish, anyJson), fc.option(rawBody, { nil: undefined }), async (body, raw) => {
        const res = await call(
          loginRoute,
          "/api/v1/auth/login",
          raw === undefined
            ? { body, ip: fileClientIp() }
            : { rawBody: raw, method: "POST", ip: fileClientIp(), headers: { "content-type": "application/json" } },
        );
        expect(res.status).toBeLessThan(500);
        expect(res.json).toBeDefined();
      }),
      { numRuns: 60 },
    );
  });

  it("refresh never answers 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(refreshish, anyJson),
        fc.option(rawBody, { nil: undefined }),
        fc.option(fc.string(), { nil: undefined }),
        async (body, raw, cookie) => {
          const headers: Record<string, string> =
            cookie === undefined ? {} : { cookie: `refresh_token=${encodeURIComponent(cookie)}` };
          const res = await call(
            refreshRoute,
            "/api/v1/auth/refresh",
            raw === undefined
              ? { body, ip: fileClientIp(), headers }
              : {
                  rawBody: raw,
                  method: "POST",
                  ip: fileClientIp(),
                  headers: { ...headers, "content-type": "application/json" },
                },
          );
          expect(res.status).toBeLessThan(500);
          expect([200, 400, 401, 413, 422]).toContain(res.status);
        },
      ),
      { numRuns: 150 },
    );
  });
});
