import "server-only";
import { and, count, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/db";
import type { DbOrTx } from "@/db";
import { auditLogs, users } from "@/db/schema";

export interface AuditFilter {
  companyId: string;
  userId?: string;
  action?: string;
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
  page: number;
  pageSize: number;
}

/** A page of the company's audit log, newest first, with the acting user's email. */
export async function listAuditLogs(db: DbOrTx, filter: AuditFilter) {
  const conditions: SQL[] = [eq(auditLogs.companyId, filter.companyId)];
  if (filter.userId) conditions.push(eq(auditLogs.userId, filter.userId));
  if (filter.action) conditions.push(eq(auditLogs.action, filter.action));
  if (filter.from) conditions.push(gte(auditLogs.createdAt, filter.from));
  if (filter.to) conditions.push(lt(auditLogs.createdAt, filter.to));
  const where = and(...conditions);
  const [items, [totals]] = await Promise.all([
    db
      .select({
        id: auditLogs.id,
        action: auditLogs.action,
        userId: auditLogs.userId,
        userEmail: users.email,
        resourceType: auditLogs.resourceType,
        resourceId: auditLogs.resourceId,
        details: auditLogs.details,
        ipAddress: auditLogs.ipAddress,
        userAgent: auditLogs.userAgent,
        createdAt: auditLogs.createdAt,
      })
      .from(auditLogs)
      .leftJoin(users, eq(users.id, auditLogs.userId))
      .where(where)
      .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ total: count() }).from(auditLogs).where(where),
  ]);
  return { items, total: totals?.total ?? 0 };
}

/** listAuditLogs on the app's database (the audit page). */
export async function companyAuditLog(filter: AuditFilter) {
  return listAuditLogs(await getDb(), filter);
}
