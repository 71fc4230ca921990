import "server-only";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/lib/db";
import { authSessions, companies, refreshTokens, users, userTotp, type Role } from "@/db/schema";
import type { RequestMeta } from "@/lib/http/request-meta";
import { getKv } from "@/lib/kv";
import { log } from "@/lib/log";
import { isPasswordExpired, passwordExpiresAt } from "./password-expiry";

// A session row is one sign-in (an API refresh-token family or a browser session). Postgres decides whether it is
// alive; the cache only saves a query per request, and every write that ends or changes a session clears it.

export { SESSION_LIFETIME_S } from "./session-lifetime";
import { SESSION_LIFETIME_S } from "./session-lifetime";
const CACHE_ALIVE_S = 30; // how long a live session's context may be served from cache
const CACHE_DEAD_S = 300; // revocation is permanent, so a dead entry can live longer
// "Last seen" is written only when a request has to load the session from the database (a cache miss, at most every
// CACHE_ALIVE_S) and the stored value is older than this: at most one write a minute per session, none on a cache hit.
const LAST_SEEN_EVERY_S = 60; // seconds

export interface SignInContext {
  sessionId: string;
  kind: "api" | "web";
  /** "sso" when the company's OpenID provider signed the person in (lib/auth/sso); "password" otherwise. */
  method?: "password" | "sso";
  expiresAt: string;
  userId: string;
  companyId: string;
  role: Role;
  email: string;
  firstName: string | null;
  lastName: string | null;
  isActive: boolean;
  createdAt: string;
  /** The company requires two-factor of this role and the user has none yet: the dashboard sends them to set it up. */
  mfaSetupRequired?: boolean;
  /** When the password passes the company's maximum age (ISO), or null when the company sets none. */
  passwordExpiresAt?: string | null;
  /**
   * The password is older than the company's maximum age: the dashboard sends them to change it and the API refuses
   * with password_expired (lib/auth/password-expired-api.ts). Judged against the clock on every read, not cached.
   */
  passwordExpired?: boolean;
}

type CacheEntry = { dead: true } | ({ dead: false } & SignInContext);

const cacheKey = (sessionId: string) => `sess:${sessionId}`;

export async function createSignInSession(
  db: DbOrTx,
  input: {
    userId: string;
    companyId: string;
    kind: "api" | "web";
    meta: RequestMeta;
    now: Date;
    method?: "password" | "sso";
  },
) {
  const [session] = await db
    .insert(authSessions)
    .values({
      userId: input.userId,
      companyId: input.companyId,
      kind: input.kind,
      createdAt: input.now,
      expiresAt: new Date(input.now.getTime() + SESSION_LIFETIME_S * 1000),
      ipAddress: input.meta.ip,
      userAgent: input.meta.userAgent,
      lastSeenAt: input.now,
      method: input.method ?? "password",
    })
    .returning();
  if (!session) throw new Error("session insert returned nothing");
  return session;
}

/** Revokes one session and every refresh token in it. Returns true when it was still alive. */
export async function revokeSignInSession(
  db: DbOrTx,
  input: { sessionId: string; reason: string; now: Date },
): Promise<boolean> {
  const revoked = await db
    .update(authSessions)
    .set({ revokedAt: input.now, revokedReason: input.reason })
    .where(and(eq(authSessions.id, input.sessionId), isNull(authSessions.revokedAt)))
    .returning({ id: authSessions.id });
  await db
    .update(refreshTokens)
    .set({ revokedAt: input.now })
    .where(and(eq(refreshTokens.sessionId, input.sessionId), isNull(refreshTokens.revokedAt)));
  return revoked.length > 0;
}

/** Revokes every live session of a user; returns their ids so the caller can clear the cache after commit. */
export async function revokeUserSignInSessions(db: DbOrTx, input: { userId: string; reason: string; now: Date }) {
  const rows = await db
    .select({ id: authSessions.id })
    .from(authSessions)
    .where(and(eq(authSessions.userId, input.userId), isNull(authSessions.revokedAt)));
  for (const row of rows) await revokeSignInSession(db, { sessionId: row.id, reason: input.reason, now: input.now });
  return rows.map((r) => r.id);
}

export async function liveSignInSessionIds(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: authSessions.id })
    .from(authSessions)
    .where(and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt)));
  return rows.map((r) => r.id);
}

/**
 * Call after the transaction that changed sessions or their users has committed. Entries are OVERWRITTEN, never just
 * deleted: a request that read the database before the commit writes its stale entry only if the key is absent
 * (setIfAbsent), so it cannot put an old role or an "alive" session back. Revoked sessions get a tombstone.
 */
