import "server-only";
import { and, asc, count, eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/lib/db";
import { users } from "@/db/schema";

// The only module that reads users. `password_hash` leaves it only through findLoginCandidate.

export const publicUserColumns = {
  id: users.id,
  companyId: users.companyId,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
  role: users.role,
  isActive: users.isActive,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

export type PublicUser = {
  id: string;
  companyId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  role: (typeof users.$inferSelect)["role"];
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export async function findLoginCandidate(db: DbOrTx, { email }: { email: string }) {
  const [row] = await db
    .select({ ...publicUserColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  return row ?? null;
}

export async function getUser(db: DbOrTx, { companyId, userId }: { companyId: string; userId: string }) {
  const [row] = await db
    .select(publicUserColumns)
    .from(users)
    .where(and(eq(users.id, userId), eq(users.companyId, companyId)))
    .limit(1);
  return (row as PublicUser | undefined) ?? null;
}

export async function listUsers(
  db: DbOrTx,
  { companyId, skip, limit }: { companyId: string; skip: number; limit: number },
): Promise<{ items: PublicUser[]; total: number }> {
  const where = eq(users.companyId, companyId);
  const [items, [totals]] = await Promise.all([
    db
      .select(publicUserColumns)
      .from(users)
      .where(where)
      .orderBy(asc(users.createdAt), asc(users.id))
      .offset(skip)
      .limit(limit),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { items, total: totals?.total ?? 0 };
}

/** A page of the company's users and the total (the API's list). */
export async function companyUsers(input: { companyId: string; skip: number; limit: number }) {
  return listUsers(await getDb(), input);
}
