import { and, eq, inArray } from "drizzle-orm";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { DELETE as deleteOwn } from "@/app/api/v1/auth/sessions/[id]/route";
import { GET as listOwn } from "@/app/api/v1/auth/sessions/route";
import { POST as signOutOthers } from "@/app/api/v1/auth/sessions/sign-out-others/route";
import { DELETE as deleteForUser } from "@/app/api/v1/users/[userId]/sessions/[id]/route";
import { GET as listForUser } from "@/app/api/v1/users/[userId]/sessions/route";
import { POST as signOutAllForUser } from "@/app/api/v1/users/[userId]/sessions/sign-out-all/route";
import { GET as meRoute } from "@/app/api/v1/users/me/route";
import { getDb } from "@/db";
import { auditLogs, authSessions } from "@/db/schema";
import { login } from "@/lib/auth/login";
import { loadSignInContext } from "@/lib/auth/sign-in-sessions";
import { apiLogin, DEMO_PASSWORD } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { freshAccount } from "@/test/login-accounts";
import { useTestDb } from "@/test/use-test-db";

const fixture = useTestDb();
const ip = fileClientIp();
const CHROME =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

const sidOf = (token: string) => decodeJwt(token).sid as string;

async function revokedAudits(sessionIds: string[]) {
  const db = await getDb();
  return db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.action, "SIGN_IN_SESSION_REVOKED"), inArray(auditLogs.resourceId, sessionIds)));
}

async function sessionRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(authSessions).where(eq(authSessions.id, id));
  return row!;
}

/** A person with an API session (the caller), a second API session and a browser session. */
async function personWithThreeSessions() {
  const person = await freshAccount();
  const mine = await apiLogin(person.email, ip);
  const other = await apiLogin(person.email, ip);
  const browser = await login({
    email: person.email,
    password: DEMO_PASSWORD,
    kind: "web",
    meta: { ip: "203.0.113.9", userAgent: CHROME },
  });
  return { person, mine, other, browserSessionId: browser.session.id };
}

describe("GET /api/v1/auth/sessions", () => {
  it("lists the caller's live sessions, browser and API, with the device parsed and the current one flagged", async () => {
    const { mine, other, browserSessionId } = await personWithThreeSessions();
    const res = await call(listOwn, "/api/v1/auth/sessions", { token: mine.access_token, ip });
    expect(res.status).toBe(200);
    const byId = new Map(
      (res.json as { id: string; created_at: string; last_seen_at: string }[]).map((s) => [s.id, s]),
    );
    expect(byId.size).toBe(3);
    expect(byId.get(sidOf(mine.access_token))).toMatchObject({ kind: "api", current: true, device: "API client" });
    expect(byId.get(sidOf(other.access_token))).toMatchObject({ kind: "api", current: false });
    expect(byId.get(browserSessionId)).toMatchObject({
      kind: "web",
      current: false,
      device: "Chrome on macOS",
      browser: true,
      user_agent: CHROME,
      ip_address: "203.0.113.9",
    });
    const web = byId.get(browserSessionId)!;
    expect(new Date(web.created_at).toISOString()).toBe(web.created_at);
    expect(web.last_seen_at).toBe(web.created_at); // a sign-in is its first sighting
    expect(res.headers.get("x-total-count")).toBe("3");
  });

  it("pages with skip and limit, the total in X-Total-Count, and refuses bad paging with 422", async () => {
    const { mine } = await personWithThreeSessions();
    const page = await call(listOwn, "/api/v1/auth/sessions", { token: mine.access_token, ip, query: { limit: 2 } });
    expect(page.json).toHaveLength(2);
    expect(page.headers.get("x-total-count")).toBe("3");
    const rest = await call(listOwn, "/api/v1/auth/sessions", {
      token: mine.access_token,
      ip,
      query: { skip: 2, limit: 2 },
    });
    expect(rest.json).toHaveLength(1);
    const bad = await call(listOwn, "/api/v1/auth/sessions", { token: mine.access_token, ip, query: { limit: 0 } });
    expect(bad.status).toBe(422);
    expect(bad.json).toMatchObject({ code: "validation_error" });
  });

  it("leaves out sessions that were signed out, and other people's", async () => {
    const { mine, other } = await personWithThreeSessions();
    await call(deleteOwn, "/api/v1/auth/sessions/x", {
      method: "DELETE",
      token: mine.access_token,
      ip,
      params: { id: sidOf(other.access_token) },
    });
    const res = await call(listOwn, "/api/v1/auth/sessions", { token: mine.access_token, ip });
    const ids = (res.json as { id: string }[]).map((s) => s.id);
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain(sidOf(other.access_token));
  });

  it("requires a bearer token", async () => {
    expect((await call(listOwn, "/api/v1/auth/sessions", { ip })).status).toBe(401);
  });
});

