import { describe, expect, it } from "vitest";
import { DEV_SECRET, EnvError, parseEnv } from "./env";

const strongSecret = "s".repeat(40);
const productionEnv = {
  NODE_ENV: "production",
  APP_URL: "https://interviews.example.com",
  AUTH_SECRET: strongSecret,
  JWT_SECRET: `${strongSecret}j`,
  LIVEKIT_API_KEY: "APIabc123",
  LIVEKIT_API_SECRET: `${strongSecret}l`,
};

const problems = (raw: Record<string, string | undefined>) => {
  try {
    parseEnv(raw);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
};

describe("parseEnv", () => {
  it("gives working defaults for local development", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      DATA_DIR: ".data",
      PORT: 3000,
      BCRYPT_COST: 12,
      REFRESH_REUSE_GRACE_SECONDS: 10,
      TRUST_PROXY_HOPS: 0,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("names the bad variable in a readable message", () => {
    expect(problems({ PORT: "eighty" })[0]).toMatch(/^PORT: /);
    expect(problems({ DATABASE_URL: "not a url" })[0]).toMatch(/^DATABASE_URL: /);
    expect(problems({ BCRYPT_COST: "9" })[0]).toMatch(/^BCRYPT_COST: must be at least 10/);
    expect(problems({ UPSTASH_REDIS_REST_URL: "http://localhost:8079" })[0]).toMatch(/UPSTASH_REDIS_REST_TOKEN/);
  });

  it("takes plain Redis from REDIS_URL (redis:// or rediss://), but not together with Upstash", () => {
    expect(parseEnv({}).REDIS_URL).toBeUndefined();
    expect(parseEnv({ REDIS_URL: " " }).REDIS_URL).toBeUndefined();
    expect(parseEnv({ REDIS_URL: "redis://cache.internal:6379/2" }).REDIS_URL).toBe("redis://cache.internal:6379/2");
    expect(parseEnv({ REDIS_URL: "rediss://default:pw@cache.example.com:6380" }).REDIS_URL).toBe(
      "rediss://default:pw@cache.example.com:6380",
    );
    expect(problems({ REDIS_URL: "http://cache.internal:6379" })).toEqual([
      expect.stringMatching(/^REDIS_URL: .*redis:\/\//),
    ]);
    const upstash = { UPSTASH_REDIS_REST_URL: "https://eu1.upstash.io", UPSTASH_REDIS_REST_TOKEN: "t" };
    expect(problems({ ...upstash, REDIS_URL: "redis://cache.internal:6379" })).toEqual([
      expect.stringMatching(/^REDIS_URL: .*not both/),
    ]);
  });

  it("reads JWT_EXPIRY_HOURS as a positive number of hours, 15 minutes when unset", () => {
    expect(parseEnv({}).JWT_EXPIRY_HOURS).toBe(0.25);
    expect(parseEnv({ JWT_EXPIRY_HOURS: "0.5" }).JWT_EXPIRY_HOURS).toBe(0.5);
    expect(parseEnv({ JWT_EXPIRY_HOURS: "24" }).JWT_EXPIRY_HOURS).toBe(24); // accepted; the token service caps it at 1 h
    for (const bad of ["0", "-1", "soon", "Infinity"])
      expect(problems({ JWT_EXPIRY_HOURS: bad })[0]).toMatch(/^JWT_EXPIRY_HOURS: /);
  });

  it("refuses dev defaults and short secrets in production", () => {
    const found = problems({ NODE_ENV: "production" });
    expect(found.map((p) => p.split(":")[0]).sort()).toEqual([
      "APP_URL",
      "AUTH_SECRET",
      "JWT_SECRET",
      "LIVEKIT_API_KEY",
      "LIVEKIT_API_SECRET",
    ]);
    expect(problems({ ...productionEnv, JWT_SECRET: "short-but-not-default" })).toEqual([
      expect.stringMatching(/^JWT_SECRET: .*32 bytes/),
    ]);
    expect(problems({ ...productionEnv, AUTH_SECRET: DEV_SECRET })).toHaveLength(1);
  });

  it("accepts real secrets in production", () => {
    expect(problems(productionEnv)).toEqual([]);
  });

  it("a local demo (tests, benchmarks on a production build) may use the dev defaults", () => {
    expect(problems({ NODE_ENV: "production", LOCAL_DEMO: "true" })).toEqual([]);
  });

  it("does not demand runtime secrets while Next builds", () => {
    expect(problems({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).toEqual([]);
  });
});

describe("background-job settings", () => {
  const pg = { DATABASE_URL: "postgres://app@db.example.com:5432/app" };

  it("runs the workers in the app process on PGlite and in development, not in production on PostgreSQL", () => {
    expect(parseEnv({ ...productionEnv }).WORKER_IN_PROCESS).toBe(true);
    expect(parseEnv({ NODE_ENV: "development", ...pg }).WORKER_IN_PROCESS).toBe(true);
    expect(parseEnv({ ...productionEnv, ...pg }).WORKER_IN_PROCESS).toBe(false);
    expect(parseEnv({ ...productionEnv, ...pg, WORKER_IN_PROCESS: "true" }).WORKER_IN_PROCESS).toBe(true);
    expect(parseEnv({ NODE_ENV: "development", ...pg, WORKER_IN_PROCESS: "false" }).WORKER_IN_PROCESS).toBe(false);
  });

  it("refuses separate workers on PGlite, which one process holds", () => {
    expect(problems({ WORKER_IN_PROCESS: "false" })).toEqual([
      expect.stringMatching(/^WORKER_IN_PROCESS: false needs DATABASE_URL/),
    ]);
  });

  it("bounds the worker concurrency", () => {
    expect(parseEnv({}).WORKER_CONCURRENCY).toBe(1);
    expect(problems({ WORKER_CONCURRENCY: "0" })).toHaveLength(1);
  });
});
