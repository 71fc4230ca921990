import "server-only";
import { eq } from "drizzle-orm";
import { companies } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { getDb, type DbOrTx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { MAX_HOLIDAYS, normalizeHolidays } from "./holiday-dates";

// The company's holidays (ISO dates): business-day invite expiry skips them as it skips weekends. HR and ADMIN keep
// the list (the caller checks "company.holidays"); each change is audited COMPANY_HOLIDAYS_UPDATED.

interface HolidayActor {
  userId: string;
  companyId: string;
}

/** The company's holidays, sorted. */
export async function companyHolidays(db: DbOrTx, companyId: string): Promise<string[]> {
  const [row] = await db
    .select({ holidays: companies.holidays })
    .from(companies)
    .where(eq(companies.id, companyId))
    .limit(1);
  return normalizeHolidays(row?.holidays ?? []);
}

/**
 * Adds and removes dates under the company row's lock, so two people editing at once both keep their changes.
 * Adding a date already listed, or removing one that is not, changes nothing and writes no audit row.
 */
export async function updateCompanyHolidays(input: {
  actor: HolidayActor;
  add?: readonly string[];
  remove?: readonly string[];
  meta: RequestMeta;
}): Promise<{ holidays: string[]; added: string[]; removed: string[] }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ holidays: companies.holidays })
      .from(companies)
      .where(eq(companies.id, input.actor.companyId))
      .for("update");
    if (!row) throw notFound("Company");
    const before = normalizeHolidays(row.holidays);
    const removing = new Set(input.remove ?? []);
    const after = normalizeHolidays([...before.filter((d) => !removing.has(d)), ...(input.add ?? [])]);
    const added = after.filter((d) => !before.includes(d));
    const removed = before.filter((d) => !after.includes(d));
    if (added.length === 0 && removed.length === 0) return { holidays: before, added, removed };
    if (after.length > MAX_HOLIDAYS) {
      throw new AppError("VALIDATION", `A company can list at most ${MAX_HOLIDAYS} holidays; remove past ones first`, {
        issues: [{ loc: ["body", "date"], msg: `at most ${MAX_HOLIDAYS} holidays`, type: "value_error" }],
      });
    }
    await tx.update(companies).set({ holidays: after }).where(eq(companies.id, input.actor.companyId));
    await writeAudit(tx, {
      action: "COMPANY_HOLIDAYS_UPDATED",
      companyId: input.actor.companyId,
      userId: input.actor.userId,
      resourceType: "company",
      resourceId: input.actor.companyId,
      details: { added, removed, count: after.length },
      meta: input.meta,
    });
    return { holidays: after, added, removed };
  });
}

/** The company's holidays, sorted (for the settings page). */
export async function companyHolidaysOf(companyId: string): Promise<string[]> {
  return companyHolidays(await getDb(), companyId);
}
