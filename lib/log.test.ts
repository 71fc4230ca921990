import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { useTestDb } from "@/test/use-test-db";
import { describeError } from "./log";

const fixture = useTestDb();

describe("error logging", () => {
  it("keeps the SQL and the database's reason but never a failed query's parameters", async () => {
    const db = await getDb();
    const secretHash = "$2b$12$thisIsAHashThatMustNeverBeLogged000000000000000000000";
    const error = await db
      .insert(users)
      .values({
        companyId: fixture.people["admin@nextgenai.com"]!.companyId,
        email: "admin@nextgenai.com",
        passwordHash: secretHash,
      })
      .then(
        () => null,
        (e: Error) => e,
      );
    expect(error).toBeInstanceOf(Error);
    const logged = JSON.stringify(describeError(error!));
    expect(logged).not.toContain(secretHash);
    expect(logged).toContain("insert into");
    expect(logged).toContain("params: [redacted]");
    expect(await db.select().from(users).where(eq(users.passwordHash, secretHash))).toHaveLength(0);
  });
});
