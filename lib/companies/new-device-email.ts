import "server-only";
import { eq } from "drizzle-orm";
import { companies } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";

// Whether the company's users get an email when they sign in from a device new to them (lib/auth/new-device.ts).
// Off by default; an ADMIN changes it (the caller checks "company.sign_in_alerts"), audited COMPANY_SETTINGS_UPDATED.

/** The company's setting (false for an unknown company). */
export async function newDeviceEmailOf(companyId: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ on: companies.newDeviceEmail })
    .from(companies)
    .where(eq(companies.id, companyId))
    .limit(1);
  return row?.on ?? false;
}

/** Sets it under the company row's lock; setting the value it already has changes nothing and is not audited. */
export async function setNewDeviceEmail(input: {
  actor: { userId: string; companyId: string };
  enabled: boolean;
  meta: RequestMeta;
}): Promise<{ enabled: boolean; changed: boolean }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ on: companies.newDeviceEmail })
      .from(companies)
      .where(eq(companies.id, input.actor.companyId))
      .for("update");
    if (!row) throw notFound("Company");
    if (row.on === input.enabled) return { enabled: row.on, changed: false };
    await tx.update(companies).set({ newDeviceEmail: input.enabled }).where(eq(companies.id, input.actor.companyId));
    await writeAudit(tx, {
      action: "COMPANY_SETTINGS_UPDATED",
      companyId: input.actor.companyId,
      userId: input.actor.userId,
      resourceType: "company",
      resourceId: input.actor.companyId,
      details: { setting: "new_device_email", from: row.on, to: input.enabled },
      meta: input.meta,
    });
    return { enabled: input.enabled, changed: true };
  });
}
