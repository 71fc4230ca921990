import "server-only";
import type { RequestMeta } from "@/lib/http/request-meta";
import { companySettingOf, updateCompanySetting } from "./company-setting";

// Whether the company's users get an email when they sign in from a device new to them (lib/auth/new-device.ts).
// Off by default; an ADMIN changes it (the caller checks "company.sign_in_alerts"), audited COMPANY_SETTINGS_UPDATED.

/** The company's setting (false for an unknown company). */
export async function newDeviceEmailOf(companyId: string): Promise<boolean> {
  return (await companySettingOf(companyId, "new_device_email")) ?? false;
}

/** Sets it under the company row's lock; setting the value it already has changes nothing and is not audited. */
export async function setNewDeviceEmail(input: {
  actor: { userId: string; companyId: string };
  enabled: boolean;
  meta: RequestMeta;
}): Promise<{ enabled: boolean; changed: boolean }> {
  const { value, changed } = await updateCompanySetting({
    actor: input.actor,
    setting: "new_device_email",
    value: input.enabled,
    meta: input.meta,
  });
  return { enabled: value, changed };
}
