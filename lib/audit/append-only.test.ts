import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs } from "@/db/schema";
import { createTestDb, type TestDb } from "@/test/db";
import { writeAudit } from "./write";

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(() => testDb.drop());

describe("audit_logs", () => {
  it("is append-only: the database refuses UPDATE and DELETE", async () => {
    const db = await getDb();
    await writeAudit(db, {
      action: "LOGIN_FAILED",
      companyId: null,
      userId: null,
      details: { reason: "unknown_email" },
      meta: { ip: "203.0.113.1", userAgent: "ua" },
    });
    const [row] = await db.select().from(auditLogs);
    expect(row).toMatchObject({ action: "LOGIN_FAILED", ipAddress: "203.0.113.1", userAgent: "ua" });
    await expect(db.update(auditLogs).set({ action: "LOGIN" }).where(eq(auditLogs.id, row!.id))).rejects.toThrow();
    await expect(db.delete(auditLogs).where(eq(auditLogs.id, row!.id))).rejects.toThrow();
    expect(await db.select().from(auditLogs)).toHaveLength(1);
  });

  it("rolls back with the action it records", async () => {
    const db = await getDb();
    const before = (await db.select().from(auditLogs)).length;
    await expect(
      db.transaction(async (tx) => {
        await writeAudit(tx, { action: "LOGOUT", companyId: null, userId: null });
        throw new Error("the action failed");
      }),
    ).rejects.toThrow("the action failed");
    expect(await db.select().from(auditLogs)).toHaveLength(before);
  });
});
