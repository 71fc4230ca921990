import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { companies, users, type Role } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";

export const DEMO_PASSWORD = "SecurePassword123!";

export const DEMO_COMPANIES: {
  name: string;
  users: { email: string; role: Role; firstName: string; lastName: string }[];
}[] = [
  {
    name: "NextGen AI",
    users: [
      { email: "admin@nextgenai.com", role: "ADMIN", firstName: "Ada", lastName: "Admin" },
      { email: "hr@nextgenai.com", role: "HR", firstName: "Emma", lastName: "Rodriguez" },
      { email: "lead@nextgenai.com", role: "TEAM_LEAD", firstName: "Liam", lastName: "Lead" },
      { email: "employee@nextgenai.com", role: "EMPLOYEE", firstName: "Marcus", lastName: "Johnson" },
    ],
  },
  { name: "Globex", users: [{ email: "admin@globex.com", role: "ADMIN", firstName: "Gina", lastName: "Globex" }] },
];

/** Inserts the demo companies and users when missing; running it twice changes nothing. */
export async function seedDemoData(db: Db): Promise<{ created: number }> {
  let created = 0;
  for (const demo of DEMO_COMPANIES) {
    await db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: companies.id })
        .from(companies)
        .where(eq(companies.name, demo.name))
        .limit(1);
      const companyId = existing?.id ?? (await tx.insert(companies).values({ name: demo.name }).returning())[0]!.id;
      for (const user of demo.users) {
        const [present] = await tx.select({ id: users.id }).from(users).where(eq(users.email, user.email)).limit(1);
        if (present) continue;
        const passwordHash = await hashPassword(DEMO_PASSWORD);
        const inserted = await tx
          .insert(users)
          .values({ ...user, companyId, passwordHash })
          .onConflictDoNothing({ target: users.email })
          .returning({ id: users.id });
        created += inserted.length;
      }
    });
  }
  return { created };
}

/** The seed writes known passwords, so it refuses a database that is not on this machine unless forced. */
export function isLocalDatabaseUrl(url: string | undefined): boolean {
  if (!url) return true; // PGlite
  const host = new URL(url).hostname;
  return ["localhost", "127.0.0.1", "::1", "[::1]", ""].includes(host);
}
