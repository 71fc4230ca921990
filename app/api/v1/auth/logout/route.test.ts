import { and, eq } from "drizzle-orm";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, authSessions } from "@/db/schema";
import { getKv, setKvForTests } from "@/lib/kv";
import { createMemoryKv } from "@/lib/kv/memory";
import { useTestDb } from "@/test/use-test-db";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { GET as meRoute } from "../../users/me/route";
import { POST as refreshRoute } from "../refresh/route";
import { POST } from "./route";

const ip = fileClientIp();
useTestDb();

describe("POST /api/v1/auth/logout", () => {
  it("test_logout_clears_cookie: 200, message, cookie expired, family revoked and audited", async () => {
    const tokens = await apiLogin("admin@nextgenai.com", ip);
    const res = await call(POST, "/api/v1/auth/logout", { method: "POST", token: tokens.access_token, ip });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ message: "Logged out successfully" });
    expect(res.headers.get("set-cookie")).toMatch(/^refresh_token=;.*Max-Age=0/);
    const sid = decodeJwt(tokens.access_token).sid as string;
    const db = await getDb();
    const [session] = await db.select().from(authSessions).where(eq(authSessions.id, sid));
    expect(session!.revokedAt).not.toBeNull();
    expect(
      await db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.action, "LOGOUT"), eq(auditLogs.resourceId, sid))),
    ).toHaveLength(1);
    const again = await call(refreshRoute, "/api/v1/auth/refresh", {
      body: { refresh_token: tokens.refresh_token },
      ip,
    });
    expect(again.status).toBe(401);
  });

  it("the same access token is rejected on the very next request", async () => {
    const tokens = await apiLogin("hr@nextgenai.com", ip);
    // Warm the cache so the next check would be served from it if logout did not clear it.
    expect((await call(meRoute, "/api/v1/users/me", { token: tokens.access_token, ip })).status).toBe(200);
    await call(POST, "/api/v1/auth/logout", { method: "POST", token: tokens.access_token, ip });
    const res = await call(meRoute, "/api/v1/users/me", { token: tokens.access_token, ip });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe("Bearer");
  });

  it("stays rejected after a cache restart: Postgres is the source of truth", async () => {
    const tokens = await apiLogin("lead@nextgenai.com", ip);
    await call(POST, "/api/v1/auth/logout", { method: "POST", token: tokens.access_token, ip });
    const before = getKv();
    setKvForTests(createMemoryKv()); // an empty cache, as after a restart
    try {
      expect((await call(meRoute, "/api/v1/users/me", { token: tokens.access_token, ip })).status).toBe(401);
    } finally {
      setKvForTests(before);
    }
  });

  it("requires a bearer token", async () => {
    const res = await call(POST, "/api/v1/auth/logout", { method: "POST", ip });
    expect(res.status).toBe(401);
  });
});