describe("DELETE /api/v1/auth/sessions/{id}", () => {
  it("signs out another session of the caller at once, audited with who did it", async () => {
    const { person, mine, other } = await personWithThreeSessions();
    const otherId = sidOf(other.access_token);
    // Warm the cache, so a sign-out that did not clear it would still let the token in.
    expect((await call(meRoute, "/api/v1/users/me", { token: other.access_token, ip })).status).toBe(200);
    const res = await call(deleteOwn, `/api/v1/auth/sessions/${otherId}`, {
      method: "DELETE",
      token: mine.access_token,
      ip,
      params: { id: otherId },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ message: "Session signed out", current: false });
    expect((await call(meRoute, "/api/v1/users/me", { token: other.access_token, ip })).status).toBe(401);
    expect((await call(meRoute, "/api/v1/users/me", { token: mine.access_token, ip })).status).toBe(200);
    expect(await sessionRow(otherId)).toMatchObject({ revokedReason: "signed_out_by_user" });
    const audits = await revokedAudits([otherId]);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      userId: person.id,
      companyId: person.companyId,
      resourceType: "auth_session",
      ipAddress: ip,
      details: { user_id: person.id, by: "self", scope: "one", current: false, channel: "api" },
    });
  });

  it("signs out the caller's own current session when they name it", async () => {
    const { mine } = await personWithThreeSessions();
    const id = sidOf(mine.access_token);
    const res = await call(deleteOwn, `/api/v1/auth/sessions/${id}`, {
      method: "DELETE",
      token: mine.access_token,
      ip,
      params: { id },
    });
    expect(res.json).toEqual({ message: "Session signed out", current: true });
    expect((await call(meRoute, "/api/v1/users/me", { token: mine.access_token, ip })).status).toBe(401);
    expect((await revokedAudits([id]))[0]?.details).toMatchObject({ current: true });
  });

  it("answers 404 for another user's session, an unknown one, one already signed out, and a non-UUID id", async () => {
    const alice = await personWithThreeSessions();
    const bob = await personWithThreeSessions();
    const del = (id: string) =>
      call(deleteOwn, `/api/v1/auth/sessions/${id}`, {
        method: "DELETE",
        token: alice.mine.access_token,
        ip,
        params: { id },
      });
    const bobs = sidOf(bob.other.access_token);
    const foreign = await del(bobs);
    expect(foreign.status).toBe(404);
    expect(foreign.json).toEqual({ detail: "Session not found", code: "not_found" });
    expect((await call(meRoute, "/api/v1/users/me", { token: bob.other.access_token, ip })).status).toBe(200);
    expect((await del("00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await del(sidOf(alice.other.access_token))).status).toBe(200);
    expect((await del(sidOf(alice.other.access_token))).status).toBe(404);
    const bad = await del("not-a-uuid");
    expect(bad.status).toBe(404);
    expect(bad.json).toEqual({ detail: "Session not found", code: "not_found" });
    expect(await revokedAudits([bobs])).toEqual([]);
  });
});

describe("POST /api/v1/auth/sessions/sign-out-others", () => {
  it("signs out every other session, browser and API, keeps this one, and audits each", async () => {
    const { person, mine, other, browserSessionId } = await personWithThreeSessions();
    const res = await call(signOutOthers, "/api/v1/auth/sessions/sign-out-others", {
      method: "POST",
      token: mine.access_token,
      ip,
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ message: "Other sessions signed out", signed_out: 2 });
    expect((await call(meRoute, "/api/v1/users/me", { token: mine.access_token, ip })).status).toBe(200);
    expect((await call(meRoute, "/api/v1/users/me", { token: other.access_token, ip })).status).toBe(401);
    expect(await loadSignInContext(browserSessionId)).toBeNull();
    const audits = await revokedAudits([sidOf(other.access_token), browserSessionId, sidOf(mine.access_token)]);
    expect(audits.map((a) => a.resourceId).sort()).toEqual([sidOf(other.access_token), browserSessionId].sort());
    for (const audit of audits)
      expect(audit.details).toMatchObject({ user_id: person.id, by: "self", scope: "others", current: false });

    const again = await call(signOutOthers, "/api/v1/auth/sessions/sign-out-others", {
      method: "POST",
      token: mine.access_token,
      ip,
    });
    expect(again.json).toEqual({ message: "Other sessions signed out", signed_out: 0 });
  });
});

describe("an ADMIN and a user's sessions: /api/v1/users/{userId}/sessions", () => {
  it("lists, signs out one and then all sessions of a user of their own company, audited as the admin", async () => {
    const { person, other, mine, browserSessionId } = await personWithThreeSessions();
    const admin = await apiLogin("admin@nextgenai.com", ip);
    const adminId = fixture.people["admin@nextgenai.com"]!.id;
    const params = { userId: person.id };

    const listed = await call(listForUser, `/api/v1/users/${person.id}/sessions`, {
      token: admin.access_token,
      ip,
      params,
    });
    expect(listed.status).toBe(200);
    expect((listed.json as { current: boolean }[]).map((s) => s.current)).toEqual([false, false, false]);
    expect(listed.json).toHaveLength(3);

    const one = await call(deleteForUser, "/api/v1/users/x/sessions/y", {
      method: "DELETE",
      token: admin.access_token,
      ip,
      params: { ...params, id: browserSessionId },
    });
    expect(one.json).toEqual({ message: "Session signed out", current: false });
    expect(await sessionRow(browserSessionId)).toMatchObject({ revokedReason: "signed_out_by_admin" });

    const all = await call(signOutAllForUser, "/api/v1/users/x/sessions/sign-out-all", {
      method: "POST",
      token: admin.access_token,
      ip,
      params,
    });
    expect(all.json).toEqual({ message: "Sessions signed out", signed_out: 2 });
    for (const token of [mine, other])
      expect((await call(meRoute, "/api/v1/users/me", { token: token.access_token, ip })).status).toBe(401);
    expect((await call(meRoute, "/api/v1/users/me", { token: admin.access_token, ip })).status).toBe(200);

    const audits = await revokedAudits([browserSessionId, sidOf(mine.access_token), sidOf(other.access_token)]);
    expect(audits).toHaveLength(3);
    for (const audit of audits) {
      expect(audit.userId).toBe(adminId);
      expect(audit.details).toMatchObject({ user_id: person.id, by: "admin" });
    }
    expect(audits.find((a) => a.resourceId === browserSessionId)?.details).toMatchObject({ scope: "one" });
  });

  it("an ADMIN naming themself keeps the session they are using", async () => {
    const adminEmail = "admin@nextgenai.com";
    const admin = await apiLogin(adminEmail, ip);
    const second = await apiLogin(adminEmail, ip);
    const res = await call(signOutAllForUser, "/x", {
      method: "POST",
      token: admin.access_token,
      ip,
      params: { userId: fixture.people[adminEmail]!.id },
    });
    expect(res.status).toBe(200);
    expect((res.json as { signed_out: number }).signed_out).toBeGreaterThanOrEqual(1);
    expect((await call(meRoute, "/api/v1/users/me", { token: admin.access_token, ip })).status).toBe(200);
    expect((await call(meRoute, "/api/v1/users/me", { token: second.access_token, ip })).status).toBe(401);
  });

  it("is 404 across companies (users and sessions alike), and 403 for roles other than ADMIN", async () => {
    const { person, other } = await personWithThreeSessions();
    const globex = await apiLogin("admin@globex.com", ip);
    const params = { userId: person.id };
    const listed = await call(listForUser, "/x", { token: globex.access_token, ip, params });
    expect(listed.status).toBe(404);
    expect(listed.json).toEqual({ detail: "User not found", code: "not_found" });
    const foreign = await call(deleteForUser, "/x", {
      method: "DELETE",
      token: globex.access_token,
      ip,
      params: { ...params, id: sidOf(other.access_token) },
    });
    expect(foreign.status).toBe(404);
    const all = await call(signOutAllForUser, "/x", { method: "POST", token: globex.access_token, ip, params });
    expect(all.status).toBe(404);
    // A session of the Globex admin named under a NextGen user's path: still not found.
    const nextgenAdmin = await apiLogin("admin@nextgenai.com", ip);
    const mismatched = await call(deleteForUser, "/x", {
      method: "DELETE",
      token: nextgenAdmin.access_token,
      ip,
      params: { ...params, id: sidOf(globex.access_token) },
    });
    expect(mismatched.status).toBe(404);
    expect((await call(meRoute, "/api/v1/users/me", { token: other.access_token, ip })).status).toBe(200);
    expect((await call(meRoute, "/api/v1/users/me", { token: globex.access_token, ip })).status).toBe(200);
    expect(await revokedAudits([sidOf(other.access_token), sidOf(globex.access_token)])).toEqual([]);

    const bad = await call(listForUser, "/x", { token: nextgenAdmin.access_token, ip, params: { userId: "nope" } });
    expect(bad.status).toBe(404);

    const hr = await apiLogin("hr@nextgenai.com", ip);
    const refused = await call(listForUser, "/x", { token: hr.access_token, ip, params });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ code: "forbidden" });
    const employee = await apiLogin("employee@nextgenai.com", ip);
    const refusedDelete = await call(deleteForUser, "/x", {
      method: "DELETE",
      token: employee.access_token,
      ip,
      params: { ...params, id: sidOf(other.access_token) },
    });
    expect(refusedDelete.status).toBe(403);
  });
});

