import { randomInt, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/test/fixtures";

// Login tests that fail on purpose use accounts and client addresses of their own. The per-account rule counts
// failures from every client for 15 minutes, and in CI the counters live in one Redis shared by every test file (and
// by the e2e run after them): failures piled on a demo account there would lock other files out of it.

export { DEMO_PASSWORD };

/** A random client address, new for each call (IPv4, so audit rows read naturally). */
export const freshIp = () => `10.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

/** A new active account in the demo company of `like`, with the demo password (its hash copied: no bcrypt run). */
export async function freshAccount(
  like = "employee@nextgenai.com",
): Promise<{ id: string; email: string; companyId: string }> {
  const db = await getDb();
  const [template] = await db
    .select({ companyId: users.companyId, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, like));
  if (!template) throw new Error(`no demo account ${like}: seed the test database first`);
  const email = `throttle-${randomUUID()}@nextgenai.com`;
  const [row] = await db
    .insert(users)
    .values({ email, companyId: template.companyId, passwordHash: template.passwordHash, role: "EMPLOYEE" })
    .returning({ id: users.id, email: users.email, companyId: users.companyId });
  return row!;
}