export async function forgetSignInSessions(sessionIds: string[], opts: { revoked: boolean }): Promise<void> {
  if (sessionIds.length === 0) return;
  const now = new Date();
  await Promise.all(
    sessionIds.map(async (id) => {
      try {
        const entry: CacheEntry = opts.revoked ? { dead: true } : await loadFromDb(id, now);
        await getKv().set(cacheKey(id), JSON.stringify(entry), {
          ttlSeconds: entry.dead ? CACHE_DEAD_S : CACHE_ALIVE_S,
        });
      } catch (error) {
        // Postgres already holds the truth; a cache that cannot be written usually cannot be read either.
        log.warn("session cache update failed", { error });
      }
    }),
  );
}

async function readCache(sessionId: string): Promise<CacheEntry | null> {
  try {
    const raw = await getKv().get(cacheKey(sessionId));
    return raw ? (JSON.parse(raw) as CacheEntry) : null;
  } catch (error) {
    log.warn("session cache read failed; using the database", { error });
    return null;
  }
}

async function writeCache(sessionId: string, entry: CacheEntry): Promise<void> {
  try {
    const value = JSON.stringify(entry);
    if (entry.dead) await getKv().set(cacheKey(sessionId), value, { ttlSeconds: CACHE_DEAD_S });
    else await getKv().setIfAbsent(cacheKey(sessionId), value, { ttlSeconds: CACHE_ALIVE_S });
  } catch (error) {
    log.warn("session cache write failed", { error });
  }
}

async function loadFromDb(sessionId: string, now: Date): Promise<CacheEntry> {
  return (await loadRowFromDb(sessionId, now)).entry;
}

async function loadRowFromDb(sessionId: string, now: Date): Promise<{ entry: CacheEntry; lastSeenAt: Date | null }> {
  const db = await getDb();
  const [row] = await db
    .select({
      sessionId: authSessions.id,
      kind: authSessions.kind,
      method: authSessions.method,
      expiresAt: authSessions.expiresAt,
      revokedAt: authSessions.revokedAt,
      userId: users.id,
      companyId: users.companyId,
      role: users.role,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      isActive: users.isActive,
      createdAt: users.createdAt,
      lastSeenAt: authSessions.lastSeenAt,
      companyRequiresMfa: companies.requireMfaStaff,
      mfaEnabledAt: userTotp.enabledAt,
      passwordChangedAt: users.passwordChangedAt,
      maxPasswordAgeDays: companies.maxPasswordAgeDays,
    })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .innerJoin(companies, eq(companies.id, users.companyId))
    .leftJoin(userTotp, eq(userTotp.userId, users.id))
    .where(eq(authSessions.id, sessionId))
    .limit(1);
  if (!row || row.revokedAt || !row.isActive || row.expiresAt <= now)
    return { entry: { dead: true }, lastSeenAt: null };
  // The company's identity provider owns second factors and password rules for those it signs in.
  const viaSso = row.method === "sso";
  const entry: CacheEntry = {
    dead: false,
    sessionId: row.sessionId,
    kind: row.kind,
    method: row.method,
    expiresAt: row.expiresAt.toISOString(),
    userId: row.userId,
    companyId: row.companyId,
    role: row.role,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    isActive: row.isActive,
    createdAt: row.createdAt.toISOString(),
    mfaSetupRequired:
      !viaSso && row.companyRequiresMfa && (row.role === "HR" || row.role === "ADMIN") && !row.mfaEnabledAt,
    passwordExpiresAt: viaSso
      ? null
      : (passwordExpiresAt(row.passwordChangedAt, row.maxPasswordAgeDays)?.toISOString() ?? null),
  };
  return { entry, lastSeenAt: row.lastSeenAt };
}

/** Moves last_seen_at to `now` when it is older than LAST_SEEN_EVERY_S; the WHERE keeps concurrent misses to one write. */
async function touchLastSeen(sessionId: string, lastSeenAt: Date | null, now: Date): Promise<void> {
  const staleBefore = new Date(now.getTime() - LAST_SEEN_EVERY_S * 1000);
  if (lastSeenAt && lastSeenAt > staleBefore) return;
  try {
    const db = await getDb();
    await db
      .update(authSessions)
      .set({ lastSeenAt: now })
      .where(
        and(
          eq(authSessions.id, sessionId),
          or(isNull(authSessions.lastSeenAt), lt(authSessions.lastSeenAt, staleBefore)),
        ),
      );
  } catch (error) {
    // Last seen is informational: a failed write must not fail the request it rides on.
    log.warn("session last-seen update failed", { error });
  }
}

/** The live session and its user, or null when the session is unknown, revoked, expired or its user inactive. */
export async function loadSignInContext(sessionId: string, now = new Date()): Promise<SignInContext | null> {
  let entry = await readCache(sessionId);
  if (!entry) {
    const loaded = await loadRowFromDb(sessionId, now);
    entry = loaded.entry;
    await writeCache(sessionId, entry);
    if (!entry.dead) await touchLastSeen(sessionId, loaded.lastSeenAt, now);
  }
  if (entry.dead || new Date(entry.expiresAt) <= now) return null;
  const { dead: _dead, ...context } = entry;
  return { ...context, passwordExpired: isPasswordExpired(context.passwordExpiresAt, now) };
}
