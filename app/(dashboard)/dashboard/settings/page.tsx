import type { Metadata } from "next";
import { HolidaysEditor } from "@/components/settings/holidays-editor";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/dal";
import { MAX_HOLIDAYS } from "@/lib/companies/holiday-dates";
import { companyHolidaysOf } from "@/lib/companies/holidays";
import { addHolidayAction, removeHolidayAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const viewer = await requirePermission("company.holidays");
  const holidays = await companyHolidaysOf(viewer.companyId);
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
    </>
  );
}
