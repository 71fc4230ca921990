import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, authSessions, refreshTokens } from "@/db/schema";
import { hashRefreshToken } from "@/lib/auth/refresh-token";
import { useTestDb } from "@/test/use-test-db";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { GET as meRoute } from "../../users/me/route";
import { POST } from "./route";

const ip = fileClientIp();
const refresh = (token: string) => call(POST, "/api/v1/auth/refresh", { body: { refresh_token: token }, ip });
useTestDb();

async function tokenRow(token: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hashRefreshToken(token)));
  return row!;
}

async function activeTokens(sessionId: string) {
  const db = await getDb();
  return db
    .select()
    .from(refreshTokens)
    .where(and(eq(refreshTokens.sessionId, sessionId), isNull(refreshTokens.usedAt), isNull(refreshTokens.revokedAt)));
}

/** Moves a token's use back in time, past the grace window. */
async function ageUse(token: string, seconds: number) {
  const db = await getDb();
  const row = await tokenRow(token);
  await db
    .update(refreshTokens)
    .set({ usedAt: new Date(row.usedAt!.getTime() - seconds * 1000) })
    .where(eq(refreshTokens.id, row.id));
}

describe("POST /api/v1/auth/refresh", () => {
  it("test_refresh_token_valid: rotates to a new pair and cookie, and marks the old token used", async () => {
    const first = await apiLogin("admin@nextgenai.com", ip);
    const res = await refresh(first.refresh_token);
    expect(res.status).toBe(200);
    expect(res.json.token_type).toBe("bearer");
    expect(res.json.refresh_token).not.toBe(first.refresh_token);
    expect(res.json.access_token).not.toBe(first.access_token);
    expect(res.headers.get("set-cookie")).toContain(`refresh_token=${res.json.refresh_token}`);
    expect(res.headers.get("set-cookie")).toContain("HttpOnly; Secure; SameSite=Strict; Path=/");
    expect((await tokenRow(first.refresh_token)).usedAt).not.toBeNull();
    expect((await call(meRoute, "/api/v1/users/me", { token: res.json.access_token, ip })).status).toBe(200);
  });

  it("reads the token from the cookie when the body has none", async () => {
    const first = await apiLogin("hr@nextgenai.com", ip);
    const res = await call(POST, "/api/v1/auth/refresh", {
      method: "POST",
      ip,
      headers: { cookie: `other=1; refresh_token=${first.refresh_token}` },
    });
    expect(res.status).toBe(200);
  });

  it("stores only a hash of each refresh token", async () => {
    const first = await apiLogin("hr@nextgenai.com", ip);
    const db = await getDb();
    const rows = await db.select().from(refreshTokens);
    expect(JSON.stringify(rows)).not.toContain(first.refresh_token);
    expect(rows.some((r) => r.tokenHash === hashRefreshToken(first.refresh_token))).toBe(true);
  });

  it("garbage is 401 Invalid refresh token", async () => {
    for (const token of ["", "garbage", "x".repeat(43), "eyJhbGciOiJIUzI1NiJ9.e30.abc"]) {
      const res = await refresh(token);
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ detail: "Invalid refresh token", code: "not_authenticated" });
    }
  });

  it("re-presenting the parent within the grace window returns the already issued child", async () => {
    const first = await apiLogin("lead@nextgenai.com", ip);
    const a = await refresh(first.refresh_token);
    const b = await refresh(first.refresh_token);
    expect(b.status).toBe(200);
    expect(b.json.refresh_token).toBe(a.json.refresh_token);
    // Even after the child itself was rotated (tab A refreshed twice), the grandchild is handed out.
    const c = await refresh(a.json.refresh_token);
    const d = await refresh(first.refresh_token);
    expect(d.json.refresh_token).toBe(c.json.refresh_token);
    const session = (await tokenRow(first.refresh_token)).sessionId;
    expect(await activeTokens(session)).toHaveLength(1);
  });

  it("reuse after the grace window revokes the whole family, its newest token too, and is audited", async () => {
    const first = await apiLogin("employee@nextgenai.com", ip);
    const child = await refresh(first.refresh_token);
    await ageUse(first.refresh_token, 60);
    const reuse = await refresh(first.refresh_token);
    expect(reuse.status).toBe(401);
    expect(reuse.json).toEqual({ detail: "Invalid refresh token", code: "not_authenticated" });
    const newest = await refresh(child.json.refresh_token);
    expect(newest.status).toBe(401);
    const sessionId = (await tokenRow(first.refresh_token)).sessionId;
    expect(await activeTokens(sessionId)).toHaveLength(0);
    const db = await getDb();
    const [session] = await db.select().from(authSessions).where(eq(authSessions.id, sessionId));
    expect(session!.revokedReason).toBe("refresh_reuse");
    const audits = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "REFRESH_REUSE_DETECTED"), eq(auditLogs.resourceId, sessionId)));
    expect(audits).toHaveLength(1);
    // Access tokens of the revoked family stop working at once.
    expect((await call(meRoute, "/api/v1/users/me", { token: child.json.access_token, ip })).status).toBe(401);
  });

  it("test_refresh_token_expired: a family past its absolute 7-day lifetime is refused", async () => {
    const first = await apiLogin("admin@globex.com", ip);
    const db = await getDb();
    const sessionId = (await tokenRow(first.refresh_token)).sessionId;
    await db
      .update(authSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(authSessions.id, sessionId));
    expect((await refresh(first.refresh_token)).status).toBe(401);
  });

  it("race: 20 parallel refreshes with one token all get the same child; one active token remains", async () => {
    const first = await apiLogin("admin@nextgenai.com", ip);
    const results = await Promise.all(Array.from({ length: 20 }, () => refresh(first.refresh_token)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const children = new Set(results.map((r) => r.json.refresh_token));
    expect(children.size).toBe(1);
    const sessionId = (await tokenRow(first.refresh_token)).sessionId;
    const active = await activeTokens(sessionId);
    expect(active).toHaveLength(1);
    expect(active[0]!.tokenHash).toBe(hashRefreshToken([...children][0]!));
  });
});
