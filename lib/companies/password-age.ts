import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { companies, users } from "@/db/schema";
import { MAX_PASSWORD_AGE_DAYS, MIN_PASSWORD_AGE_DAYS, passwordAgeDays } from "@/lib/auth/password-expiry";
import { refreshCompanySessions } from "@/lib/auth/session-refresh";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { companySettingOf, updateCompanySetting } from "./company-setting";

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
  return (await companySettingOf(companyId, "max_password_age_days")) ?? null;
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
  const { value, changed } = await updateCompanySetting({
    actor: input.actor,
    setting: "max_password_age_days",
    value: parsed.data,
    meta: input.meta,
  });
  // Sessions carry when their password expires; rebuild their cached context now, not in 30 s.
  if (changed) await refreshCompanySessions(input.actor.companyId);
  return { days: value, changed };
}
