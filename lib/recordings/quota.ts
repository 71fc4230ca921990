import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { rowsOf } from "@/db/rows";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

// The per-company storage quota (STORAGE_QUOTA_BYTES_PER_COMPANY). A company's usage is the size of its finalized
// recordings plus the chunks of its unfinished ones (a finalized answer's chunks are deleted once it is assembled),
// summed from the rows: no counter row that every upload of the company would have to lock.
//
// The sum is cached per company for USAGE_TTL_MS on each instance, and every chunk the instance stores is added to
// its cached figure at once. So one instance never overshoots by more than one chunk per upload in flight, and N
// instances together by at most what the others accept in one TTL (their uploads are seen at the next refresh):
// with C candidates uploading at R bytes/s, about (N - 1) * C * R * 10 s, plus C chunks of at most 8 MiB.

export const USAGE_TTL_MS = 10_000; // milliseconds a company's summed usage is reused

async function sumUsage(db: DbOrTx, companyId: string): Promise<number> {
  const [row] = rowsOf<{ bytes: string | number }>(
    await db.execute(sql`
      SELECT (COALESCE((SELECT SUM(r.size_bytes) FROM recordings r WHERE r.company_id = ${companyId} AND r.status = 'ready'), 0)
            + COALESCE((SELECT SUM(c.size_bytes) FROM recording_chunks c JOIN recordings r ON r.id = c.recording_id
                         WHERE r.company_id = ${companyId} AND r.status <> 'ready'), 0))::bigint AS bytes`),
  );
  return Number(row?.bytes ?? 0);
}

export interface CompanyStorage {
  usedBytes: number;
  quotaBytes: number;
  /** Throws 507 storage_quota_exceeded when `bytes` more would pass the quota. */
  require(bytes: number): void;
  /** Counts bytes just stored, until the next refresh sums them from the rows. */
  add(bytes: number): void;
}

type Usage = { bytes: number; at: number; warned?: boolean };
const cache = new Map<string, Usage>();
const refreshing = new Map<string, Promise<Usage>>();

/** The company's cached usage, summed again once it is USAGE_TTL_MS old (by one query, however many ask at once). */
function usageOf(db: DbOrTx, companyId: string, now: number): Usage | Promise<Usage> {
  const cached = cache.get(companyId);
  if (cached && now - cached.at < USAGE_TTL_MS) return cached;
  let pending = refreshing.get(companyId);
  if (!pending) {
    pending = sumUsage(db, companyId)
      .then((bytes) => {
        const fresh = { bytes, at: now };
        cache.set(companyId, fresh);
        if (cache.size > 10_000) for (const [id, e] of cache) if (now - e.at >= USAGE_TTL_MS) cache.delete(id);
        return fresh;
      })
      .finally(() => refreshing.delete(companyId));
    refreshing.set(companyId, pending);
  }
  return pending;
}

/** The company's usage (at most USAGE_TTL_MS old on this instance) against its quota. */
export async function companyStorage(db: DbOrTx, companyId: string, now = Date.now()): Promise<CompanyStorage> {
  const current = await usageOf(db, companyId, now);
  const quotaBytes = env().STORAGE_QUOTA_BYTES_PER_COMPANY;
  return {
    usedBytes: current.bytes,
    quotaBytes,
    require(bytes) {
      if (current.bytes + bytes <= quotaBytes) return;
      // The figures are for the company's staff (the log, once per refresh); a candidate only learns that uploads stop.
      if (!current.warned)
        log.warn("recordings.quota_exceeded", {
          company_id: companyId,
          used_bytes: current.bytes,
          quota_bytes: quotaBytes,
        });
      current.warned = true;
      throw new AppError(
        "INSUFFICIENT_STORAGE",
        "The company's recording storage is full; uploads can continue once space is freed",
        {
          reason: "storage_quota_exceeded",
        },
      );
    },
    add(bytes) {
      current.bytes += bytes;
    },
  };
}

/** Tests start each case from the rows. */
export function forgetStorageUsage(): void {
  cache.clear();
}
