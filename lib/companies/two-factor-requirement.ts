import "server-only";
import { eq } from "drizzle-orm";
import { companies } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { refreshCompanySessions } from "@/lib/auth/two-factor";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";

// Whether HR and ADMIN users must use two-factor sign-in (lib/auth/two-factor.ts). Off by default; an ADMIN changes it
// (the caller checks "company.two_factor"), audited COMPANY_SETTINGS_UPDATED. Those it applies to without two-factor
// are sent to set it up by the dashboard (lib/auth/dal.ts), from their next request on.

/** The company's setting (false for an unknown company). */
export async function twoFactorRequiredOf(companyId: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ on: companies.requireMfaStaff })
    .from(companies)
    .where(eq(companies.id, companyId))
    .limit(1);
  return row?.on ?? false;
}

/** Sets it under the company row's lock; setting the value it already has changes nothing and is not audited. */
export async function setTwoFactorRequired(input: {
  actor: { userId: string; companyId: string };
  required: boolean;
  meta: RequestMeta;
}): Promise<{ required: boolean; changed: boolean }> {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ on: companies.requireMfaStaff })
      .from(companies)
      .where(eq(companies.id, input.actor.companyId))
      .for("update");
    if (!row) throw notFound("Company");
    if (row.on === input.required) return { required: row.on, changed: false };
    await tx.update(companies).set({ requireMfaStaff: input.required }).where(eq(companies.id, input.actor.companyId));
    await writeAudit(tx, {
      action: "COMPANY_SETTINGS_UPDATED",
      companyId: input.actor.companyId,
      userId: input.actor.userId,
      resourceType: "company",
      resourceId: input.actor.companyId,
      details: { setting: "require_mfa_staff", from: row.on, to: input.required },
      meta: input.meta,
    });
    return { required: input.required, changed: true };
  });
  // Sessions carry whether their user must set up two-factor; rebuild their cached context now, not in 30 s.
  if (result.changed) await refreshCompanySessions(input.actor.companyId);
  return result;
}
