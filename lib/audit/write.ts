import "server-only";
import type { DbOrTx } from "@/db";
import { auditLogs, type AuditAction } from "@/db/schema";
import type { RequestMeta } from "@/lib/http/request-meta";

export interface AuditEntry {
  action: AuditAction;
  companyId: string | null;
  userId: string | null;
  resourceType?: string;
  resourceId?: string;
  /** Never put a password, token or secret here. */
  details?: Record<string, unknown>;
  meta?: RequestMeta;
  now?: Date;
}

const rowOf = (entry: AuditEntry) => ({
  action: entry.action,
  companyId: entry.companyId,
  userId: entry.userId,
  resourceType: entry.resourceType ?? null,
  resourceId: entry.resourceId ?? null,
  details: entry.details ?? null,
  ipAddress: entry.meta?.ip ?? null,
  userAgent: entry.meta?.userAgent ?? null,
  ...(entry.now ? { createdAt: entry.now } : {}),
});

/** Appends one audit row; pass the transaction of the action it records so both commit or neither does. */
export async function writeAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLogs).values(rowOf(entry));
}

/** Appends many audit rows in one statement (a bulk action audits each thing it did), in the action's transaction. */
export async function writeAudits(db: DbOrTx, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length > 0) await db.insert(auditLogs).values(entries.map(rowOf));
}
