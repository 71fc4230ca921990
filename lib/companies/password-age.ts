import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { companies, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { MAX_PASSWORD_AGE_DAYS, MIN_PASSWORD_AGE_DAYS, passwordAgeDays } from "@/lib/auth/password-expiry";
import { refreshCompanySessions } from "@/lib/auth/two-factor";
import { getDb } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";

// The company's maximum password age in days (lib/auth/password-expiry.ts), or null: off, the default, because NIST
// SP 800-63B advises against forced rotation. An ADMIN changes it (the caller checks "company.password_age"), audited
// COMPANY_SETTINGS_UPDATED. Users whose password is older are sent to change it from their next request on.

const RANGE_MESSAGE = `Choose between ${MIN_PASSWORD_AGE_DAYS} and ${MAX_PASSWORD_AGE_DAYS} days, or turn it off`;

/** A maximum password age: a whole number of days in range, or null for off. */
export const MaxPasswordAgeDays = z
  .number({ error: RANGE_MESSAGE })
  .int("Enter a whole number of days")
  .min(MIN_PASSWORD_AGE_DAYS, RANGE_MESSAGE)
  .max(MAX_PASSWORD_AGE_DAYS, RANGE_MESSAGE)
  .nullable();

/** The company's setting (null, off, for an unknown company). */
export async function maxPasswordAgeOf(companyId: string): Promise<number | null> {
  const db = await getDb();
  const [row] = await db
    .select({ days: companies.maxPasswordAgeDays })
    .from(companies)
    .where(eq(companies.id, companyId))
    .limit(1);
  return row?.days ?? null;
}

/** What the change-password page says: the company's maximum (null when off) and how old the user's password is. */
export async function passwordAgeOf(userId: string, now = new Date()) {
  const db = await getDb();
  const [row] = await db
    .select({ maxDays: companies.maxPasswordAgeDays, changedAt: users.passwordChangedAt })
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(eq(users.id, userId))
    .limit(1);
  return row ? { maxDays: row.maxDays, ageDays: passwordAgeDays(row.changedAt, now) } : null;
}

/**
 * Sets it under the company row's lock; setting the value it already has changes nothing and is not audited. A value
 * out of range is a 422 naming the field `max_password_age_days`.
 */
export async function setMaxPasswordAge(input: {
  actor: { userId: string; companyId: string };
  days: unknown;
  meta: RequestMeta;
}): Promise<{ days: number | null; changed: boolean }> {
  const parsed = MaxPasswordAgeDays.safeParse(input.days);
  if (!parsed.success) {
    const msg = parsed.error.issues[0]?.message ?? RANGE_MESSAGE;
    throw new AppError("VALIDATION", msg, {
      issues: [{ loc: ["body", "max_password_age_days"], msg, type: "value_error" }],
    });
  }
  const days = parsed.data;
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ days: companies.maxPasswordAgeDays })
      .from(companies)
      .where(eq(companies.id, input.actor.companyId))
      .for("update");
    if (!row) throw notFound("Company");
    if (row.days === days) return { days, changed: false };
    await tx.update(companies).set({ maxPasswordAgeDays: days }).where(eq(companies.id, input.actor.companyId));
    await writeAudit(tx, {
      action: "COMPANY_SETTINGS_UPDATED",
      companyId: input.actor.companyId,
      userId: input.actor.userId,
      resourceType: "company",
      resourceId: input.actor.companyId,
      details: { setting: "max_password_age_days", from: row.days, to: days },
      meta: input.meta,
    });
    return { days, changed: true };
  });
  // Sessions carry when their password expires; rebuild their cached context now, not in 30 s.
  if (result.changed) await refreshCompanySessions(input.actor.companyId);
  return result;
}
