import "server-only";
import { eq } from "drizzle-orm";
import { companies } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { getDb, type DbOrTx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";

// The company settings an ADMIN switches on the Settings page, each one column of `companies`, read and changed the
// same way: the change under the company row's lock, audited COMPANY_SETTINGS_UPDATED with the setting's name and
// both values, and nothing written or audited when the value is already the one asked for. The callers check the
// permission and validate the value.

/** A setting's name (as audited) and its column. */
const COLUMNS = {
  new_device_email: "newDeviceEmail",
  require_mfa_staff: "requireMfaStaff",
  max_password_age_days: "maxPasswordAgeDays",
} as const satisfies Record<string, keyof typeof companies.$inferSelect>;

export type CompanySetting = keyof typeof COLUMNS;
export type CompanySettingValue<S extends CompanySetting> = (typeof companies.$inferSelect)[(typeof COLUMNS)[S]];

/** The company's value, or undefined for an unknown company. */
export async function companySettingOf<S extends CompanySetting>(
  companyId: string,
  setting: S,
): Promise<CompanySettingValue<S> | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ value: companies[COLUMNS[setting]] })
    .from(companies)
    .where(eq(companies.id, companyId))
    .limit(1);
  return row?.value as CompanySettingValue<S> | undefined;
}

/** Sets it under the company row's lock; the value it already has changes nothing and is not audited. */
export async function updateCompanySetting<S extends CompanySetting>(input: {
  actor: { userId: string; companyId: string };
  setting: S;
  value: CompanySettingValue<S>;
  meta: RequestMeta;
}): Promise<{ value: CompanySettingValue<S>; changed: boolean }> {
  const { actor, setting, value } = input;
  const column = COLUMNS[setting];
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ value: companies[column] })
      .from(companies)
      .where(eq(companies.id, actor.companyId))
      .for("update");
    if (!row) throw notFound("Company");
    const from = row.value as CompanySettingValue<S>;
    if (from === value) return { value: from, changed: false };
    await tx
      .update(companies)
      .set({ [column]: value })
      .where(eq(companies.id, actor.companyId));
    await auditCompanySetting(tx, { actor, details: { setting, from, to: value }, meta: input.meta });
    return { value, changed: true };
  });
}

/** The audit row of a change to a company setting (COMPANY_SETTINGS_UPDATED), in the change's transaction. */
export async function auditCompanySetting(
  tx: DbOrTx,
  input: {
    actor: { userId: string; companyId: string };
    details: { setting: string } & Record<string, unknown>;
    meta: RequestMeta;
    now?: Date;
  },
): Promise<void> {
  await writeAudit(tx, {
    action: "COMPANY_SETTINGS_UPDATED",
    companyId: input.actor.companyId,
    userId: input.actor.userId,
    resourceType: "company",
    resourceId: input.actor.companyId,
    details: input.details,
    meta: input.meta,
    now: input.now,
  });
}
