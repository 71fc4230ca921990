import { z } from "zod";
import { MAX_HOLIDAYS } from "@/lib/invites/expiry-rules";

// The company holiday list's rules, client-safe: ISO calendar dates, sorted, each once, at most MAX_HOLIDAYS.

export { MAX_HOLIDAYS };

export const HolidayDate = z.iso.date("Enter a calendar date (YYYY-MM-DD)");

/** The list as it is stored: sorted, without repeats. */
export const normalizeHolidays = (dates: readonly string[]): string[] => [...new Set(dates)].sort();
