import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { companies, users } from "@/db/schema";
import { useTestDb } from "@/test/use-test-db";
import { describeInvite } from "@/lib/invites/landing";
import { DEMO_COMPANIES, isLocalDatabaseUrl, seedDemoData } from "./demo-data";
import { seedDemoInterview } from "./demo-interview";

useTestDb({ seed: false });

describe("demo seed", () => {
  it("creates the demo companies and users once; running it again changes nothing", async () => {
    const db = await getDb();
    expect((await seedDemoData(db)).created).toBe(5);
    expect((await seedDemoData(db)).created).toBe(0);
    expect((await db.select().from(companies)).map((c) => c.name).sort()).toEqual(["Globex", "NextGen AI"]);
    const seeded = await db.select({ email: users.email, role: users.role }).from(users);
    expect(seeded).toHaveLength(DEMO_COMPANIES.flatMap((c) => c.users).length);
    expect(seeded).toContainEqual({ email: "admin@globex.com", role: "ADMIN" });
  });

  it("creates the demo interview with an open invite once", async () => {
    const db = await getDb();
    await seedDemoData(db);
    const first = await seedDemoInterview(db);
    expect(first?.inviteValue).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await seedDemoInterview(db)).toBeNull();
    expect((await describeInvite(first!.inviteValue)).state).toBe("open");
  });

  it("treats only this machine (or PGlite) as local", () => {
    expect(isLocalDatabaseUrl(undefined)).toBe(true);
    expect(isLocalDatabaseUrl("postgres://u:p@localhost:5432/db")).toBe(true);
    expect(isLocalDatabaseUrl("postgres://u:p@127.0.0.1/db")).toBe(true);
    expect(isLocalDatabaseUrl("postgres://u:p@[::1]:5432/db")).toBe(true);
    expect(isLocalDatabaseUrl("postgres://u:p@db.prod.example.com:5432/db")).toBe(false);
  });
});
