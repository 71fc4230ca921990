"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { HolidayDate } from "@/lib/companies/holiday-dates";
import { updateCompanyHolidays } from "@/lib/companies/holidays";
import { formAction } from "@/lib/http/server-action";

// HR and ADMIN keep the company's holidays; lib/companies/holidays locks the company row and writes the audit row.

const SETTINGS_PATH = "/dashboard/settings";
const DateForm = z.object({ date: HolidayDate });

export const addHolidayAction = formAction(DateForm, "company.holidays", async ({ date }, { user, meta }) => {
  const { added } = await updateCompanyHolidays({ actor: user, add: [date], meta });
  revalidatePath(SETTINGS_PATH);
  return added.length ? `Added ${date} to the company holidays.` : `${date} was already a company holiday.`;
});

export const removeHolidayAction = formAction(DateForm, "company.holidays", async ({ date }, { user, meta }) => {
  const { removed } = await updateCompanyHolidays({ actor: user, remove: [date], meta });
  revalidatePath(SETTINGS_PATH);
  return removed.length ? `Removed ${date} from the company holidays.` : `${date} was not a company holiday.`;
});