describe("signing out at the same moment", () => {
  it("signs each session out once, with one audit row, however many requests race for it", async () => {
    const { mine, other, browserSessionId } = await personWithThreeSessions();
    const otherId = sidOf(other.access_token);
    const results = await Promise.all([
      ...[1, 2, 3].map(() =>
        call(deleteOwn, "/x", { method: "DELETE", token: mine.access_token, ip, params: { id: otherId } }),
      ),
      call(signOutOthers, "/x", { method: "POST", token: mine.access_token, ip }),
      call(signOutOthers, "/x", { method: "POST", token: mine.access_token, ip }),
    ]);
    const deletes = results.slice(0, 3).map((r) => r.status);
    const signedOut = results.slice(3).map((r) => (r.json as { signed_out: number }).signed_out);
    const winners = deletes.filter((s) => s === 200).length;
    expect(deletes.every((s) => s === 200 || s === 404)).toBe(true);
    // The other API session was ended once, by a DELETE or by one of the sign-outs; the browser by a sign-out.
    expect(winners + signedOut.reduce((a, b) => a + b, 0)).toBe(2);
    const audits = await revokedAudits([otherId, browserSessionId]);
    expect(audits.map((a) => a.resourceId).sort()).toEqual([otherId, browserSessionId].sort());
    expect((await call(meRoute, "/api/v1/users/me", { token: mine.access_token, ip })).status).toBe(200);
  });
});
