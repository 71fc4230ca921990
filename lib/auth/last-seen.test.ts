import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { authSessions } from "@/db/schema";
import { login } from "@/lib/auth/login";
import { loadSignInContext } from "@/lib/auth/sign-in-sessions";
import { getKv, setKvForTests } from "@/lib/kv";
import { createMemoryKv } from "@/lib/kv/memory";
import { DEMO_PASSWORD } from "@/test/fixtures";
import { freshAccount } from "@/test/login-accounts";
import { useTestDb } from "@/test/use-test-db";

useTestDb();

async function lastSeen(id: string) {
  const db = await getDb();
  const [row] = await db.select({ at: authSessions.lastSeenAt }).from(authSessions).where(eq(authSessions.id, id));
  return row?.at?.toISOString() ?? null;
}

/** Runs `fn` with an empty cache, as a request that misses it would. */
async function withEmptyCache<T>(fn: () => Promise<T>): Promise<T> {
  const before = getKv();
  setKvForTests(createMemoryKv());
  try {
    return await fn();
  } finally {
    setKvForTests(before);
  }
}

describe("a session's last_seen_at", () => {
  it("starts at the sign-in and moves at most once a minute, only when the session is loaded from the database", async () => {
    const { email } = await freshAccount();
    const t0 = new Date(Date.now() - 10 * 60_000);
    const { session } = await login({
      email,
      password: DEMO_PASSWORD,
      kind: "api",
      meta: { ip: "198.51.100.7", userAgent: "vitest" },
      now: t0,
    });
    expect(await lastSeen(session.id)).toBe(t0.toISOString());
    const at = (s: number) => new Date(t0.getTime() + s * 1000);

    await withEmptyCache(() => loadSignInContext(session.id, at(30))); // under a minute later: no write
    expect(await lastSeen(session.id)).toBe(t0.toISOString());

    await withEmptyCache(async () => {
      expect(await loadSignInContext(session.id, at(61))).not.toBeNull(); // a cache miss past the minute: written
      expect(await lastSeen(session.id)).toBe(at(61).toISOString());
      // Served from the cache from now on: no database read, so no write however late it is.
      expect(await loadSignInContext(session.id, at(300))).not.toBeNull();
      expect(await lastSeen(session.id)).toBe(at(61).toISOString());
    });

    await withEmptyCache(() => loadSignInContext(session.id, at(100))); // 39 s after the last write: no write
    expect(await lastSeen(session.id)).toBe(at(61).toISOString());
    await withEmptyCache(() => loadSignInContext(session.id, at(122)));
    expect(await lastSeen(session.id)).toBe(at(122).toISOString());
  });

  it("is not moved by loading a revoked session", async () => {
    const { email } = await freshAccount();
    const t0 = new Date(Date.now() - 10 * 60_000);
    const { session } = await login({
      email,
      password: DEMO_PASSWORD,
      kind: "web",
      meta: { ip: "198.51.100.8", userAgent: "vitest" },
      now: t0,
    });
    const db = await getDb();
    await db.update(authSessions).set({ revokedAt: new Date() }).where(eq(authSessions.id, session.id));
    expect(await withEmptyCache(() => loadSignInContext(session.id, new Date()))).toBeNull();
    expect(await lastSeen(session.id)).toBe(t0.toISOString());
  });
});
