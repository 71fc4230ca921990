import "server-only";
import { refreshCompanySessions } from "@/lib/auth/session-refresh";
import type { RequestMeta } from "@/lib/http/request-meta";
import { companySettingOf, updateCompanySetting } from "./company-setting";

// Whether HR and ADMIN users must use two-factor sign-in (lib/auth/two-factor.ts). Off by default; an ADMIN changes it
// (the caller checks "company.two_factor"), audited COMPANY_SETTINGS_UPDATED. Those it applies to without two-factor
// are sent to set it up by the dashboard (lib/auth/dal.ts) and refused by the API (lib/auth/mfa-setup-gate.ts), from
// their next request on.

/** The company's setting (false for an unknown company). */
export async function twoFactorRequiredOf(companyId: string): Promise<boolean> {
  return (await companySettingOf(companyId, "require_mfa_staff")) ?? false;
}

/** Sets it under the company row's lock; setting the value it already has changes nothing and is not audited. */
export async function setTwoFactorRequired(input: {
  actor: { userId: string; companyId: string };
  required: boolean;
  meta: RequestMeta;
}): Promise<{ required: boolean; changed: boolean }> {
  const { value, changed } = await updateCompanySetting({
    actor: input.actor,
    setting: "require_mfa_staff",
    value: input.required,
    meta: input.meta,
  });
  // Sessions carry whether their user must set up two-factor; rebuild their cached context now, not in 30 s.
  if (changed) await refreshCompanySessions(input.actor.companyId);
  return { required: value, changed };
}
