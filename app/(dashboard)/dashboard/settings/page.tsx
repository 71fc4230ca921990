import type { Metadata } from "next";
import Link from "next/link";
import { HolidaysEditor } from "@/components/settings/holidays-editor";
import { NewDeviceEmailForm } from "@/components/settings/new-device-email-form";
import { PasswordAgeForm } from "@/components/settings/password-age-form";
import { TwoFactorRequirementForm } from "@/components/settings/two-factor-requirement-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/dal";
import { MAX_PASSWORD_AGE_DAYS, MIN_PASSWORD_AGE_DAYS } from "@/lib/auth/password-expiry";
import { can } from "@/lib/auth/permissions";
import { MAX_HOLIDAYS } from "@/lib/companies/holiday-dates";
import { companyHolidaysOf } from "@/lib/companies/holidays";
import { newDeviceEmailOf } from "@/lib/companies/new-device-email";
import { maxPasswordAgeOf } from "@/lib/companies/password-age";
import { twoFactorRequiredOf } from "@/lib/companies/two-factor-requirement";
import { addHolidayAction, removeHolidayAction } from "./actions";
import { setNewDeviceEmailAction } from "./new-device-actions";
import { setMaxPasswordAgeAction } from "./password-age-actions";
import { setTwoFactorRequiredAction } from "./two-factor-actions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const viewer = await requirePermission("company.holidays");
  const holidays = await companyHolidaysOf(viewer.companyId);
  const signInAlerts = can(viewer.role, "company.sign_in_alerts") ? await newDeviceEmailOf(viewer.companyId) : null;
  const twoFactorRequired = can(viewer.role, "company.two_factor") ? await twoFactorRequiredOf(viewer.companyId) : null;
  const sso = can(viewer.role, "company.sso");
  const passwordAge = can(viewer.role, "company.password_age")
    ? { days: await maxPasswordAgeOf(viewer.companyId) }
    : null;
  return (
    <>
      <PageHeader title="Settings" description="Settings that apply to the whole company." />
      <section aria-labelledby="holidays-heading" className="stack">
        <h2 id="holidays-heading">Company holidays</h2>
        <p className="muted">
          Invites that expire after a number of business days skip these dates, as they skip Saturdays and Sundays. Each
          date is read in the invite&apos;s own time zone. Changing the list does not move the expiry of invites already
          sent. At most {MAX_HOLIDAYS} dates.
        </p>
        <HolidaysEditor holidays={holidays} add={addHolidayAction} remove={removeHolidayAction} />
      </section>
      {signInAlerts !== null && (
        <section aria-labelledby="sign-in-alerts-heading" className="stack">
          <h2 id="sign-in-alerts-heading">Sign-in alerts</h2>
          <NewDeviceEmailForm enabled={signInAlerts} action={setNewDeviceEmailAction} />
        </section>
      )}
      {twoFactorRequired !== null && (
        <section aria-labelledby="two-factor-heading" className="stack">
          <h2 id="two-factor-heading">Two-factor sign-in</h2>
          <TwoFactorRequirementForm required={twoFactorRequired} action={setTwoFactorRequiredAction} />
        </section>
      )}
      {sso && (
        <section aria-labelledby="sso-heading" className="stack">
          <h2 id="sso-heading">Single sign-on</h2>
          <p className="muted">
            Let your people sign in with your company&apos;s identity provider, and optionally require it.
          </p>
          <p>
            <Link href="/dashboard/settings/sso">Single sign-on (OpenID Connect)</Link>
          </p>
        </section>
      )}
      {passwordAge !== null && (
        <section aria-labelledby="password-age-heading" className="stack">
          <h2 id="password-age-heading">Password expiry</h2>
          <PasswordAgeForm
            days={passwordAge.days}
            range={{ min: MIN_PASSWORD_AGE_DAYS, max: MAX_PASSWORD_AGE_DAYS }}
            action={setMaxPasswordAgeAction}
          />
        </section>
      )}
    </>
  );
}
