import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as meRoute } from "@/app/api/v1/users/me/route";
import { getDb } from "@/db";
import { auditLogs, authSessions } from "@/db/schema";
import { login } from "@/lib/auth/login";
import { loadSignInContext } from "@/lib/auth/sign-in-sessions";
import { useTestDb } from "@/test/use-test-db";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { createUser, updateUser } from "./manage";

const fixture = useTestDb();
const ip = fileClientIp();
const meta = { ip, userAgent: "vitest" };
const actorOf = (email: string, role: "ADMIN" | "HR" = "ADMIN") => ({
  userId: fixture.people[email]!.id,
  companyId: fixture.people[email]!.companyId,
  role,
});
const strongPassword = "a long enough passphrase";

async function auditCount(action: string, resourceId: string) {
  const db = await getDb();
  return (
    await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, action), eq(auditLogs.resourceId, resourceId)))
  ).length;
}

describe("createUser", () => {
  it("creates a user in the admin's company, audited, who can then log in", async () => {
    const user = await createUser({
      actor: actorOf("admin@nextgenai.com"),
      email: "New.Hire@NextGenAI.com",
      password: strongPassword,
      role: "EMPLOYEE",
      meta,
    });
    expect(user).toMatchObject({
      email: "new.hire@nextgenai.com",
      role: "EMPLOYEE",
      companyId: fixture.people["admin@nextgenai.com"]!.companyId,
    });
    expect(user).not.toHaveProperty("passwordHash");
    expect(await auditCount("USER_CREATED", user.id)).toBe(1);
    await expect(
      login({ email: "new.hire@nextgenai.com", password: strongPassword, kind: "api", meta }),
    ).resolves.toBeTruthy();
  });

  it("refuses weak passwords with a field issue, and duplicates with 409", async () => {
    await expect(
      createUser({
        actor: actorOf("admin@nextgenai.com"),
        email: "weak@nextgenai.com",
        password: "short",
        role: "HR",
        meta,
      }),
    ).rejects.toMatchObject({
      status: 422,
      extra: { issues: [expect.objectContaining({ loc: ["body", "password"] })] },
    });
    await expect(
      createUser({
        actor: actorOf("admin@nextgenai.com"),
        email: "hr@nextgenai.com",
        password: strongPassword,
        role: "HR",
        meta,
      }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it("only ADMIN may manage users", async () => {
    await expect(
      createUser({
        actor: actorOf("hr@nextgenai.com", "HR"),
        email: "x@nextgenai.com",
        password: strongPassword,
        role: "ADMIN",
        meta,
      }),
    ).rejects.toMatchObject({ status: 403 });
  });
});

describe("updateUser", () => {
  it("deactivation revokes every session at once and is audited", async () => {
    const user = await createUser({
      actor: actorOf("admin@nextgenai.com"),
      email: "leaving@nextgenai.com",
      password: strongPassword,
      role: "EMPLOYEE",
      meta,
    });
    const api = await apiLogin("leaving@nextgenai.com", ip, strongPassword);
    const web = await login({ email: "leaving@nextgenai.com", password: strongPassword, kind: "web", meta });
    expect((await call(meRoute, "/api/v1/users/me", { token: api.access_token, ip })).status).toBe(200);
    expect(await loadSignInContext(web.session.id)).not.toBeNull();

    await updateUser({ actor: actorOf("admin@nextgenai.com"), userId: user.id, isActive: false, meta });

    expect((await call(meRoute, "/api/v1/users/me", { token: api.access_token, ip })).status).toBe(401);
    expect(await loadSignInContext(web.session.id)).toBeNull();
    const db = await getDb();
    const sessions = await db.select().from(authSessions).where(eq(authSessions.userId, user.id));
    expect(sessions.every((s) => s.revokedReason === "user_deactivated")).toBe(true);
    expect(await auditCount("USER_DEACTIVATED", user.id)).toBe(1);
    await expect(
      login({ email: "leaving@nextgenai.com", password: strongPassword, kind: "api", meta }),
    ).rejects.toMatchObject({ status: 401 });

    await updateUser({ actor: actorOf("admin@nextgenai.com"), userId: user.id, isActive: true, meta });
    expect(await auditCount("USER_UPDATED", user.id)).toBe(1);
    await expect(
      login({ email: "leaving@nextgenai.com", password: strongPassword, kind: "api", meta }),
    ).resolves.toBeTruthy();
  });

  it("a role change is audited with before and after", async () => {
    const target = fixture.people["lead@nextgenai.com"]!;
    await updateUser({ actor: actorOf("admin@nextgenai.com"), userId: target.id, role: "HR", meta });
    const db = await getDb();
    const [row] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "USER_UPDATED"), eq(auditLogs.resourceId, target.id)));
    expect(row!.details).toMatchObject({ role: { from: "TEAM_LEAD", to: "HR" } });
    await updateUser({ actor: actorOf("admin@nextgenai.com"), userId: target.id, role: "TEAM_LEAD", meta });
  });

  it("tenant isolation: another company's user id answers 404 and nothing changes", async () => {
    const target = fixture.people["employee@nextgenai.com"]!;
    await expect(
      updateUser({ actor: actorOf("admin@globex.com"), userId: target.id, isActive: false, meta }),
    ).rejects.toMatchObject({ status: 404 });
    expect(
      (
        await loadSignInContext(
          (await login({ email: target.email, password: "SecurePassword123!", kind: "web", meta })).session.id,
        )
      )?.isActive,
    ).toBe(true);
  });

  it("an admin cannot demote or deactivate themselves", async () => {
    const admin = actorOf("admin@nextgenai.com");
    await expect(updateUser({ actor: admin, userId: admin.userId, role: "HR", meta })).rejects.toMatchObject({
      status: 409,
    });
    await expect(updateUser({ actor: admin, userId: admin.userId, isActive: false, meta })).rejects.toMatchObject({
      status: 409,
    });
    await expect(
      updateUser({ actor: admin, userId: admin.userId.toUpperCase(), isActive: false, meta }),
    ).rejects.toMatchObject({ status: 409 });
  });
});
