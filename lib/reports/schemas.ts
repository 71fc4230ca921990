import { z } from "zod";

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const ReportQuery = z.object({
  // Times print in this zone, named in the report; the dashboard sends the browser's.
  tz: z.string().max(64).refine(isTimeZone, "Unknown timezone").default("UTC"),
});
