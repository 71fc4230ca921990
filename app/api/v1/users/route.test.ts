import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { useTestDb } from "@/test/use-test-db";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { GET as meRoute } from "./me/route";
import { GET } from "./route";

const fixture = useTestDb();
const ip = fileClientIp();
const tokens: Record<string, string> = {};

beforeAll(async () => {
  for (const email of [
    "admin@nextgenai.com",
    "hr@nextgenai.com",
    "lead@nextgenai.com",
    "employee@nextgenai.com",
    "admin@globex.com",
  ]) {
    tokens[email] = (await apiLogin(email, ip)).access_token;
  }
});

const list = (email: string, query?: Record<string, string | number>) =>
  call(GET, "/api/v1/users", { token: tokens[email], ip, query });

describe("GET /api/v1/users/me", () => {
  it("returns the caller's profile and nothing secret", async () => {
    const res = await call(meRoute, "/api/v1/users/me", { token: tokens["hr@nextgenai.com"], ip });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual([
      "company_id",
      "created_at",
      "email",
      "first_name",
      "id",
      "is_active",
      "last_name",
      "role",
    ]);
    expect(res.json).toMatchObject({
      email: "hr@nextgenai.com",
      role: "HR",
      is_active: true,
      id: fixture.people["hr@nextgenai.com"]!.id,
    });
    expect(res.text).not.toMatch(/password|hash|\$2[aby]\$/i);
  });

  it("test_unauthorized_access_rejection: no token or a malformed header is 401", async () => {
    expect((await call(meRoute, "/api/v1/users/me", { ip })).status).toBe(401);
    expect((await call(meRoute, "/api/v1/users/me", { ip, headers: { authorization: "Basic abc" } })).status).toBe(401);
    expect((await call(meRoute, "/api/v1/users/me", { ip, headers: { authorization: "Bearer" } })).status).toBe(401);
  });

  it("reflects a role change on the next request without a new login", async () => {
    const db = await getDb();
    const email = "employee@nextgenai.com";
    const { access_token } = await apiLogin(email, ip);
    const { updateUser } = await import("@/lib/users/manage");
    const admin = fixture.people["admin@nextgenai.com"]!;
    await updateUser({
      actor: { userId: admin.id, companyId: admin.companyId, role: "ADMIN" },
      userId: fixture.people[email]!.id,
      role: "TEAM_LEAD",
      meta: { ip, userAgent: null },
    });
    const res = await call(meRoute, "/api/v1/users/me", { token: access_token, ip });
    expect(res.json.role).toBe("TEAM_LEAD");
    await db.update(users).set({ role: "EMPLOYEE" }).where(eq(users.email, email));
  });
});

describe("GET /api/v1/users", () => {
  it("HR and ADMIN list their own company's users", async () => {
    for (const email of ["admin@nextgenai.com", "hr@nextgenai.com"]) {
      const res = await list(email);
      expect(res.status).toBe(200);
      expect(res.json.map((u: { email: string }) => u.email).sort()).toEqual([
        "admin@nextgenai.com",
        "employee@nextgenai.com",
        "hr@nextgenai.com",
        "lead@nextgenai.com",
      ]);
      expect(res.text).not.toMatch(/password/i);
    }
  });

  it("EMPLOYEE and TEAM_LEAD get 403", async () => {
    for (const email of ["employee@nextgenai.com", "lead@nextgenai.com"]) {
      const res = await list(email);
      expect(res.status).toBe(403);
      expect(res.json).toEqual({ detail: "Insufficient permissions", code: "forbidden" });
    }
  });

  it("tenant isolation: the Globex admin sees only Globex users", async () => {
    const res = await list("admin@globex.com");
    expect(res.status).toBe(200);
    expect(res.json.map((u: { email: string }) => u.email)).toEqual(["admin@globex.com"]);
  });

  it("paginates with skip and limit", async () => {
    const all = (await list("admin@nextgenai.com")).json;
    const page = await list("admin@nextgenai.com", { skip: 1, limit: 2 });
    expect(page.json).toEqual(all.slice(1, 3));
    expect(page.headers.get("x-total-count")).toBe("4");
  });

  it("limit above 100, limit 0, a negative skip or non-numbers are 422", async () => {
    for (const query of [{ limit: 101 }, { limit: 0 }, { skip: -1 }, { skip: "abc" }] as Record<
      string,
      string | number
    >[]) {
      const res = await list("admin@nextgenai.com", query);
      expect(res.status).toBe(422);
      expect(res.json.detail[0].loc[0]).toBe("query");
    }
  });
});
